package dev.veil.policy.model;

import java.util.Optional;
import java.util.Set;

/** The token formats a profile can name, with the options each accepts. */
public enum FormatKind {
    /** Format-preserving encryption of a digit string (NIST FF1). */
    FPE_DIGITS("fpe-digits", true, Set.of()),
    /** Format-preserving encryption of letters and digits over an alphabet, separators kept. */
    FPE_ALNUM("fpe-alnum", true, Set.of("alphabet")),
    /** A card number's format-preserving token: same length and grouping, last digits kept, never Luhn-valid. */
    FPE_CARD("fpe-card", true, Set.of("keep_first", "keep_last")),
    /** A random token held encrypted in the token store; convergent tokens repeat for the same value. */
    RANDOM("random", true, Set.of("prefix", "convergent")),
    /** A keyed hash: the same value always gives the same pseudonym, which never turns back. */
    HASH("hash", false, Set.of("prefix", "length")),
    /** Shows some characters and masks the rest. */
    MASK("mask", false, Set.of("keep_first", "keep_last", "mask_char", "show")),
    /** A fixed placeholder such as {@code [REDACTED]}. */
    REDACT("redact", false, Set.of("label"));

    private final String yamlName;
    private final boolean reversible;
    private final Set<String> options;

    FormatKind(String yamlName, boolean reversible, Set<String> options) {
        this.yamlName = yamlName;
        this.reversible = reversible;
        this.options = options;
    }

    /** The name as policies write it, for example {@code fpe-card}. */
    public String yamlName() {
        return yamlName;
    }

    /** Whether tokens of this format can be revealed. */
    public boolean reversible() {
        return reversible;
    }

    /** The option keys a profile of this format accepts besides {@code format}. */
    public Set<String> options() {
        return options;
    }

    /** The format a policy names {@code name}, if any. */
    public static Optional<FormatKind> fromYaml(String name) {
        for (FormatKind kind : values()) {
            if (kind.yamlName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
