package dev.veil.policy.format;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.model.MaskOptions;
import dev.veil.policy.yaml.NodeReader;
import dev.veil.policy.yaml.Suggestions;
import dev.veil.policy.yaml.YamlNode;
import dev.veil.policy.yaml.YamlNode.Scalar;
import java.util.List;
import java.util.function.Function;

/**
 * One option a token format takes ({@code keep_last}, {@code prefix} ...): its name, the type of
 * its value and the check of that value. A format declares its options once; the policy loader
 * and the command line both read and check values through them.
 */
public record Option(String name, Type type, List<String> choices, Function<Object, String> check) {

    /** The type of an option's value, as YAML and the command line give it. */
    public enum Type { COUNT, STRING, BOOLEAN }

    /** Largest value of a count option that a policy may write; the formats narrow it. */
    public static final int MAX_COUNT = 64;

    public Option {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        choices = List.copyOf(choices);
        requireNonNull(check, "check");
    }

    /** A whole number from 0 to {@value #MAX_COUNT}, such as {@code keep_last}. */
    public static Option count(String name) {
        return new Option(name, Type.COUNT, List.of(), v -> {
            int n = (Integer) v;
            return n >= 0 && n <= MAX_COUNT ? null : n + " (expected: a whole number from 0 to " + MAX_COUNT + ")";
        });
    }

    /** Any string; the format's builder checks its shape. */
    public static Option string(String name) {
        return new Option(name, Type.STRING, List.of(), v -> null);
    }

    /** {@code true} or {@code false}. */
    public static Option bool(String name) {
        return new Option(name, Type.BOOLEAN, List.of(), v -> null);
    }

    /** One of {@code choices}; {@code what} names the option in messages ("alphabet", "preset"). */
    public static Option oneOf(String name, String what, List<String> choices) {
        return new Option(name, Type.STRING, choices, v -> choices.contains(v) ? null
                : "unknown " + what + " '" + v + "' (expected one of: " + String.join(", ", choices) + ")");
    }

    /** Exactly one character, such as {@code mask_char}. */
    public static Option character(String name) {
        return new Option(name, Type.STRING, List.of(), v -> ((String) v).codePointCount(0, ((String) v).length()) == 1 ? null
                : name + " '" + v + "' (expected: exactly one character)");
    }

    /** {@code show}: a mask preset. */
    static Option preset(String name) {
        return oneOf(name, "preset", MaskOptions.PRESETS);
    }

    /** What is wrong with a value of the right type, or {@code null} when it is fine. */
    public String problem(Object value) {
        return check.apply(value);
    }

    /**
     * Reads this option's value from YAML, or returns {@code null} after recording what is wrong
     * at {@code path}.
     */
    public Object read(YamlNode node, String path, NodeReader reader) {
        Object value = switch (type) {
            case COUNT -> {
                if (node instanceof Scalar s && s.kind() == Scalar.Kind.INTEGER) {
                    try {
                        yield Integer.parseInt(s.text());
                    } catch (NumberFormatException e) {
                        reader.problem(node.mark(), path, s.text() + " (expected: a whole number from 0 to " + MAX_COUNT + ")");
                        yield null;
                    }
                }
                reader.problem(node.mark(), path, "expected: a whole number, found " + node.describe());
                yield null;
            }
            case STRING -> reader.string(node, path);
            case BOOLEAN -> reader.bool(node, path);
        };
        if (value == null) {
            return null;
        }
        String problem = problem(value);
        if (problem != null) {
            reader.problem(node.mark(), path, problem, value instanceof String s && !choices.isEmpty() ? Suggestions.closest(s, choices) : null);
            return null;
        }
        return value;
    }
}
