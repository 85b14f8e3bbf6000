package dev.veil.gateway.routing.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/** The stored form of a ticket in the pool: attributes, arrival, and any claim, push offer or cooldowns. */
public record TicketRecord(
        TicketAttributes attributes,
        long seq,
        Instant enqueuedAt,
        Claim claim,
        PushOffer offer,
        Map<String, Instant> cooldowns) {

    public TicketRecord {
        requireNonNull(attributes, "attributes");
        requireNonNull(enqueuedAt, "enqueuedAt");
        cooldowns = Map.copyOf(requireNonNull(cooldowns, "cooldowns"));
    }
}
