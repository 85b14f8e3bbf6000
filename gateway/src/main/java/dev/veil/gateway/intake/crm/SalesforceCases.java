package dev.veil.gateway.intake.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.core.GatewayException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Salesforce records made into the Case shape of Salesforce's REST API ({@code {"attributes":
 * {"type": "Case"}, "Id": ..., "CaseComments": {"records": [...]}, "EmailMessages": {"records":
 * [...]}}}): a Case notification gives the Case's fields; a CaseComment or EmailMessage notification
 * names its Case by {@code ParentId}, whose current fields are fetched. The Case's comments and
 * emails are fetched through the REST API when the policy reads them, so every update carries the
 * latest state whole, as Veil's intake expects.
 */
public final class SalesforceCases {

    private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SalesforceCases() {}

    /** The Case id a notification is about: its own {@code Id} for a Case, its {@code ParentId} for a comment or an email. */
    public static String caseId(OutboundMessage.Notification n) {
        String id = switch (n.type()) {
            case "Case" -> n.fields().get("Id");
            case "CaseComment", "EmailMessage" -> n.fields().get("ParentId");
            default -> throw new GatewayException(GatewayException.INVALID_TICKET,
                    "Outbound Message: a record that is not a Case, CaseComment or EmailMessage");
        };
        if (id == null || !RECORD_ID.matcher(id).matches()) {
            throw new GatewayException(GatewayException.INVALID_TICKET, "Outbound Message: a record without a Salesforce Case id");
        }
        return id;
    }

    /**
     * The Case as Veil's intake takes it.
     *
     * @param api the brand's Salesforce REST API
     * @param apiVersion such as {@code v60.0}
     */
    public static ObjectNode shape(OutboundMessage.Notification n, CrmApi api, String apiVersion, boolean fetchComments, boolean fetchEmails) {
        String caseId = caseId(n);
        String data = "/services/data/" + apiVersion;
        ObjectNode out;
        if (n.type().equals("Case")) {
            out = NODES.objectNode();
            out.putObject("attributes").put("type", "Case");
            for (Map.Entry<String, String> field : n.fields().entrySet()) {
                put(out, field.getKey(), field.getValue());
            }
        } else {
            JsonNode fetched = api.getJson(data + "/sobjects/Case/" + caseId);
            if (!(fetched instanceof ObjectNode record)) {
                throw new CrmApiException(CrmApiException.UNAVAILABLE, "the Salesforce Case answer is not an object", 200);
            }
            out = record;
        }
        if (fetchComments) {
            out.set("CaseComments", query(api, data, "SELECT Id, ParentId, IsPublished, CreatedDate, CommentBody FROM CaseComment WHERE ParentId = '"
                    + caseId + "' ORDER BY CreatedDate"));
        }
        if (fetchEmails) {
            out.set("EmailMessages", query(api, data, "SELECT Id, ParentId, Incoming, MessageDate, Subject, FromAddress, ToAddress, TextBody"
                    + " FROM EmailMessage WHERE ParentId = '" + caseId + "' ORDER BY MessageDate"));
        }
        return out;
    }

    /** A SOQL query's first page ({@code totalSize}, {@code done}, {@code records}), the shape of a Case's related lists. */
    private static ObjectNode query(CrmApi api, String data, String soql) {
        JsonNode answer = api.getJson(data + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8));
        ObjectNode out = NODES.objectNode();
        JsonNode records = answer.path("records");
        out.put("totalSize", answer.path("totalSize").asInt(records.size()));
        out.put("done", answer.path("done").asBoolean(true));
        out.set("records", records.isArray() ? records : NODES.arrayNode());
        return out;
    }

    /** Outbound Messages carry text: {@code true}/{@code false} become booleans, the rest stays text (CaseNumber keeps its zeros). */
    private static void put(ObjectNode out, String name, String value) {
        switch (value) {
            case "true" -> out.put(name, true);
            case "false" -> out.put(name, false);
            default -> out.put(name, value);
        }
    }

    static ArrayNode emptyList() {
        return NODES.arrayNode();
    }
}
