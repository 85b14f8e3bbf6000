package dev.veil.gateway.intake.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.core.GatewayException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Zendesk trigger payloads as Veil's recommended template writes them ({@link #TEMPLATE}), made into
 * the ticket shape Zendesk's API has ({@code {"ticket": {...}, "requester": {...}}}): space-separated
 * tags become a list, and what the trigger leaves out (the comments, the requester) is fetched
 * through the Zendesk API when the brand's policy reads it.
 */
public final class ZendeskTickets {

    /** The JSON body to paste into the Zendesk trigger's "Notify by webhook" action. */
    public static final String TEMPLATE = """
            {
              "ticket": {
                "id": "{{ticket.id}}",
                "subject": "{{ticket.title}}",
                "description": "{{ticket.description}}",
                "status": "{{ticket.status}}",
                "priority": "{{ticket.priority}}",
                "type": "{{ticket.ticket_type}}",
                "tags": "{{ticket.tags}}",
                "created_at": "{{ticket.created_at_with_timestamp}}",
                "updated_at": "{{ticket.updated_at_with_timestamp}}",
                "requester_id": "{{ticket.requester.id}}",
                "brand": "{{ticket.brand.name}}"
              },
              "requester": {
                "id": "{{ticket.requester.id}}",
                "name": "{{ticket.requester.name}}",
                "email": "{{ticket.requester.email}}",
                "locale": "{{ticket.requester.language}}"
              }
            }
            """;

    /** The thinnest trigger body: Veil fetches the whole ticket through the API (safe whatever the ticket's text holds). */
    public static final String THIN_TEMPLATE = """
            { "ticket": { "id": "{{ticket.id}}" } }
            """;

    /** Most comment pages fetched for one ticket (100 comments each). */
    public static final int MAX_COMMENT_PAGES = 10;
    private static final Pattern TICKET_ID = Pattern.compile("[0-9]{1,20}");

    private ZendeskTickets() {}

    /**
     * The ticket as Veil's intake takes it.
     *
     * @param api the brand's Zendesk API, or null when none is configured (nothing is fetched)
     * @param fetchComments whether to fetch {@code ticket.comments} when the payload has none
     * @param fetchRequester whether to fetch {@code requester} when the payload has none
     */
    public static ObjectNode shape(JsonNode payload, CrmApi api, boolean fetchComments, boolean fetchRequester) {
        if (payload instanceof ObjectNode event && event.path("type").asText("").startsWith("zen:event-type:ticket.")
                && event.get("detail") instanceof ObjectNode detail) {
            // a webhook subscribed to Zendesk events: the ticket's fields are in "detail"
            ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
            wrapped.set("ticket", detail.deepCopy());
            payload = wrapped;
        }
        if (!(payload instanceof ObjectNode root) || !(root.get("ticket") instanceof ObjectNode)) {
            throw new GatewayException(GatewayException.INVALID_TICKET, "expected an object with a member 'ticket' (use `veil crm template zendesk`)");
        }
        ObjectNode out = root.deepCopy();
        ObjectNode t = (ObjectNode) out.get("ticket");
        JsonNode tags = t.get("tags");
        if (tags != null && tags.isTextual()) {
            ArrayNode list = t.putArray("tags");
            for (String tag : tags.textValue().trim().split("\\s+")) {
                if (!tag.isEmpty()) {
                    list.add(tag);
                }
            }
        }
        String id = t.path("id").asText("");
        if (!TICKET_ID.matcher(id).matches()) {
            throw new GatewayException(GatewayException.INVALID_TICKET, "ticket.id: expected a Zendesk ticket number");
        }
        if (api != null && t.size() == 1) {
            // a thin trigger body (the ticket id only): the whole ticket comes from the API
            JsonNode fetched = api.getJson("/api/v2/tickets/" + id + ".json").path("ticket");
            if (!(fetched instanceof ObjectNode whole)) {
                throw new CrmApiException(CrmApiException.UNAVAILABLE, "the Zendesk ticket answer has no ticket", 200);
            }
            out.set("ticket", whole);
            t = whole;
        }
        if (api != null && fetchComments && !t.has("comments")) {
            t.set("comments", comments(api, id));
        }
        String requesterId = t.path("requester_id").asText("");
        if (api != null && fetchRequester && !out.has("requester") && TICKET_ID.matcher(requesterId).matches()) {
            JsonNode user = api.getJson("/api/v2/users/" + requesterId + ".json").path("user");
            if (user.isObject()) {
                out.set("requester", user);
            }
        }
        return out;
    }

    private static ArrayNode comments(CrmApi api, String ticketId) {
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        String path = "/api/v2/tickets/" + URLEncoder.encode(ticketId, StandardCharsets.UTF_8) + "/comments.json?page[size]=100";
        for (int page = 0; page < MAX_COMMENT_PAGES && path != null; page++) {
            JsonNode answer = api.getJson(path);
            JsonNode comments = answer.path("comments");
            if (comments.isArray()) {
                comments.forEach(all::add);
            }
            boolean more = answer.path("meta").path("has_more").asBoolean(false);
            String next = answer.path("links").path("next").asText("");
            path = more && !next.isEmpty() ? relative(next) : null;
        }
        return all;
    }

    /** The path and query of a next-page link, so the call goes to the configured host with the brand's credentials. */
    private static String relative(String link) {
        java.net.URI uri = java.net.URI.create(link);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
