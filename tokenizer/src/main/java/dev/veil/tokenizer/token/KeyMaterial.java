package dev.veil.tokenizer.token;

import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyVersion;
import java.util.Arrays;

/** Key ids, versions and material for the keyed formats (exportable 256-bit keys only), and FF1 under such a key. */
final class KeyMaterial {

    private static final int KEY_BYTES = 32;

    private KeyMaterial() {}

    /** Checks a key version passed to {@code detokenize}: 0 (not known to the caller) or a version. */
    static void checkVersion(int version) {
        if (version < 0) {
            throw new TokenizationException("keyVersion: " + version + " (expected: >= 1, or 0 when not known)");
        }
    }

    /** The characters of {@code text} that {@code symbol} accepts: a token's identity whatever its separators. */
    static String symbols(String text, java.util.function.IntPredicate symbol) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (symbol.test(c)) {
                out.append(c);
            }
        }
        return out.toString();
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

    /** The key {@code version} of {@code keyId}, or its current version when {@code version} is 0. */
    static KeyVersion resolve(KeyProvider keys, String keyId, int version) {
        return version == 0 ? keys.current(keyId) : keys.version(keyId, version);
    }

    /** Encrypts or decrypts {@code numerals} with FF1 under {@code key}, wiping the key bytes after. */
    static byte[] ff1(Ff1 ff1, KeyVersion key, byte[] tweak, byte[] numerals, boolean encrypt) {
        byte[] material = bytes(key);
        try {
            return encrypt ? ff1.encrypt(material, tweak, numerals) : ff1.decrypt(material, tweak, numerals);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }
}
