package dev.veil.tokenizer.token;

/**
 * Tokenizing or detokenizing failed. Messages name what was wrong (format, length, key id) and
 * never contain the value or the token.
 */
public class TokenizationException extends RuntimeException {

    public TokenizationException(String message) {
        super(message);
    }

    public TokenizationException(String message, Throwable cause) {
        super(message, cause);
    }
}
