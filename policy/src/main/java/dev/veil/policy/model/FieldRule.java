package dev.veil.policy.model;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.path.Selector;
import dev.veil.tokenizer.detect.PiiType;

/**
 * One entry of {@code fields} (or of a view): the values a selector picks, what to do to them, and
 * optionally the kind of personal data they hold ({@code null} when not declared), used in reports.
 */
public record FieldRule(Selector path, Treatment treatment, PiiType type, Location at) {

    public FieldRule {
        requireNonNull(path, "path");
        requireNonNull(treatment, "treatment");
        requireNonNull(at, "at");
    }

    public Action action() {
        return treatment.action();
    }
}
