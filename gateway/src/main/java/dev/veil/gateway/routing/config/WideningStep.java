package dev.veil.gateway.routing.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One step of a brand's widening ladder: once a ticket has waited {@code after}, its optional
 * requirements are relaxed as described; steps are cumulative.
 */
public record WideningStep(Duration after, boolean dropPreferredSkills, int lowerLevelsBy) {

    /** Highest skill level; lowering by this much relaxes any level to 1. */
    public static final int MAX_LEVEL = 5;

    public WideningStep {
        requireNonNull(after, "after");
        if (after.isNegative()) {
            throw new IllegalArgumentException("after: " + after + " (expected: >= 0)");
        }
        if (lowerLevelsBy < 0 || lowerLevelsBy > MAX_LEVEL - 1) {
            throw new IllegalArgumentException(
                    "lowerLevelsBy: " + lowerLevelsBy + " (expected: 0 to " + (MAX_LEVEL - 1) + ")");
        }
    }

    public static WideningStep of(Duration after, boolean dropPreferredSkills, int lowerLevelsBy) {
        return new WideningStep(after, dropPreferredSkills, lowerLevelsBy);
    }
}
