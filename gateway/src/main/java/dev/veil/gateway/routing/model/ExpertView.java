package dev.veil.gateway.routing.model;

import java.time.Instant;

/** A consistent snapshot of one expert's routing state, for the admin API. */
public record ExpertView(
        ExpertProfile profile,
        boolean online,
        boolean suspended,
        int slotsInUse,
        ExpertCounters counters,
        Instant lastAssignedAt,
        ScoreSummary rating,
        ScoreSummary quality) {
}
