package dev.veil.policy.format;

import dev.veil.policy.model.FormatKind;
import dev.veil.policy.model.TokenProfile;
import dev.veil.tokenizer.token.FpeCardFormat;
import dev.veil.tokenizer.token.TokenFormat;
import java.util.List;

/** {@code fpe-card}: a card number's format-preserving token; {@code keep_first} 0 or 6, {@code keep_last} 0 to 4 (default 4). */
final class FpeCardProfile implements ProfileFormat {

    static final int DEFAULT_KEEP_LAST = 4;

    @Override
    public FormatKind kind() {
        return FormatKind.FPE_CARD;
    }

    @Override
    public List<Option> options() {
        return List.of(Option.count("keep_first"), Option.count("keep_last"));
    }

    @Override
    public TokenFormat build(FormatContext context, TokenProfile profile) {
        return FpeCardFormat.builder(context.keys(), context.keyId())
                .tweak(context.keyId())
                .keepFirst(profile.intOption("keep_first", 0))
                .keepLast(profile.intOption("keep_last", DEFAULT_KEEP_LAST))
                .versionIndex(context.store(), FormatContext.indexKeyId(context.keyId()))
                .build();
    }

    @Override
    public List<String> keyIds(String keyId, TokenProfile profile) {
        return List.of(keyId, FormatContext.indexKeyId(keyId));
    }
}
