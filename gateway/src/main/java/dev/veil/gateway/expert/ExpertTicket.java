package dev.veil.gateway.expert;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/** A ticket as its claimant sees it: the masked view of the expert's tier, in its newest version. */
public record ExpertTicket(String ticketId, String brand, long version, String view, JsonNode document) {

    public ExpertTicket {
        requireNonNull(ticketId, "ticketId");
        requireNonNull(brand, "brand");
        requireNonNull(view, "view");
        requireNonNull(document, "document");
    }
}
