package dev.veil.policy.yaml;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One thing wrong with a YAML file (a policy, veil.yaml): where (file, one-based line and column, key path such as
 * {@code fields[3].action}), what was expected, and the closest known name when it looks like a
 * typo ({@code null} otherwise).
 */
public record Problem(String file, int line, int column, String keyPath, String message, String suggestion) {

    public Problem {
        requireNonNull(file, "file");
        requireNonNull(keyPath, "keyPath");
        requireNonNull(message, "message");
    }

    /**
     * The detail of an exception that reports {@code problems}: their count, then each on its own
     * line as {@link #toString()} prints it. One place, so that the policy, {@code veil.yaml} and
     * routing configuration errors read alike.
     */
    public static String describe(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems: [] (expected: at least one)");
        }
        StringBuilder out = new StringBuilder().append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
        for (Problem problem : problems) {
            out.append(System.lineSeparator()).append(problem);
        }
        return out.toString();
    }

    /** {@code file:line:column: keyPath: message; did you mean 'x'?}, the way compilers print. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder().append(file).append(':').append(line).append(':').append(column).append(": ");
        if (!keyPath.isEmpty()) {
            out.append(keyPath).append(": ");
        }
        out.append(message);
        if (suggestion != null) {
            out.append("; did you mean '").append(suggestion).append("'?");
        }
        return out.toString();
    }
}
