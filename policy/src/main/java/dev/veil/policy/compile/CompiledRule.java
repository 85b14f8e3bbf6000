package dev.veil.policy.compile;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.model.Action;
import dev.veil.policy.path.Selector;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.token.TokenFormat;

/**
 * A field rule ready to run: where it came from ({@code fields[3]} or {@code views.senior[...]}),
 * what it selects, its action, its declared PII type ({@code null} if none), and the format that
 * replaces values ({@code null} for keep, drop and scan) with the profile that names it
 * ({@code null} for inline masks and redactions).
 */
public record CompiledRule(String source, Selector selector, Action action, PiiType type, TokenFormat format, String profile, boolean trust) {

    public CompiledRule {
        requireNonNull(source, "source");
        requireNonNull(selector, "selector");
        requireNonNull(action, "action");
    }

    /** A rule without {@code trust} (see {@link dev.veil.policy.model.FieldRule#trust()}). */
    public CompiledRule(String source, Selector selector, Action action, PiiType type, TokenFormat format, String profile) {
        this(source, selector, action, type, format, profile, false);
    }
}
