package dev.veil.gateway.intake.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.config.CrmReplyConfig;
import dev.veil.gateway.core.JsonTrees;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Writes one reply into a CRM through its API, as that CRM's documentation says: one call, its
 * answer returned for the transport to judge.
 */
@FunctionalInterface
public interface ReplyWriter {

    /** Sends {@code reply}; a failure to reach the CRM is a {@link CrmApiException}. */
    CrmResponse write(CrmApi api, CrmReply reply);

    /** What {@link #write} refuses before calling: the ticket id is not one the CRM could have made. */
    final class InvalidReply extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;

        InvalidReply(String code) {
            super(code, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * Zendesk: {@code PUT /api/v2/tickets/{id}.json} with {@code {"ticket": {"comment": {"body",
     * "public", "author_id"?}}}} (comments are added through the Tickets API).
     */
    static ReplyWriter zendesk(CrmReplyConfig config) {
        return (api, reply) -> {
            requireDigits(reply.crmTicketId());
            ObjectNode root = Writers.JSON.createObjectNode();
            ObjectNode comment = root.putObject("ticket").putObject("comment");
            comment.put("body", reply.body()).put("public", !"private".equals(config.as()));
            config.authorId().ifPresent(id -> comment.put("author_id", id));
            return api.call("PUT", "/api/v2/tickets/" + reply.crmTicketId() + ".json", JsonTrees.bytes(root));
        };
    }

    /**
     * Salesforce: a {@code CaseComment} ({@code ParentId}, {@code CommentBody}, {@code IsPublished})
     * or a draft {@code EmailMessage} on the Case, through {@code POST /services/data/vXX.X/sobjects/...},
     * or an e-mail sent to the Case's contact ({@code send-email}, {@link SalesforceEmails}).
     */
    static ReplyWriter salesforce(CrmReplyConfig config, String apiVersion) {
        return (api, reply) -> {
            if (!Writers.SALESFORCE_ID.matcher(reply.crmTicketId()).matches()) {
                throw new InvalidReply("salesforce_bad_case_id");
            }
            if ("send-email".equals(config.as())) {
                return SalesforceEmails.send(api, apiVersion, config, reply);
            }
            ObjectNode record = Writers.JSON.createObjectNode().put("ParentId", reply.crmTicketId());
            String object;
            if ("email".equals(config.as())) {
                object = "EmailMessage";
                record.put("TextBody", reply.body()).put("Incoming", false).put("Status", "5");
                config.fromAddress().ifPresent(from -> record.put("FromAddress", from));
            } else {
                object = "CaseComment";
                record.put("CommentBody", reply.body()).put("IsPublished", config.published());
            }
            return api.call("POST", "/services/data/" + apiVersion + "/sobjects/" + object, JsonTrees.bytes(record));
        };
    }

    /** Freshdesk: {@code POST /api/v2/tickets/{id}/reply} or {@code /notes} ({@code "private": true}), the body as HTML. */
    static ReplyWriter freshdesk(CrmReplyConfig config) {
        return (api, reply) -> {
            requireDigits(reply.crmTicketId());
            ObjectNode body = Writers.JSON.createObjectNode().put("body", Writers.html(reply.body()));
            boolean note = "note".equals(config.as());
            if (note) {
                body.put("private", true);
            }
            String path = "/api/v2/tickets/" + URLEncoder.encode(reply.crmTicketId(), StandardCharsets.UTF_8) + (note ? "/notes" : "/reply");
            return api.call("POST", path, JsonTrees.bytes(body));
        };
    }

    private static void requireDigits(String id) {
        if (!Writers.DIGITS.matcher(id).matches()) {
            throw new InvalidReply("bad_ticket_id");
        }
    }

    /** Shared helpers of the writers. */
    final class Writers {
        static final ObjectMapper JSON = new ObjectMapper();
        static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");
        static final Pattern SALESFORCE_ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");

        private Writers() {}

        /** Plain text as HTML: escaped, line breaks kept. */
        static String html(String text) {
            StringBuilder out = new StringBuilder(text.length() + 16);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append("&quot;");
                    case '\n' -> out.append("<br>");
                    case '\r' -> { }
                    default -> out.append(c);
                }
            }
            return out.toString();
        }
    }
}
