package dev.veil.policy.format;

import dev.veil.policy.model.FormatKind;
import dev.veil.policy.model.TokenProfile;
import dev.veil.tokenizer.token.TokenFormat;
import dev.veil.tokenizer.token.VaultedTokenFormat;
import java.util.List;

/**
 * {@code random}: a random token held encrypted in the token store; {@code prefix} (default
 * {@code tok_}) and {@code convergent} (the same value gives the same token, with the key
 * {@code <keyId>-fingerprint}).
 */
public final class RandomProfile implements ProfileFormat {

    /** The prefix of a random profile that names none. */
    public static final String DEFAULT_PREFIX = VaultedTokenFormat.DEFAULT_PREFIX;

    @Override
    public FormatKind kind() {
        return FormatKind.RANDOM;
    }

    @Override
    public List<Option> options() {
        return List.of(Option.string("prefix"), Option.bool("convergent"));
    }

    /** The prefix tokens of {@code profile} start with. */
    public static String prefix(TokenProfile profile) {
        return profile.stringOption("prefix", DEFAULT_PREFIX);
    }

    @Override
    public TokenFormat build(FormatContext context, TokenProfile profile) {
        VaultedTokenFormat.Builder builder = VaultedTokenFormat.builder(context.keys(), context.store())
                .namespace(context.brand())
                .prefix(prefix(profile))
                .dataKeyId(context.keyId())
                .random(context.random());
        if (profile.booleanOption("convergent", false)) {
            builder.convergent(FormatContext.fingerprintKeyId(context.keyId()));
        }
        return builder.build();
    }

    @Override
    public List<String> keyIds(String keyId, TokenProfile profile) {
        return profile.booleanOption("convergent", false)
                ? List.of(keyId, FormatContext.fingerprintKeyId(keyId)) : List.of(keyId);
    }
}
