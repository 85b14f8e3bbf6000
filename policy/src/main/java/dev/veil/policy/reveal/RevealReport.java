package dev.veil.policy.reveal;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What a reveal did, never the values: tokens turned back into values per profile, tokens the
 * audience may not see (left in place), and tokens that did not resolve (unknown, altered or of
 * another brand; left in place).
 */
public record RevealReport(String audience, Map<String, Integer> revealed, int withheld, int unresolved) {

    public RevealReport {
        requireNonNull(audience, "audience");
        revealed = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(revealed));
    }

    /** Tokens revealed in all. */
    public int revealedTotal() {
        return revealed.values().stream().mapToInt(Integer::intValue).sum();
    }
}
