package dev.veil.gateway.routing.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A resolved ticket kept for a while, so that a reopen can claw back its pay and CSAT or QA
 * events can find the expert; {@code earningSeq} is 0 when nothing was paid.
 */
public record ResolutionRecord(TicketAttributes attributes, String expertId, Instant resolvedAt, long earningSeq) {

    public ResolutionRecord {
        requireNonNull(attributes, "attributes");
        requireNonNull(expertId, "expertId");
        requireNonNull(resolvedAt, "resolvedAt");
    }
}
