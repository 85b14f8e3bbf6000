package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.auth.Ed25519Key;
import dev.veil.gateway.auth.SharedSecret;
import java.net.URI;
import java.util.Optional;

/**
 * A brand's CRM: which kind it is, how its webhooks are checked ({@code intake}), where its
 * tickets keep their own id and their comments (JSON Pointers, {@code /ticket/id} and {@code
 * /ticket/comments} for Zendesk-shaped tickets, the default), and where replies go: a {@code
 * webhook} CRM gets them at {@code replyUrl}, signed with {@code secret} (and {@code signingKey},
 * Ed25519 {@code v1a}, when set); the native CRMs get them through their API ({@code api}, written
 * as {@code reply} says). {@code replyUrl} and {@code secret} are null for native CRMs.
 */
public record CrmConfig(URI replyUrl, SharedSecret secret, String ticketId, String comments, CrmKind kind,
        CrmIntakeConfig intake, Optional<CrmApiConfig> api, CrmReplyConfig reply, Optional<Ed25519Key> signingKey) {

    /** Where a Zendesk ticket keeps its id. */
    public static final String DEFAULT_TICKET_ID = "/ticket/id";
    /** Where a Zendesk ticket keeps its comments. */
    public static final String DEFAULT_COMMENTS = "/ticket/comments";

    public CrmConfig {
        requireNonNull(ticketId, "ticketId");
        requireNonNull(comments, "comments");
        requireNonNull(kind, "kind");
        requireNonNull(intake, "intake");
        requireNonNull(api, "api");
        requireNonNull(reply, "reply");
        requireNonNull(signingKey, "signingKey");
        if (kind == CrmKind.WEBHOOK) {
            requireNonNull(replyUrl, "replyUrl");
            requireNonNull(secret, "secret");
        } else if (api.isEmpty()) {
            throw new IllegalArgumentException("api: missing (expected: the " + kind.yamlName() + " API, where replies go)");
        }
    }

    /** A webhook CRM with Standard Webhooks intake. */
    public CrmConfig(URI replyUrl, SharedSecret secret, String ticketId, String comments) {
        this(replyUrl, secret, ticketId, comments, CrmKind.WEBHOOK, CrmIntakeConfig.standard(), Optional.empty(),
                CrmReplyConfig.defaultFor(CrmKind.WEBHOOK), Optional.empty());
    }

    /** A CRM with Zendesk-shaped tickets. */
    public static CrmConfig of(URI replyUrl, SharedSecret secret) {
        return new CrmConfig(replyUrl, secret, DEFAULT_TICKET_ID, DEFAULT_COMMENTS);
    }

    /** Where a kind of CRM's tickets keep their id, as Veil's intake shapes them. */
    public static String defaultTicketId(CrmKind kind) {
        return switch (kind) {
            case WEBHOOK, ZENDESK -> DEFAULT_TICKET_ID;
            case SALESFORCE -> "/Id";
            case FRESHDESK -> "/id";
        };
    }

    /** Where a kind of CRM's tickets keep their comments, as Veil's intake shapes them. */
    public static String defaultComments(CrmKind kind) {
        return switch (kind) {
            case WEBHOOK, ZENDESK -> DEFAULT_COMMENTS;
            case SALESFORCE -> "/CaseComments/records";
            case FRESHDESK -> "/conversations";
        };
    }
}
