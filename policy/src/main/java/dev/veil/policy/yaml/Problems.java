package dev.veil.policy.yaml;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Collects the problems of one YAML file, so that all are reported at once, in file order. */
public final class Problems {

    private final String file;
    private final List<Problem> found = new ArrayList<>();

    public Problems(String file) {
        this.file = requireNonNull(file, "file");
    }

    /** The file as problems name it. */
    public String file() {
        return file;
    }

    public void add(Mark mark, String keyPath, String message) {
        add(mark, keyPath, message, null);
    }

    /** Records a problem; {@code suggestion} is the closest known name for a typo, or {@code null}. */
    public void add(Mark mark, String keyPath, String message, String suggestion) {
        found.add(new Problem(file, mark.line(), mark.column(), keyPath, message, suggestion));
    }

    public void add(Problem problem) {
        found.add(requireNonNull(problem, "problem"));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Every problem so far, sorted by line and column. */
    public List<Problem> sorted() {
        List<Problem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return List.copyOf(sorted);
    }

    /** Throws the exception {@code failure} makes of every problem, in file order, if there is any. */
    public <X extends RuntimeException> void throwIfAny(Function<List<Problem>, X> failure) {
        if (!found.isEmpty()) {
            throw failure.apply(sorted());
        }
    }
}
