package dev.veil.policy.format;

import dev.veil.policy.model.FormatKind;
import dev.veil.policy.model.TokenProfile;
import dev.veil.tokenizer.token.TokenFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One token format as a policy profile names it: the options it takes, their checks, and how it
 * becomes a tokenizer format. Options are declared and checked here only, as Presidio's operators
 * own their {@code validate(params)}; the tokenizer's builders keep their own guards for code
 * that calls them directly, and report a bad combination when the policy compiles.
 */
public interface ProfileFormat {

    FormatKind kind();

    /** The options a profile of this format takes besides {@code format}. */
    List<Option> options();

    /** The option named {@code name}, or {@code null} if this format does not take it. */
    default Option option(String name) {
        for (Option option : options()) {
            if (option.name().equals(name)) {
                return option;
            }
        }
        return null;
    }

    /** The option names, in declaration order. */
    default List<String> optionNames() {
        return options().stream().map(Option::name).toList();
    }

    /**
     * Checks options that each passed their own check against each other, once when a policy
     * loads; calls {@code problem} with the option key to blame and a message.
     */
    default void validate(Map<String, Object> options, BiConsumer<String, String> problem) {}

    /** Every key that tokens of {@code profile} need, when its own key is {@code keyId}. */
    default List<String> keyIds(String keyId, TokenProfile profile) {
        return List.of(keyId);
    }

    /** The tokenizer's format for {@code profile}; {@link IllegalArgumentException} names a bad option. */
    TokenFormat build(FormatContext context, TokenProfile profile);
}
