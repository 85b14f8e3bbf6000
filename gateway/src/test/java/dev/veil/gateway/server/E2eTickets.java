package dev.veil.gateway.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.core.CoreFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;

/** The example tickets of each CRM shape, given fresh CRM ids and extra comments for the end-to-end tests. */
final class E2eTickets {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000_000L + 1_000_000L);

    private E2eTickets() {}

    /** The CRM shape (zendesk, salesforce, freshdesk) of a brand. */
    static String shape(String brand) {
        return switch (brand) {
            case "acme", "hooli" -> "zendesk";
            case "globex" -> "salesforce";
            case "initech" -> "freshdesk";
            default -> throw new IllegalArgumentException(brand);
        };
    }

    /** A CRM ticket id no other test uses. */
    static String freshCrmId(String brand) {
        long n = NEXT.incrementAndGet();
        return shape(brand).equals("salesforce") ? "5003X" + n + "QAV" : Long.toString(n);
    }

    /** The example ticket {@code name} (examples/tickets) with CRM id {@code crmId}. */
    static ObjectNode example(String name, String crmId) {
        try {
            return withCrmId((ObjectNode) JSON.readTree(CoreFixtures.ticket(name)), name.substring(0, name.indexOf('-')), crmId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode withCrmId(ObjectNode ticket, String shape, String crmId) {
        switch (shape) {
            case "zendesk" -> ((ObjectNode) ticket.get("ticket")).put("id", Long.parseLong(crmId));
            case "salesforce" -> ticket.put("Id", crmId);
            case "freshdesk" -> ticket.put("id", Long.parseLong(crmId));
            default -> throw new IllegalArgumentException(shape);
        }
        return ticket;
    }

    /** Appends a public customer comment holding {@code text} in the shape's comment list. */
    static ObjectNode addComment(ObjectNode ticket, String shape, String text) {
        ArrayNode comments;
        ObjectNode comment = JSON.createObjectNode();
        switch (shape) {
            case "zendesk" -> {
                comments = (ArrayNode) ticket.get("ticket").get("comments");
                comment.put("id", comments.size() + 1).put("author_id", 9912345).put("public", true)
                        .put("created_at", "2025-03-15T08:00:00Z").put("body", text);
            }
            case "salesforce" -> {
                comments = (ArrayNode) ticket.get("CaseComments").get("records");
                comment.put("IsPublished", true).put("CreatedDate", "2025-03-18T08:00:00.000+0000").put("CommentBody", text);
            }
            case "freshdesk" -> {
                comments = (ArrayNode) ticket.get("conversations");
                comment.put("id", 43000991999L).put("incoming", true).put("private", false)
                        .put("created_at", "2025-03-19T08:00:00Z").put("body_text", text);
            }
            default -> throw new IllegalArgumentException(shape);
        }
        comments.add(comment);
        return ticket;
    }

    static byte[] bytes(JsonNode ticket) {
        try {
            return JSON.writeValueAsBytes(ticket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
