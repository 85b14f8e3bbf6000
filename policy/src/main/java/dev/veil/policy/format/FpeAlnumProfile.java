package dev.veil.policy.format;

import dev.veil.policy.model.FormatKind;
import dev.veil.policy.model.TokenProfile;
import dev.veil.tokenizer.token.FpeFormat;
import dev.veil.tokenizer.token.TokenFormat;
import java.util.List;

/** {@code fpe-alnum}: NIST FF1 over letters and digits; {@code alphabet} upper, lower or mixed (default). */
final class FpeAlnumProfile implements ProfileFormat {

    static final Option ALPHABET = Option.oneOf("alphabet", "alphabet", List.of("upper", "lower", "mixed"));

    @Override
    public FormatKind kind() {
        return FormatKind.FPE_ALNUM;
    }

    @Override
    public List<Option> options() {
        return List.of(ALPHABET);
    }

    @Override
    public TokenFormat build(FormatContext context, TokenProfile profile) {
        return FpeFormat.of(context.keys(), context.keyId(), context.keyId(),
                        FpeFormat.Alphabet.of(profile.stringOption("alphabet", "mixed")))
                .withVersionIndex(context.store(), FormatContext.indexKeyId(context.keyId()));
    }

    @Override
    public List<String> keyIds(String keyId, TokenProfile profile) {
        return List.of(keyId, FormatContext.indexKeyId(keyId));
    }
}
