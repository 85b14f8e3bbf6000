package dev.veil.policy.compile;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.model.Action;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.token.TokenFormat;

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
}
