package dev.veil.policy.model;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.path.Selector;
import dev.veil.tokenizer.detect.PiiType;

/**
 * One entry of {@code fields} (or of a view): the values a selector picks, what to do to them, and
 * optionally the kind of personal data they hold ({@code null} when not declared), used in reports,
 * and {@code trust}: a {@code keep} that covers a whole object or array whose values are not
 * checked by the safety net.
 */
public record FieldRule(Selector path, Treatment treatment, PiiType type, Location at, boolean trust) {

    public FieldRule {
        requireNonNull(path, "path");
        requireNonNull(treatment, "treatment");
        requireNonNull(at, "at");
    }

    /** A rule without {@code trust}: values a keep covers below the selected one stay under the safety net. */
    public FieldRule(Selector path, Treatment treatment, PiiType type, Location at) {
        this(path, treatment, type, at, false);
    }

    public Action action() {
        return treatment.action();
    }
}
