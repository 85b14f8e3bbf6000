package dev.veil.policy.diff;

import static java.util.Objects.requireNonNull;

/**
 * A change between two versions of a policy as written, in words, and whether it can let experts
 * (or, for reveal rules, an audience) see more than before. Samples show the actual effect.
 */
public record SpecChange(String description, boolean mayExpose) {

    public SpecChange {
        requireNonNull(description, "description");
    }
}
