package dev.veil.policy.format;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.TokenStore;
import java.security.SecureRandom;

/**
 * What a profile's format is bound to when a policy compiles: keys, token store, random source,
 * the brand (namespace) and the profile's key id ({@code <brand>/<profile>}, also the FF1 tweak).
 */
public record FormatContext(KeyProvider keys, TokenStore store, SecureRandom random, String brand, String keyId) {

    public FormatContext {
        requireNonNull(keys, "keys");
        requireNonNull(store, "store");
        requireNonNull(random, "random");
        requireNonNull(brand, "brand");
        requireNonNull(keyId, "keyId");
    }

    /**
     * The key under which format-preserving tokens of {@code keyId} have their key versions indexed:
     * {@code <keyId>.index} (profile names have no dot, so it never names a profile's own key).
     */
    public static String indexKeyId(String keyId) {
        return keyId + ".index";
    }

    /** The fingerprint key of a convergent random profile's key: {@code <keyId>-fingerprint}. */
    public static String fingerprintKeyId(String keyId) {
        return keyId + "-fingerprint";
    }
}
