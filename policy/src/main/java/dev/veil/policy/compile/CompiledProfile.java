package dev.veil.policy.compile;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.model.FormatKind;
import dev.veil.tokenizer.token.ReversibleTokenFormat;
import dev.veil.tokenizer.token.TokenFormat;

/**
 * A token profile bound to its keys and store: the format that makes its tokens, and for random
 * profiles the prefix that makes those tokens recognisable in free text ({@code null} otherwise).
 */
public record CompiledProfile(String name, FormatKind kind, TokenFormat format, String prefix) {

    public CompiledProfile {
        requireNonNull(name, "name");
        requireNonNull(kind, "kind");
        requireNonNull(format, "format");
    }

    /** Whether this profile's format refuses values of the wrong shape (the format-preserving ones). */
    public boolean shapeSensitive() {
        return kind == FormatKind.FPE_DIGITS || kind == FormatKind.FPE_ALNUM || kind == FormatKind.FPE_CARD;
    }

    /** Whether tokens of this profile can turn back into values. */
    public boolean reversible() {
        return kind.reversible() && format instanceof ReversibleTokenFormat;
    }
}
