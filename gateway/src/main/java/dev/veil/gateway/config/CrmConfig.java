package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.auth.WebhookSecret;
import java.net.URI;

/**
 * A brand's CRM: where replies go and the secret that signs them (Standard Webhooks), and where
 * its tickets keep their own id and their comments (JSON Pointers, {@code /ticket/id} and
 * {@code /ticket/comments} for Zendesk-shaped tickets, the default).
 */
public record CrmConfig(URI replyUrl, WebhookSecret secret, String ticketId, String comments) {

    /** Where a Zendesk ticket keeps its id. */
    public static final String DEFAULT_TICKET_ID = "/ticket/id";
    /** Where a Zendesk ticket keeps its comments. */
    public static final String DEFAULT_COMMENTS = "/ticket/comments";

    public CrmConfig {
        requireNonNull(replyUrl, "replyUrl");
        requireNonNull(secret, "secret");
        requireNonNull(ticketId, "ticketId");
        requireNonNull(comments, "comments");
    }

    /** A CRM with Zendesk-shaped tickets. */
    public static CrmConfig of(URI replyUrl, WebhookSecret secret) {
        return new CrmConfig(replyUrl, secret, DEFAULT_TICKET_ID, DEFAULT_COMMENTS);
    }
}
