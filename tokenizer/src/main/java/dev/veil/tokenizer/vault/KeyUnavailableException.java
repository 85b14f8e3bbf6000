package dev.veil.tokenizer.vault;

import dev.veil.tokenizer.token.TokenizationException;

/** A key or key version cannot be had; callers fail closed. Code {@code key_unavailable}. */
public final class KeyUnavailableException extends TokenizationException {

    /** The code of every missing or unreadable key, keyring or master key. */
    public static final String CODE = "key_unavailable";

    public KeyUnavailableException(String message) {
        super(CODE, message);
    }

    /** Names only the type of {@code cause}, never its message (see {@link dev.veil.tokenizer.error.VeilException}). */
    public KeyUnavailableException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
