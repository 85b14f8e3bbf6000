package dev.veil.gateway.routing.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** The stored form of an expert: profile, presence, suspension and counters (slots in use are derived from claims). */
public record ExpertRecord(
        ExpertProfile profile,
        boolean online,
        boolean suspended,
        ExpertCounters counters,
        Instant lastAssignedAt) {

    public ExpertRecord {
        requireNonNull(profile, "profile");
        requireNonNull(counters, "counters");
    }
}
