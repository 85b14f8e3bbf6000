package dev.veil.policy.format;

import dev.veil.policy.model.FormatKind;
import dev.veil.policy.model.TokenProfile;
import dev.veil.tokenizer.token.RedactFormat;
import dev.veil.tokenizer.token.TokenFormat;
import java.util.List;

/** {@code redact}: a fixed placeholder, {@code [label]} ({@code [REDACTED]} by default). */
public final class RedactProfile implements ProfileFormat {

    @Override
    public FormatKind kind() {
        return FormatKind.REDACT;
    }

    @Override
    public List<Option> options() {
        return List.of(Option.string("label"));
    }

    /** An inline redaction to {@code [label]}, {@code [REDACTED]} when {@code label} is null. */
    public static TokenFormat format(String label) {
        return label == null ? RedactFormat.of() : RedactFormat.of(label);
    }

    @Override
    public List<String> keyIds(String keyId, TokenProfile profile) {
        return List.of();
    }

    @Override
    public TokenFormat build(FormatContext context, TokenProfile profile) {
        return format(profile.stringOption("label", null));
    }
}
