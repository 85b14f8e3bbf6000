package dev.veil.tokenizer.token;

import static java.util.Objects.requireNonNull;

/**
 * The result of tokenizing one value: the text that replaces it and the version of the key that
 * made it ({@code 0} when no key was involved, as for masks, or when the token store records it,
 * as for vaulted tokens). Callers keep the version beside format-preserving tokens, which have no
 * room for it, so that they still resolve after a key rotation.
 */
public record Token(String text, int keyVersion) {

    public Token {
        requireNonNull(text, "text");
        if (keyVersion < 0) {
            throw new IllegalArgumentException("keyVersion: " + keyVersion + " (expected: >= 0)");
        }
    }

    /** Never prints the token text, which may be a reversible stand-in for personal data. */
    @Override
    public String toString() {
        return "Token[length=" + text.length() + ", keyVersion=" + keyVersion + "]";
    }
}
