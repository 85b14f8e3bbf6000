package dev.veil.policy.diff;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Every value of one sample document that experts would see differently, in document order. */
public record SampleDiff(String sample, List<PathChange> changes) {

    public SampleDiff {
        requireNonNull(sample, "sample");
        changes = List.copyOf(changes);
    }

    /** The changes that expose more than before. */
    public List<PathChange> exposed() {
        return changes.stream().filter(PathChange::exposed).toList();
    }
}
