package dev.veil.policy.format;

import dev.veil.policy.model.FormatKind;
import dev.veil.policy.model.TokenProfile;
import dev.veil.tokenizer.token.FpeFormat;
import dev.veil.tokenizer.token.TokenFormat;
import java.util.List;

/** {@code fpe-digits}: NIST FF1 over a digit string; takes no options. */
final class FpeDigitsProfile implements ProfileFormat {

    @Override
    public FormatKind kind() {
        return FormatKind.FPE_DIGITS;
    }

    @Override
    public List<Option> options() {
        return List.of();
    }

    @Override
    public TokenFormat build(FormatContext context, TokenProfile profile) {
        return FpeFormat.digits(context.keys(), context.keyId(), context.keyId())
                .withVersionIndex(context.store(), FormatContext.indexKeyId(context.keyId()));
    }

    @Override
    public List<String> keyIds(String keyId, TokenProfile profile) {
        return List.of(keyId, FormatContext.indexKeyId(keyId));
    }
}
