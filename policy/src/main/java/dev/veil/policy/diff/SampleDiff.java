package dev.veil.policy.diff;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Every value of one sample document that experts of one view would see differently, in document
 * order, and the personal-data values they can read more of ({@code view} is {@code null} for the
 * base view).
 */
public record SampleDiff(String sample, String view, List<PathChange> changes, List<ValueExposure> exposures) {

    public SampleDiff {
        requireNonNull(sample, "sample");
        changes = List.copyOf(changes);
        exposures = List.copyOf(exposures);
    }

    /** The changes at places where experts can read more of some personal-data value than before. */
    public List<PathChange> exposed() {
        return changes.stream().filter(PathChange::exposed).toList();
    }
}
