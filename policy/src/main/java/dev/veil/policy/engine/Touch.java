package dev.veil.policy.engine;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.model.Action;

/**
 * One thing the engine did at one path: which rule ({@code fields[3]}, {@code views.senior[...]},
 * {@code default} or, for spans, the scanning rule), the action, the PII type if known, the token
 * profile if any, how many values or spans, and a note when a fallback applied. Never a value.
 */
public record Touch(String path, String rule, Action action, String type, String profile, int count, String note) {

    public Touch {
        requireNonNull(path, "path");
        requireNonNull(rule, "rule");
        requireNonNull(action, "action");
    }
}
