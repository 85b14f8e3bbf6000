package dev.veil.policy.engine;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.model.Action;

/**
 * One thing the engine did at one path of the input (and where the result sits in the output,
 * {@code null} when dropped; they differ when an array closed up over dropped elements): which rule ({@code fields[3]}, {@code views.senior[...]},
 * {@code default} or, for spans, the scanning rule), the action, the PII type if known, the token
 * profile if any, and a note when a fallback applied. Never a value. A value's own touch has
 * {@code span == false} and, for {@code scan}, counts the spans found; each type of span replaced in
 * it adds a touch with {@code span == true} counting that type's spans.
 */
public record Touch(String path, String outputPath, String rule, Action action, String type, String profile, int count, boolean span, String note) {

    public Touch {
        requireNonNull(path, "path");
        requireNonNull(rule, "rule");
        requireNonNull(action, "action");
    }
}
