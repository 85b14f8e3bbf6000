package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.policy.engine.TokenRecord;
import java.util.List;

/**
 * One sanitized view of a ticket as a tier of experts sees it: the document the policy produced
 * under that view, and where reversible tokens sit in it (for revealing to the CRM). The document
 * is kept as a tree, not as text, so that intake writes it once (into the sealed record) and a
 * read parses it once (with the record); treat it as read-only.
 */
public record TicketView(String name, JsonNode document, List<TokenRecord> tokens) {

    public TicketView {
        requireNonNull(name, "name");
        requireNonNull(document, "document");
        tokens = List.copyOf(tokens);
    }

    /** A view from its compact JSON text (tests, tools). */
    public TicketView(String name, String json, List<TokenRecord> tokens) {
        this(name, parse(requireNonNull(json, "json")), tokens);
    }

    /** The document as compact JSON text. */
    public String json() {
        return SealedTickets.text(document);
    }

    private static JsonNode parse(String json) {
        try {
            return SealedTickets.readDocument(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a ticket view is not JSON");
        }
    }
}
