package dev.veil.policy.format;

import dev.veil.policy.model.FormatKind;
import dev.veil.policy.model.TokenProfile;
import dev.veil.tokenizer.token.FpeCardFormat;
import dev.veil.tokenizer.token.TokenFormat;
import java.util.List;

/** {@code fpe-card}: a card number's format-preserving token; {@code keep_first} 0 or 6, {@code keep_last} 0 to 4 (default 4; at most 3 with {@code keep_first 6}). */
final class FpeCardProfile implements ProfileFormat {

    static final int DEFAULT_KEEP_LAST = 4;
    private static final int BIN = 6;
    private static final int MAX_KEEP_LAST_WITH_BIN = 3;

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
        int keepFirst = profile.intOption("keep_first", 0);
        int keepLast = profile.intOption("keep_last", DEFAULT_KEEP_LAST);
        // FF1 needs 6 free digits: 6 kept + 4 kept + the Luhn digit leave a 16-digit card only 5, so every common card would be redacted
        if (keepFirst == BIN && keepLast > MAX_KEEP_LAST_WITH_BIN) {
            throw new IllegalArgumentException("keep_first 6 with keep_last " + keepLast + " leaves 16-digit cards too few digits to encrypt,"
                    + " so they would be redacted (expected: keep_last 0 to " + MAX_KEEP_LAST_WITH_BIN + " with keep_first 6)");
        }
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
