package dev.veil.tokenizer.vault;

import dev.veil.tokenizer.token.TokenizationException;

/** A key or key version cannot be had; callers fail closed. */
public final class KeyUnavailableException extends TokenizationException {

    public KeyUnavailableException(String message) {
        super(message);
    }

    public KeyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
