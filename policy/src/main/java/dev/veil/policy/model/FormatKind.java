package dev.veil.policy.model;

import java.util.Optional;

/** The token formats a profile can name; each declares its options in {@code dev.veil.policy.format}. */
public enum FormatKind {
    /** Format-preserving encryption of a digit string (NIST FF1). */
    FPE_DIGITS("fpe-digits", true),
    /** Format-preserving encryption of letters and digits over an alphabet, separators kept. */
    FPE_ALNUM("fpe-alnum", true),
    /** A card number's format-preserving token: same length and grouping, last digits kept, never Luhn-valid. */
    FPE_CARD("fpe-card", true),
    /** A random token held encrypted in the token store; convergent tokens repeat for the same value. */
    RANDOM("random", true),
    /** A keyed hash: the same value always gives the same pseudonym, which never turns back. */
    HASH("hash", false),
    /** Shows some characters and masks the rest. */
    MASK("mask", false),
    /** A fixed placeholder such as {@code [REDACTED]}. */
    REDACT("redact", false);

    private final String yamlName;
    private final boolean reversible;
    FormatKind(String yamlName, boolean reversible) {
        this.yamlName = yamlName;
        this.reversible = reversible;
    }

    /** The name as policies write it, for example {@code fpe-card}. */
    public String yamlName() {
        return yamlName;
    }

    /** Whether tokens of this format can be revealed. */
    public boolean reversible() {
        return reversible;
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
