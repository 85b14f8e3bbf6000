package dev.veil.policy.compile;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.model.Action;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.token.TokenFormat;
import java.util.Objects;

/**
 * What {@code scan} does to a span of one PII type found in free text: keep it ({@code format}
 * is then {@code null}) or replace it with {@code format}, made from {@code profile} ({@code null}
 * for inline masks and redactions).
 */
public record SpanRule(PiiType type, Action action, TokenFormat format, String profile) {

    public SpanRule {
        requireNonNull(type, "type");
        requireNonNull(action, "action");
        if ((format == null) != (action == Action.KEEP)) {
            throw new IllegalArgumentException("format: " + (format == null ? "none" : format.name()) + " (expected: none exactly for keep)");
        }
    }

    // equals and hashCode as a record's, written out: the engine counts the spans of each text by
    // their rule, and the record's own, made of method handles, cost more than the count where the
    // JIT did not inline them into the engine's scan

    @Override
    public boolean equals(Object other) {
        return other instanceof SpanRule r && type.equals(r.type) && action == r.action && Objects.equals(format, r.format)
                && Objects.equals(profile, r.profile);
    }

    @Override
    public int hashCode() {
        int h = type.hashCode();
        h = 31 * h + action.hashCode();
        h = 31 * h + Objects.hashCode(format);
        return 31 * h + Objects.hashCode(profile);
    }
}
