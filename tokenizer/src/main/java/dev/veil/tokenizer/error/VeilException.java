package dev.veil.tokenizer.error;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The root of every exception whose message a user may read: command-line errors, HTTP error
 * bodies and log lines are built only from a {@link #code()} and a {@link #detail()}.
 *
 * <p>Contract, for every subclass: the detail is made of constants, counts, sizes, limits, line and
 * column numbers, and paths rendered without member names ({@code $.*[2].*}). It never holds a
 * value, a token, a member name of a document or an excerpt of any input. A foreign exception is
 * never kept as a cause, because its message (a JSON parser's, say) may quote the input; only its
 * type may be named. {@link SafeErrors} reports every other throwable by type alone.
 */
public abstract class VeilException extends RuntimeException {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final String code;

    /**
     * @param code a stable, machine-readable code in {@code snake_case}, e.g. {@code body_too_large}
     * @param detail a PII-free sentence for people (see the class contract)
     */
    protected VeilException(String code, String detail) {
        super(requireNonNull(detail, "detail"), null, false, true);
        requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code: " + code + " (expected: snake_case, at most 64 characters)");
        }
        this.code = code;
    }

    /** The stable code that clients and scripts match on. */
    public final String code() {
        return code;
    }

    /** The PII-free sentence for people; the same as {@link #getMessage()}. */
    public final String detail() {
        return getMessage();
    }
}
