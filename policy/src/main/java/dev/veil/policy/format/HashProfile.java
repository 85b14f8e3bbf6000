package dev.veil.policy.format;

import dev.veil.policy.model.FormatKind;
import dev.veil.policy.model.TokenProfile;
import dev.veil.tokenizer.token.HashFormat;
import dev.veil.tokenizer.token.TokenFormat;
import java.util.List;

/** {@code hash}: a keyed, one-way pseudonym; {@code prefix} (default none) and {@code length} (default 16). */
final class HashProfile implements ProfileFormat {

    @Override
    public FormatKind kind() {
        return FormatKind.HASH;
    }

    @Override
    public List<Option> options() {
        return List.of(Option.string("prefix"), Option.count("length"));
    }

    @Override
    public TokenFormat build(FormatContext context, TokenProfile profile) {
        return HashFormat.builder(context.keys(), context.keyId(), context.brand())
                .prefix(profile.stringOption("prefix", ""))
                .length(profile.intOption("length", HashFormat.DEFAULT_LENGTH))
                .build();
    }
}
