package dev.veil.tokenizer.token;

import dev.veil.tokenizer.vault.KeyVersion;
import java.util.Arrays;

/** Checks key ids, key versions and key material for the keyed formats: exportable 256-bit keys only. */
final class KeyMaterial {

    private static final int KEY_BYTES = 32;

    private KeyMaterial() {}

    /** Checks a key version passed to {@code detokenize}. */
    static void checkVersion(int version) {
        if (version < 1) {
            throw new TokenizationException("keyVersion: " + version + " (expected: >= 1)");
        }
    }

    /**
     * A fresh copy of the key's bytes; callers wipe it when done.
     *
     * @throws TokenizationException if the key is not an exportable 256-bit key
     */
    static byte[] bytes(KeyVersion key) {
        byte[] encoded = key.key().getEncoded();
        if (encoded == null || encoded.length != KEY_BYTES) {
            if (encoded != null) {
                Arrays.fill(encoded, (byte) 0);
            }
            throw new TokenizationException(
                    "key " + key.keyId() + " v" + key.version() + " is not an exportable 256-bit key");
        }
        return encoded;
    }

    /** Validates a key id given to a format's factory. */
    static String checkKeyId(String keyId) {
        if (keyId.isBlank()) {
            throw new IllegalArgumentException("keyId: blank (expected: a key name such as acme/fpe)");
        }
        return keyId;
    }
}
