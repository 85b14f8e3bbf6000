package dev.veil.gateway.routing.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An expert's hold on a ticket. Pay terms (base pay and surge multiplier) are locked when the
 * claim is made; until the expert's first reply the claim lapses at {@code deadline}.
 */
public record Claim(
        String ticketId,
        String expertId,
        String brand,
        Instant claimedAt,
        Instant deadline,
        long basePayMinor,
        String currency,
        int surgeBps,
        boolean replied) {

    public Claim {
        requireNonNull(ticketId, "ticketId");
        requireNonNull(expertId, "expertId");
        requireNonNull(brand, "brand");
        requireNonNull(claimedAt, "claimedAt");
        requireNonNull(deadline, "deadline");
        requireNonNull(currency, "currency");
    }

    /** This claim after the expert's first reply: it no longer lapses. */
    public Claim withReply() {
        return new Claim(ticketId, expertId, brand, claimedAt, deadline, basePayMinor, currency, surgeBps, true);
    }
}
