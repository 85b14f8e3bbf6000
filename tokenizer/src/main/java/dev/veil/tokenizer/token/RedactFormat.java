package dev.veil.tokenizer.token;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * {@code redact}: replaces any value with a fixed placeholder such as {@code [CARD_NUMBER]}, so a
 * reader knows what was there but nothing of it.
 */
public final class RedactFormat implements TokenFormat {

    /** The format's name in policies. */
    public static final String NAME = "redact";

    /** The label used when none is configured. */
    public static final String DEFAULT_LABEL = "REDACTED";

    private static final Pattern LABEL = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private final Token placeholder;

    private RedactFormat(String label) {
        this.placeholder = new Token("[" + label + "]", 0);
    }

    /** Redacts to {@code [REDACTED]}. */
    public static RedactFormat of() {
        return new RedactFormat(DEFAULT_LABEL);
    }

    /**
     * Redacts to {@code [label]}; the label is a letter followed by up to 63 letters, digits,
     * {@code _} or {@code -}.
     */
    public static RedactFormat of(String label) {
        requireNonNull(label, "label");
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException(
                    "label: " + label + " (expected: a letter, then up to 63 of A-Z, a-z, 0-9, _ and -)");
        }
        return new RedactFormat(label);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The placeholder, for example {@code [CARD_NUMBER]}. */
    public String placeholder() {
        return placeholder.text();
    }

    /** The same value always gives the same text: nothing random, nothing stored. */
    @Override
    public boolean deterministic() {
        return true;
    }

    @Override
    public Token tokenize(String value) {
        requireNonNull(value, "value");
        return placeholder;
    }
}
