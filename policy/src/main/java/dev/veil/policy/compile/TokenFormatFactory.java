package dev.veil.policy.compile;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.model.MaskOptions;
import dev.veil.policy.model.TokenProfile;
import dev.veil.tokenizer.token.FpeCardFormat;
import dev.veil.tokenizer.token.FpeFormat;
import dev.veil.tokenizer.token.HashFormat;
import dev.veil.tokenizer.token.MaskFormat;
import dev.veil.tokenizer.token.RedactFormat;
import dev.veil.tokenizer.token.TokenFormat;
import dev.veil.tokenizer.token.VaultedTokenFormat;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.TokenStore;
import java.security.SecureRandom;

/**
 * Makes the tokenizer's formats from a policy's profiles and inline options, binding keys
 * ({@code <brand>/<profile>}, also the FF1 tweak; {@code <brand>/<profile>-fingerprint} for
 * convergent vaulted tokens; {@code <brand>/<profile>.index} for the key version index of
 * format-preserving tokens, kept in the token store), the brand as namespace, the token store and
 * the random source. The one place that knows the formats' builders. Immutable and thread-safe.
 */
public final class TokenFormatFactory {

    static final String DEFAULT_PREFIX = "tok_";

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
        String keyId = keyId(brand, profile.name());
        return switch (profile.format()) {
            case FPE_DIGITS -> FpeFormat.digits(keys, keyId, keyId).withVersionIndex(store, indexKeyId(keyId));
            case FPE_ALNUM -> FpeFormat.of(keys, keyId, keyId,
                    FpeFormat.Alphabet.of(profile.stringOption("alphabet", "mixed")))
                    .withVersionIndex(store, indexKeyId(keyId));
            case FPE_CARD -> FpeCardFormat.builder(keys, keyId)
                    .tweak(keyId)
                    .keepFirst(profile.intOption("keep_first", 0))
                    .keepLast(profile.intOption("keep_last", 4))
                    .versionIndex(store, indexKeyId(keyId))
                    .build();
            case RANDOM -> random(brand, profile, keyId);
            case HASH -> HashFormat.builder(keys, keyId, brand)
                    .prefix(profile.stringOption("prefix", ""))
                    .length(profile.intOption("length", HashFormat.DEFAULT_LENGTH))
                    .build();
            case MASK -> mask(profileMask(profile));
            case REDACT -> redact(profile.stringOption("label", null));
        };
    }

    private TokenFormat random(String brand, TokenProfile profile, String keyId) {
        VaultedTokenFormat.Builder builder = VaultedTokenFormat.builder(keys, store)
                .namespace(brand)
                .prefix(profile.stringOption("prefix", DEFAULT_PREFIX))
                .dataKeyId(keyId)
                .random(random);
        if (profile.booleanOption("convergent", false)) {
            builder.convergent(fingerprintKeyId(keyId));
        }
        return builder.build();
    }

    /** An inline mask. */
    TokenFormat mask(MaskOptions options) {
        MaskFormat.Builder builder = MaskFormat.builder()
                .keepFirst(options.keepFirst())
                .keepLast(options.keepLast())
                .firstInitial(options.firstInitial());
        if (options.maskChar() != null) {
            builder.maskChar(options.maskChar());
        }
        return builder.build();
    }

    /** An inline redaction to {@code [label]}, {@code [REDACTED]} when {@code label} is null. */
    TokenFormat redact(String label) {
        return label == null ? RedactFormat.of() : RedactFormat.of(label);
    }

    /** The keyed hash that {@code pseudonymize} uses when it names no profile. */
    TokenFormat pseudonym(String brand) {
        return HashFormat.builder(keys, keyId(brand, PolicyCompiler.DEFAULT_PSEUDONYM_PROFILE), brand).build();
    }

    /** The key id of a profile: {@code <brand>/<profile>}. */
    public static String keyId(String brand, String profile) {
        return brand + "/" + profile;
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

    /** Every key that tokens of {@code profile} for {@code brand} need, sorted; none for masks and redactions. */
    public static java.util.List<String> keyIds(String brand, TokenProfile profile) {
        String keyId = keyId(brand, profile.name());
        return switch (profile.format()) {
            case FPE_DIGITS, FPE_ALNUM, FPE_CARD -> java.util.List.of(keyId, indexKeyId(keyId));
            case RANDOM -> profile.booleanOption("convergent", false)
                    ? java.util.List.of(keyId, fingerprintKeyId(keyId)) : java.util.List.of(keyId);
            case HASH -> java.util.List.of(keyId);
            case MASK, REDACT -> java.util.List.of();
        };
    }

    private static MaskOptions profileMask(TokenProfile profile) {
        String maskChar = profile.stringOption("mask_char", null);
        String show = profile.stringOption("show", null);
        if (show == null) {
            return new MaskOptions(profile.intOption("keep_first", 0), profile.intOption("keep_last", 0), false, maskChar);
        }
        if (profile.has("keep_first") || profile.has("keep_last")) {
            throw new IllegalArgumentException("show: " + show + " (expected: either show or keep_first/keep_last)");
        }
        return MaskOptions.preset(show, maskChar).orElseThrow(() -> new IllegalArgumentException(
                "show: " + show + " (expected one of: " + String.join(", ", MaskOptions.PRESETS) + ")"));
    }
}
