package dev.veil.gateway.cli;

import dev.veil.policy.compile.TokenFormatFactory;
import dev.veil.policy.format.ProfileFormat;
import dev.veil.policy.format.ProfileFormats;
import dev.veil.policy.model.FormatKind;
import dev.veil.policy.model.Location;
import dev.veil.policy.model.TokenProfile;
import dev.veil.tokenizer.token.TokenFormat;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * Which token format {@code veil tokenize} and {@code veil detokenize} use, with the same options
 * and key ids ({@code <brand>/<profile>}) as a policy's token profiles, so that the command line
 * makes exactly the tokens a policy would.
 */
final class FormatOptions {

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "fpe-card, fpe-digits, fpe-alnum, random, hash, mask or redact.")
    String format;

    @Option(names = "--brand", paramLabel = "NAME", description = "Brand (namespace of keys and vaulted tokens; default: ${DEFAULT-VALUE}).")
    String brand = "default";

    @Option(names = "--profile", paramLabel = "NAME", description = "Profile name; the key id is <brand>/<profile> (default: the format's name).")
    String profile;

    @Option(names = "--keep-first", paramLabel = "N", description = "fpe-card: 0 or 6; mask: characters shown at the start.")
    Integer keepFirst;

    @Option(names = "--keep-last", paramLabel = "N", description = "fpe-card: 0 to 4 (default 4); mask: characters shown at the end.")
    Integer keepLast;

    @Option(names = "--alphabet", paramLabel = "NAME", description = "fpe-alnum: upper, lower or mixed (default mixed).")
    String alphabet;

    @Option(names = "--prefix", paramLabel = "TEXT", description = "random: token prefix (default tok_); hash: pseudonym prefix.")
    String prefix;

    @Option(names = "--convergent", description = "random: the same value always gives the same token.")
    Boolean convergent;

    @Option(names = "--length", paramLabel = "N", description = "hash: characters of the pseudonym (default 16).")
    Integer length;

    @Option(names = "--mask-char", paramLabel = "C", description = "mask: the masking character (default •).")
    String maskChar;

    @Option(names = "--show", paramLabel = "PRESET", description = "mask: first_initial, last_2, last_4 or none.")
    String show;

    @Option(names = "--label", paramLabel = "TEXT", description = "redact: the placeholder's label (default REDACTED).")
    String label;

    FormatKind kind() {
        return FormatKind.fromYaml(format).orElseThrow(() -> UsageException.usage("--format: " + format
                + " (expected one of: " + Arrays.stream(FormatKind.values()).map(FormatKind::yamlName).collect(Collectors.joining(", ")) + ")"));
    }

    String keyId() {
        return TokenFormatFactory.keyId(brand, profileName());
    }

    /** The profile these options describe; an option the format does not take is an error. */
    TokenProfile profile() {
        FormatKind kind = kind();
        Map<String, Object> options = new LinkedHashMap<>();
        put(options, "keep_first", keepFirst);
        put(options, "keep_last", keepLast);
        put(options, "alphabet", alphabet);
        put(options, "prefix", prefix);
        put(options, "convergent", convergent);
        put(options, "length", length);
        put(options, "mask_char", maskChar);
        put(options, "show", show);
        put(options, "label", label);
        ProfileFormat declared = ProfileFormats.of(kind);
        for (Map.Entry<String, Object> option : options.entrySet()) {
            dev.veil.policy.format.Option declaration = declared.option(option.getKey());
            String flag = "--" + option.getKey().replace('_', '-');
            if (declaration == null) {
                throw UsageException.usage(flag + " does not apply to " + kind.yamlName()
                        + (declared.options().isEmpty() ? " (it takes no options)" : " (it takes: "
                        + declared.optionNames().stream().sorted().map(o -> "--" + o.replace('_', '-')).collect(Collectors.joining(", ")) + ")"));
            }
            String problem = declaration.problem(option.getValue());
            if (problem != null) {
                throw UsageException.usage(flag + ": " + problem);
            }
        }
        declared.validate(options, (key, message) -> {
            throw UsageException.usage("--" + key.replace('_', '-') + ": " + message);
        });
        return new TokenProfile(profileName(), kind, options, new Location("command line", 0, 0, "--format"));
    }

    /**
     * The format for {@code profile}. The format builders check option values (a {@code --keep-last}
     * of 9, say) with messages that name only the option and its value, which the user typed: they
     * are shown as a usage error.
     */
    TokenFormat build(TokenFormatFactory factory, TokenProfile profile) {
        try {
            return factory.profile(brand, profile);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw UsageException.usage("--format " + format + ": " + e.getMessage());
        }
    }

    private String profileName() {
        return profile != null ? profile : format;
    }

    private static void put(Map<String, Object> options, String key, Object value) {
        if (value != null) {
            options.put(key, value);
        }
    }
}
