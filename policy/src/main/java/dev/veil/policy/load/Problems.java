package dev.veil.policy.load;

import dev.veil.policy.model.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one policy file, so that all are reported at once. */
final class Problems {

    private final String file;
    private final List<Problem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(Mark mark, String keyPath, String message) {
        add(mark, keyPath, message, null);
    }

    void add(Mark mark, String keyPath, String message, String suggestion) {
        found.add(new Problem(file, mark.line(), mark.column(), keyPath, message, suggestion));
    }

    void add(Location at, String message) {
        found.add(new Problem(file, at.line(), at.column(), at.keyPath(), message, null));
    }

    Location location(Mark mark, String keyPath) {
        return new Location(file, mark.line(), mark.column(), keyPath);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws a {@link PolicyException} listing every problem, in file order, if there is any. */
    void throwIfAny() {
        if (found.isEmpty()) {
            return;
        }
        List<Problem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        throw new PolicyException(sorted);
    }
}
