package dev.veil.tokenizer.token;

import dev.veil.tokenizer.error.VeilException;

/**
 * Tokenizing or detokenizing failed. Messages name what was wrong (format, length, key id) and
 * never contain the value or the token; code {@code tokenization_failed} unless a subclass or
 * caller names a narrower one.
 */
public class TokenizationException extends VeilException {

    /** The code of a value or token a format cannot handle. */
    public static final String CODE = "tokenization_failed";

    /** The code of a token store that cannot be read or written: the caller must fail closed. */
    public static final String STORE_UNAVAILABLE = "store_unavailable";

    public TokenizationException(String message) {
        this(CODE, message);
    }

    /**
     * Names only the type of {@code cause}: a foreign exception's message may quote the input, so it
     * is never kept (see {@link VeilException}).
     */
    public TokenizationException(String message, Throwable cause) {
        this(CODE, message, cause);
    }

    /** A token store failed with {@code cause}, named by its type only; code {@link #STORE_UNAVAILABLE}. */
    public static TokenizationException storeUnavailable(String message, Throwable cause) {
        return new TokenizationException(STORE_UNAVAILABLE, message, cause);
    }

    protected TokenizationException(String code, String message) {
        super(code, message);
    }

    protected TokenizationException(String code, String message, Throwable cause) {
        super(code, message + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")"));
    }
}
