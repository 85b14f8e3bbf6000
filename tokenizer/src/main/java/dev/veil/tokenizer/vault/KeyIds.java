package dev.veil.tokenizer.vault;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The syntax of key ids, shared by every {@link KeyProvider}: lower case letters, digits and
 * {@code . _ / -}, starting with a letter or digit, at most 128 characters (for example
 * {@code acme/vault}).
 */
public final class KeyIds {

    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9][a-z0-9._/-]{0,127}");

    private KeyIds() {}

    /** Returns {@code keyId} if it is well formed; throws {@link IllegalArgumentException} otherwise. */
    public static String requireValid(String keyId) {
        requireNonNull(keyId, "keyId");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("keyId: " + keyId
                    + " (expected: lower case letters, digits and . _ / -, starting with a letter or digit, at most 128)");
        }
        return keyId;
    }
}
