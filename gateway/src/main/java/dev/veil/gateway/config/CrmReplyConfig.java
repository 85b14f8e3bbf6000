package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How a reply is written into the CRM: {@code as} is {@code public} or {@code private} (Zendesk
 * comment), {@code reply} or {@code note} (Freshdesk), {@code comment}, {@code email} or
 * {@code send-email} (Salesforce CaseComment, draft EmailMessage, or an e-mail sent to the Case's
 * contact); {@code published} is a Salesforce CaseComment's {@code IsPublished}; {@code authorId}
 * a Zendesk comment's author; {@code fromAddress} a Salesforce email's sender (for {@code
 * send-email}, an organization-wide address).
 */
public record CrmReplyConfig(String as, boolean published, Optional<Long> authorId, Optional<String> fromAddress) {

    public CrmReplyConfig {
        requireNonNull(as, "as");
        requireNonNull(authorId, "authorId");
        requireNonNull(fromAddress, "fromAddress");
    }

    /** What a reply is by default for a kind of CRM. */
    public static CrmReplyConfig defaultFor(CrmKind kind) {
        String as = switch (kind) {
            case ZENDESK -> "public";
            case FRESHDESK -> "reply";
            case SALESFORCE -> "comment";
            case WEBHOOK -> "webhook";
        };
        return new CrmReplyConfig(as, true, Optional.empty(), Optional.empty());
    }

    /** The values {@code as} may take for {@code kind}. */
    public static java.util.List<String> choices(CrmKind kind) {
        return switch (kind) {
            case ZENDESK -> java.util.List.of("public", "private");
            case FRESHDESK -> java.util.List.of("reply", "note");
            case SALESFORCE -> java.util.List.of("comment", "email", "send-email");
            case WEBHOOK -> java.util.List.of("webhook");
        };
    }
}
