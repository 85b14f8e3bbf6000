package dev.veil.gateway.routing.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A push-mode offer of one ticket to one expert, who must accept (claim) or reject before {@code expiresAt}. */
public record PushOffer(String ticketId, String expertId, Instant offeredAt, Instant expiresAt, int surgeBps) {

    public PushOffer {
        requireNonNull(ticketId, "ticketId");
        requireNonNull(expertId, "expertId");
        requireNonNull(offeredAt, "offeredAt");
        requireNonNull(expiresAt, "expiresAt");
    }
}
