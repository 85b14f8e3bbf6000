package dev.veil.tokenizer.error;

/**
 * Turns any throwable into what may be shown to a user or written to a log: a {@link VeilException}
 * speaks for itself; anything else is named by its type only, because its message may quote input.
 */
public final class SafeErrors {

    /** The code given to every throwable that is not a {@link VeilException}. */
    public static final String INTERNAL = "internal_error";

    private SafeErrors() {}

    /** A PII-free code and detail for {@code failure}. */
    public static SafeError describe(Throwable failure) {
        if (failure instanceof VeilException veil) {
            return new SafeError(veil.code(), veil.detail());
        }
        return new SafeError(INTERNAL, "unexpected " + failure.getClass().getSimpleName() + " (details withheld: they may quote the input)");
    }

    /** A code and a detail that are safe to show and to log. */
    public record SafeError(String code, String detail) {}
}
