package dev.veil.policy.model;

import static java.util.Objects.requireNonNull;

/**
 * What to do to a value: an action and its parameters. {@code token} names a profile (for
 * {@code tokenize} and {@code pseudonymize}), {@code mask} applies to {@code mask}, and
 * {@code label} to {@code redact} (shown as {@code [label]}); parameters an action does not use are {@code null}.
 */
public record Treatment(Action action, String token, MaskOptions mask, String label) {

    public Treatment {
        requireNonNull(action, "action");
    }

    /** A treatment with no parameters. */
    public static Treatment of(Action action) {
        return new Treatment(action, null, null, null);
    }
}
