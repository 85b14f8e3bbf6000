package dev.veil.policy.path;

import dev.veil.tokenizer.error.VeilException;

/**
 * A selector does not follow the supported JSONPath subset; names the offending position. Code
 * {@value #CODE}. Selectors are policy text, written by the security team.
 */
public final class SelectorSyntaxException extends VeilException {

    public static final String CODE = "invalid_selector";

    private final int position;

    SelectorSyntaxException(String message, int position) {
        super(CODE, message);
        this.position = position;
    }

    /** The zero-based character position in the selector where the problem is. */
    public int position() {
        return position;
    }
}
