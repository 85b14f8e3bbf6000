package dev.veil.policy.compile;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.format.FormatContext;
import dev.veil.policy.format.MaskProfile;
import dev.veil.policy.format.ProfileFormat;
import dev.veil.policy.format.ProfileFormats;
import dev.veil.policy.format.RedactProfile;
import dev.veil.policy.model.MaskOptions;
import dev.veil.policy.model.TokenProfile;
import dev.veil.tokenizer.token.HashFormat;
import dev.veil.tokenizer.token.TokenFormat;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.TokenStore;
import java.security.SecureRandom;
import java.util.List;

/**
 * Makes the tokenizer's formats from a policy's profiles and inline options, binding keys
 * ({@code <brand>/<profile>}, also the FF1 tweak; {@code <brand>/<profile>-fingerprint} for
 * convergent vaulted tokens; {@code <brand>/<profile>.index} for the key version index of
 * format-preserving tokens, kept in the token store), the brand as namespace, the token store and the random source; each
 * format's options and builder live in its {@link ProfileFormat}. Immutable and thread-safe.
 */
public final class TokenFormatFactory {

    private final KeyProvider keys;
    private final TokenStore store;
    private final SecureRandom random;

    public TokenFormatFactory(KeyProvider keys, TokenStore store, SecureRandom random) {
        this.keys = requireNonNull(keys, "keys");
        this.store = requireNonNull(store, "store");
        this.random = requireNonNull(random, "random");
    }

    /** The format of {@code profile} for {@code brand}; {@link IllegalArgumentException} names a bad option. */
    public TokenFormat profile(String brand, TokenProfile profile) {
        FormatContext context = new FormatContext(keys, store, random, brand, keyId(brand, profile.name()));
        return ProfileFormats.of(profile.format()).build(context, profile);
    }

    /** An inline mask. */
    TokenFormat mask(MaskOptions options) {
        return MaskProfile.format(options);
    }

    /** An inline redaction to {@code [label]}, {@code [REDACTED]} when {@code label} is null. */
    TokenFormat redact(String label) {
        return RedactProfile.format(label);
    }

    /** The keyed hash that {@code pseudonymize} uses when it names no profile. */
    TokenFormat pseudonym(String brand) {
        return HashFormat.builder(keys, keyId(brand, PolicyCompiler.DEFAULT_PSEUDONYM_PROFILE), brand).build();
    }

    /** The key id of a profile: {@code <brand>/<profile>}. */
    public static String keyId(String brand, String profile) {
        return brand + "/" + profile;
    }

    /** Every key that tokens of {@code profile} for {@code brand} need; none for masks and redactions. */
    public static List<String> keyIds(String brand, TokenProfile profile) {
        return ProfileFormats.of(profile.format()).keyIds(keyId(brand, profile.name()), profile);
    }
}
