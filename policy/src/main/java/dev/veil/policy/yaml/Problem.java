package dev.veil.policy.yaml;

import static java.util.Objects.requireNonNull;

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
