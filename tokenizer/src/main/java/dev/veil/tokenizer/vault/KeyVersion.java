package dev.veil.tokenizer.vault;

import static java.util.Objects.requireNonNull;

import javax.crypto.SecretKey;

/** One version of a named key. {@link #toString()} never shows the key material. */
public record KeyVersion(String keyId, int version, SecretKey key) {

    public KeyVersion {
        requireNonNull(keyId, "keyId");
        requireNonNull(key, "key");
        if (version < 1) {
            throw new IllegalArgumentException("version: " + version + " (expected: >= 1)");
        }
    }

    @Override
    public String toString() {
        return "KeyVersion[" + keyId + " v" + version + "]";
    }
}
