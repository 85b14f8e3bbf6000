package dev.veil.policy.model;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A named token profile from a policy's {@code tokens} section: a format and its options
 * (integers, strings or booleans, already checked against {@link FormatKind#options()}).
 */
public record TokenProfile(String name, FormatKind format, Map<String, Object> options, Location at) {

    public TokenProfile {
        requireNonNull(name, "name");
        requireNonNull(format, "format");
        options = Map.copyOf(options);
        requireNonNull(at, "at");
    }

    /** An integer option, or {@code fallback} when absent. */
    public int intOption(String key, int fallback) {
        Object value = options.get(key);
        return value instanceof Integer i ? i : fallback;
    }

    /** A string option, or {@code fallback} when absent. */
    public String stringOption(String key, String fallback) {
        Object value = options.get(key);
        return value instanceof String s ? s : fallback;
    }

    /** A boolean option, or {@code fallback} when absent. */
    public boolean booleanOption(String key, boolean fallback) {
        Object value = options.get(key);
        return value instanceof Boolean b ? b : fallback;
    }

    /** Whether the option is set. */
    public boolean has(String key) {
        return options.containsKey(key);
    }
}
