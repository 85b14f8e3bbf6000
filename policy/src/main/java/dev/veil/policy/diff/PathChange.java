package dev.veil.policy.diff;

import static java.util.Objects.requireNonNull;

/** A value of a sample that experts would see differently under the new policy. */
public record PathChange(String path, Seen before, Seen after) {

    public PathChange {
        requireNonNull(path, "path");
        requireNonNull(before, "before");
        requireNonNull(after, "after");
    }

    /**
     * Whether experts would see more of the value than before: a more exposed treatment, or the same
     * free text with fewer personal-data spans replaced.
     */
    public boolean exposed() {
        int order = after.exposure().compareTo(before.exposure());
        if (order != 0) {
            return order > 0;
        }
        return after.exposure() == Exposure.SCANNED && after.spansReplaced() < before.spansReplaced();
    }
}
