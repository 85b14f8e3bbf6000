package dev.veil.policy.format;

import dev.veil.policy.model.FormatKind;
import dev.veil.policy.model.MaskOptions;
import dev.veil.policy.model.TokenProfile;
import dev.veil.tokenizer.token.MaskFormat;
import dev.veil.tokenizer.token.TokenFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * {@code mask}: shows some characters and masks the rest; {@code keep_first}, {@code keep_last},
 * {@code mask_char}, or {@code show} with a preset instead of the counts. The same options serve
 * the inline {@code action: mask} of a rule.
 */
public final class MaskProfile implements ProfileFormat {

    static final MaskProfile INSTANCE = new MaskProfile();

    private static final List<Option> OPTIONS = List.of(
            Option.count("keep_first"), Option.count("keep_last"), Option.character("mask_char"), Option.preset("show"));

    private MaskProfile() {}

    /** The mask format's options, for the inline {@code action: mask} of a rule too. */
    public static MaskProfile of() {
        return INSTANCE;
    }

    @Override
    public FormatKind kind() {
        return FormatKind.MASK;
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public void validate(Map<String, Object> options, BiConsumer<String, String> problem) {
        if (options.containsKey("show") && (options.containsKey("keep_first") || options.containsKey("keep_last"))) {
            problem.accept("show", "'show' and keep_first/keep_last exclude each other (expected: one of them)");
        }
    }

    /** The mask that checked {@code options} describe. */
    public static MaskOptions maskOptions(Map<String, Object> options) {
        String maskChar = (String) options.get("mask_char");
        Object show = options.get("show");
        if (show != null) {
            return MaskOptions.preset((String) show, maskChar).orElseThrow(() -> new IllegalArgumentException(
                    "show: " + show + " (expected one of: " + String.join(", ", MaskOptions.PRESETS) + ")"));
        }
        return new MaskOptions(count(options, "keep_first"), count(options, "keep_last"), false, maskChar);
    }

    /** The tokenizer's mask for {@code options}. */
    public static TokenFormat format(MaskOptions options) {
        MaskFormat.Builder builder = MaskFormat.builder()
                .keepFirst(options.keepFirst())
                .keepLast(options.keepLast())
                .firstInitial(options.firstInitial());
        if (options.maskChar() != null) {
            builder.maskChar(options.maskChar());
        }
        return builder.build();
    }

    @Override
    public List<String> keyIds(String keyId, TokenProfile profile) {
        return List.of();
    }

    @Override
    public TokenFormat build(FormatContext context, TokenProfile profile) {
        StringBuilder problems = new StringBuilder();
        validate(profile.options(), (key, message) -> problems.append(message));
        if (problems.length() > 0) {
            throw new IllegalArgumentException(problems.toString());
        }
        return format(maskOptions(profile.options()));
    }

    private static int count(Map<String, Object> options, String key) {
        Object value = options.get(key);
        return value instanceof Integer i ? i : 0;
    }
}
