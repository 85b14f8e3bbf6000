package dev.veil.gateway.intake.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.core.GatewayException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Freshdesk automation-rule webhooks made into the ticket shape of Freshdesk's API: Veil's
 * recommended "Advanced" JSON body ({@link #TEMPLATE}) is that shape already; a "Simple" body
 * ({@code {"freshdesk_webhook": {"ticket_id": ..., "ticket_subject": ...}}}) is unwrapped, and
 * the conversations are fetched through the Freshdesk API when the brand's policy reads them.
 */
public final class FreshdeskTickets {

    /** The JSON body to paste into the automation rule's "Trigger webhook" action (Advanced content). */
    public static final String TEMPLATE = """
            {
              "id": "{{ticket.id}}",
              "subject": "{{ticket.subject}}",
              "description_text": "{{ticket.description_text}}",
              "status": "{{ticket.status}}",
              "priority": "{{ticket.priority}}",
              "type": "{{ticket.ticket_type}}",
              "tags": "{{ticket.tags}}",
              "requester": {
                "name": "{{ticket.requester.name}}",
                "email": "{{ticket.requester.email}}",
                "phone": "{{ticket.requester.phone}}",
                "mobile": "{{ticket.requester.mobile}}"
              }
            }
            """;

    /** The thinnest body: Veil fetches the whole ticket through the API (safe whatever the ticket's text holds). */
    public static final String THIN_TEMPLATE = """
            { "id": "{{ticket.id}}" }
            """;

    /** Freshdesk's priority names and numbers (API reference, "Ticket properties"). */
    static final Map<String, Integer> PRIORITIES = Map.of("low", 1, "medium", 2, "high", 3, "urgent", 4);
    /** Freshdesk's status names and numbers. */
    static final Map<String, Integer> STATUSES = Map.of("open", 2, "pending", 3, "resolved", 4, "closed", 5);

    /** Most conversation pages fetched for one ticket (100 each). */
    public static final int MAX_PAGES = 10;
    private static final Pattern TICKET_ID = Pattern.compile("[0-9]{1,20}");

    private FreshdeskTickets() {}

    /** The ticket as Veil's intake takes it; {@code api} null fetches nothing. */
    public static ObjectNode shape(JsonNode payload, CrmApi api, boolean fetchConversations) {
        if (!(payload instanceof ObjectNode root)) {
            throw new GatewayException(GatewayException.INVALID_TICKET, "expected a JSON object (use `veil crm template freshdesk`)");
        }
        ObjectNode out = root.get("freshdesk_webhook") instanceof ObjectNode simple ? unwrap(simple) : root.deepCopy();
        JsonNode tags = out.get("tags");
        if (tags != null && tags.isTextual()) {
            ArrayNode list = out.putArray("tags");
            for (String tag : tags.textValue().split(",")) {
                if (!tag.isBlank()) {
                    list.add(tag.trim());
                }
            }
        }
        numbered(out, "priority", PRIORITIES);
        numbered(out, "status", STATUSES);
        String id = out.path("id").asText("");
        if (!TICKET_ID.matcher(id).matches()) {
            throw new GatewayException(GatewayException.INVALID_TICKET, "id: expected a Freshdesk ticket number");
        }
        if (api != null && out.size() == 1) {
            // a thin body (the ticket id only): the whole ticket, with its requester, comes from the API
            JsonNode fetched = api.getJson("/api/v2/tickets/" + id + "?include=requester");
            if (!(fetched instanceof ObjectNode whole)) {
                throw new CrmApiException(CrmApiException.UNAVAILABLE, "the Freshdesk ticket answer is not an object", 200);
            }
            out = whole;
        }
        if (api != null && fetchConversations && !out.has("conversations")) {
            ArrayNode all = JsonNodeFactory.instance.arrayNode();
            for (int page = 1; page <= MAX_PAGES; page++) {
                JsonNode list = api.getJson("/api/v2/tickets/" + id + "/conversations?per_page=100&page=" + page);
                if (!list.isArray()) {
                    break;
                }
                list.forEach(all::add);
                if (list.size() < 100) {
                    break;
                }
            }
            out.set("conversations", all);
        }
        return out;
    }

    /** Placeholders render names (Medium, Open); the API, and so the policy and routing, use numbers. */
    private static void numbered(ObjectNode ticket, String field, Map<String, Integer> names) {
        JsonNode value = ticket.get(field);
        if (value != null && value.isTextual()) {
            Integer number = names.get(value.textValue().trim().toLowerCase(java.util.Locale.ROOT));
            if (number != null) {
                ticket.put(field, number);
            } else if (value.textValue().trim().matches("[0-9]{1,2}")) {
                ticket.put(field, Integer.parseInt(value.textValue().trim()));
            }
        }
    }

    /** A "Simple" body: {@code ticket_subject} becomes {@code subject}, and so on. */
    private static ObjectNode unwrap(ObjectNode simple) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = simple.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey().startsWith("ticket_") ? e.getKey().substring("ticket_".length()) : e.getKey();
            out.set(key, e.getValue());
        }
        return out;
    }
}
