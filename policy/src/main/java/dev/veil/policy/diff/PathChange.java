package dev.veil.policy.diff;

import static java.util.Objects.requireNonNull;

/**
 * A value of a sample that experts would see differently under the new policy, and whether they
 * can now read more characters of some personal-data value at this place (see {@link ReadableDiff}).
 */
public record PathChange(String path, Seen before, Seen after, boolean exposed) {

    public PathChange {
        requireNonNull(path, "path");
        requireNonNull(before, "before");
        requireNonNull(after, "after");
    }
}
