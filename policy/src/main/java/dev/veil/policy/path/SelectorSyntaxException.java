package dev.veil.policy.path;

/** A selector does not follow the supported JSONPath subset; names the offending position. */
public final class SelectorSyntaxException extends IllegalArgumentException {

    private final int position;

    SelectorSyntaxException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** The zero-based character position in the selector where the problem is. */
    public int position() {
        return position;
    }
}
