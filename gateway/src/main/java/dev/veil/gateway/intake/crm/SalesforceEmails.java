package dev.veil.gateway.intake.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.config.CrmReplyConfig;
import dev.veil.gateway.core.JsonTrees;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sends a reply as an e-mail on a Case ({@code reply.as: send-email}) through Salesforce's standard
 * invocable action {@code emailSimple} ({@code POST /services/data/vXX.X/actions/standard/emailSimple}):
 * to the Case's contact ({@code recipientId}), else to its web-to-case address ({@code
 * SuppliedEmail}), logged on the Case ({@code relatedRecordId}, {@code logEmailOnSend}) with
 * Email-to-Case's threading token in the subject, so the customer's answer comes back to the same
 * Case. The recipient is read from the Case at send time and never kept.
 */
final class SalesforceEmails {

    /** Longest subject sent (the Case's own subject is at most 255 characters). */
    static final int MAX_SUBJECT = 255;

    private SalesforceEmails() {}

    static CrmResponse send(CrmApi api, String apiVersion, CrmReplyConfig config, CrmReply reply) {
        String base = "/services/data/" + apiVersion;
        CrmResponse found = api.call("GET", base + "/sobjects/Case/" + reply.crmTicketId() + "?fields=ContactId,SuppliedEmail,Subject", null);
        if (!found.ok()) {
            return found; // 404 (no such Case), 401/403, 429, 5xx: judged like any answer
        }
        JsonNode kase = found.json();
        ObjectNode input = ReplyWriter.Writers.JSON.createObjectNode();
        String contact = text(kase, "ContactId");
        String supplied = text(kase, "SuppliedEmail");
        if (contact != null) {
            input.put("recipientId", contact);
        } else if (supplied != null) {
            input.put("emailAddresses", supplied);
        } else {
            throw new ReplyWriter.InvalidReply("no_recipient");
        }
        String subject = text(kase, "Subject");
        subject = subject == null ? "Your case" : "Re: " + subject;
        input.put("emailSubject", subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject)
                .put("emailBody", reply.body())
                .put("relatedRecordId", reply.crmTicketId())
                .put("logEmailOnSend", true)
                .put("addThreadingTokenToSubject", true);
        if (config.fromAddress().isPresent()) {
            input.put("senderType", "OrgWideEmailAddress").put("senderAddress", config.fromAddress().get());
        } else {
            input.put("senderType", "CurrentUser");
        }
        ObjectNode request = ReplyWriter.Writers.JSON.createObjectNode();
        request.putArray("inputs").add(input);
        CrmResponse sent = api.call("POST", base + "/actions/standard/emailSimple", JsonTrees.bytes(request));
        return sent.ok() ? outcome(sent) : sent;
    }

    /**
     * An action answers 200 with one result per input ({@code isSuccess}, {@code errors[].statusCode});
     * a refused input becomes a 400 carrying only Salesforce's status code, so it is dead-lettered
     * with that code like any refused record.
     */
    private static CrmResponse outcome(CrmResponse sent) {
        JsonNode json = sent.json();
        JsonNode result = json.isArray() ? json.path(0) : json;
        if (result.path("isSuccess").asBoolean(false)) {
            return sent;
        }
        JsonNode code = result.path("errors").path(0).path("statusCode");
        ObjectNode error = ReplyWriter.Writers.JSON.createObjectNode();
        if (code.isTextual()) {
            error.put("errorCode", code.textValue());
        }
        byte[] body = ("[" + error + "]").getBytes(StandardCharsets.UTF_8);
        return new CrmResponse(400, Map.copyOf(sent.headers()), body);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.textValue().isBlank() ? v.textValue() : null;
    }
}
