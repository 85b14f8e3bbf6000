package dev.veil.bench.accuracy;

import static java.util.Objects.requireNonNull;

/**
 * One annotated entity of a benchmark, in the data set's own label (for example {@code CALLE}),
 * from {@code start} inclusive to {@code end} exclusive.
 */
public record Entity(String label, int start, int end) {

    public Entity {
        requireNonNull(label, "label");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("entity: [" + start + ", " + end + ") (expected: 0 <= start < end)");
        }
    }

    boolean overlaps(int otherStart, int otherEnd) {
        return start < otherEnd && otherStart < end;
    }
}
