package dev.veil.policy.compile;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.model.MaskOptions;
import dev.veil.policy.model.TokenProfile;
import dev.veil.tokenizer.token.TokenFormat;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.TokenStore;
import java.security.SecureRandom;

/**
 * Makes the tokenizer's formats from a policy's profiles and inline options, binding keys
 * ({@code <brand>/<profile>}), the token store and the random source. Immutable and thread-safe.
 */
final class TokenFormatFactory {

    static final String DEFAULT_PREFIX = "tok_";

    private final KeyProvider keys;
    private final TokenStore store;
    private final SecureRandom random;

    TokenFormatFactory(KeyProvider keys, TokenStore store, SecureRandom random) {
        this.keys = requireNonNull(keys, "keys");
        this.store = requireNonNull(store, "store");
        this.random = requireNonNull(random, "random");
    }

    /** The format of {@code profile} for {@code brand}; {@link IllegalArgumentException} names a bad option. */
    TokenFormat profile(String brand, TokenProfile profile) {
        throw new IllegalArgumentException("format " + profile.format().yamlName() + " is not available yet");
    }

    /** An inline mask. */
    TokenFormat mask(MaskOptions options) {
        throw new IllegalArgumentException("format mask is not available yet");
    }

    /** An inline redaction to {@code [label]}, {@code [REDACTED]} when {@code label} is null. */
    TokenFormat redact(String label) {
        throw new IllegalArgumentException("format redact is not available yet");
    }

    /** The keyed hash that {@code pseudonymize} uses when it names no profile. */
    TokenFormat pseudonym(String brand) {
        throw new IllegalArgumentException("format hash is not available yet");
    }

    /** The key id of a profile: {@code <brand>/<profile>}. */
    static String keyId(String brand, String profile) {
        return brand + "/" + profile;
    }
}
