package dev.veil.policy.yaml;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.yaml.YamlNode.Entry;
import dev.veil.policy.yaml.YamlNode.ListNode;
import dev.veil.policy.yaml.YamlNode.MapNode;
import dev.veil.policy.yaml.YamlNode.Scalar;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values out of a {@link YamlNode} tree for one file. A value of the wrong type or
 * out of range is recorded in {@link #problems()} with its position and key path, and the method
 * returns {@code null} so that the caller goes on and every problem is reported at once.
 */
public final class NodeReader {

    /** Expected text for durations, shared by every message about one. */
    public static final String DURATION_EXPECTED = "a duration such as 30s, 15m, 2h or 3d";
    /** Expected text for sizes, shared by every message about one. */
    public static final String SIZE_EXPECTED = "a size in bytes such as 65536, 16KiB or 1MiB";

    private static final Pattern SIZE = Pattern.compile("(\\d{1,9})\\s?(B|KiB|MiB|GiB)?");

    private final Problems problems;

    private NodeReader(Problems problems) {
        this.problems = problems;
    }

    /** A reader that records into {@code problems}. */
    public static NodeReader of(Problems problems) {
        return new NodeReader(requireNonNull(problems, "problems"));
    }

    public Problems problems() {
        return problems;
    }

    /** {@code parent.key}, or {@code key} at the top. */
    public static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** {@code parent[i]}. */
    public static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    /** Records a problem. */
    public void problem(Mark mark, String keyPath, String message) {
        problems.add(mark, keyPath, message);
    }

    /** Records a problem with the closest known name (or {@code null}). */
    public void problem(Mark mark, String keyPath, String message, String suggestion) {
        problems.add(mark, keyPath, message, suggestion);
    }

    public MapNode map(YamlNode node, String path) {
        if (node instanceof MapNode map) {
            return map;
        }
        problems.add(node.mark(), path, "expected: a map, found " + node.describe());
        return null;
    }

    public ListNode list(YamlNode node, String path) {
        if (node instanceof ListNode list) {
            return list;
        }
        problems.add(node.mark(), path, "expected: a list, found " + node.describe());
        return null;
    }

    public String string(YamlNode node, String path) {
        if (node instanceof Scalar s && s.kind() == Scalar.Kind.STRING) {
            return s.text();
        }
        problems.add(node.mark(), path, "expected: a string, found " + node.describe());
        return null;
    }

    /** A string that is not blank. */
    public String text(YamlNode node, String path) {
        String text = string(node, path);
        if (text != null && text.isBlank()) {
            problems.add(node.mark(), path, "empty string (expected: text)");
            return null;
        }
        return text;
    }

    public Boolean bool(YamlNode node, String path) {
        if (node instanceof Scalar s && s.kind() == Scalar.Kind.BOOLEAN) {
            return Boolean.parseBoolean(s.text());
        }
        problems.add(node.mark(), path, "expected: true or false, found " + node.describe());
        return null;
    }

    /** A whole number from {@code min} to {@code max}. */
    public Long integer(YamlNode node, String path, long min, long max) {
        if (node instanceof Scalar s && s.kind() == Scalar.Kind.INTEGER) {
            try {
                long value = Long.parseLong(s.text());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // out of range for a long: reported below
            }
            problems.add(node.mark(), path, s.text() + " (expected: a whole number from " + min + " to " + max + ")");
            return null;
        }
        problems.add(node.mark(), path, "expected: a whole number from " + min + " to " + max + ", found " + node.describe());
        return null;
    }

    /** A whole number from {@code min} to {@code max} that fits an int. */
    public Integer integer(YamlNode node, String path, int min, int max) {
        Long value = integer(node, path, (long) min, (long) max);
        return value == null ? null : value.intValue();
    }

    /** A decimal number written plainly ({@code 1.25}, {@code 4}), exactly as written. */
    public BigDecimal decimal(YamlNode node, String path, String expected) {
        if (node instanceof Scalar s && (s.kind() == Scalar.Kind.DECIMAL || s.kind() == Scalar.Kind.INTEGER
                || s.kind() == Scalar.Kind.STRING)) {
            try {
                return new BigDecimal(s.text().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problems.add(node.mark(), path, "expected: " + expected + ", found " + node.describe());
        return null;
    }

    /** One of {@code allowed}; a typo gets a suggestion. */
    public String oneOf(YamlNode node, String path, List<String> allowed) {
        String text = string(node, path);
        if (text == null) {
            return null;
        }
        if (!allowed.contains(text)) {
            problems.add(node.mark(), path, "'" + text + "' (expected one of: " + String.join(", ", allowed) + ")",
                    Suggestions.closest(text, allowed));
            return null;
        }
        return text;
    }

    /** A duration ({@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 3d}, ISO-8601, or {@code 0}); never negative. */
    public Duration duration(YamlNode node, String path) {
        if (node instanceof Scalar s && s.kind() == Scalar.Kind.INTEGER && s.text().equals("0")) {
            return Duration.ZERO;
        }
        if (!(node instanceof Scalar s) || s.kind() != Scalar.Kind.STRING) {
            problems.add(node.mark(), path, "expected: " + DURATION_EXPECTED + ", found " + node.describe());
            return null;
        }
        Duration d = Durations.parse(s.text());
        if (d == null || d.isNegative()) {
            problems.add(node.mark(), path, "'" + s.text() + "' (expected: " + DURATION_EXPECTED + ")");
            return null;
        }
        return d;
    }

    /** A duration greater than zero. */
    public Duration positiveDuration(YamlNode node, String path) {
        Duration d = duration(node, path);
        if (d != null && d.isZero()) {
            problems.add(node.mark(), path, "0s (expected: > 0)");
            return null;
        }
        return d;
    }

    /** A size in bytes: a plain whole number, or a number with {@code B}, {@code KiB}, {@code MiB} or {@code GiB}, from {@code min} to {@code max}. */
    public Long size(YamlNode node, String path, long min, long max) {
        long value;
        if (node instanceof Scalar s && s.kind() == Scalar.Kind.INTEGER) {
            return integer(node, path, min, max);
        } else if (node instanceof Scalar s && s.kind() == Scalar.Kind.STRING) {
            Matcher m = SIZE.matcher(s.text().strip());
            if (!m.matches()) {
                problems.add(node.mark(), path, "'" + s.text() + "' (expected: " + SIZE_EXPECTED + ")");
                return null;
            }
            long unit = switch (m.group(2) == null ? "B" : m.group(2)) {
                case "KiB" -> 1L << 10;
                case "MiB" -> 1L << 20;
                case "GiB" -> 1L << 30;
                default -> 1L;
            };
            value = Long.parseLong(m.group(1)) * unit; // at most 9 digits times 2^30: far from overflow
        } else {
            problems.add(node.mark(), path, "expected: " + SIZE_EXPECTED + ", found " + node.describe());
            return null;
        }
        if (value < min || value > max) {
            problems.add(node.mark(), path, value + " bytes (expected: " + min + " to " + max + " bytes)");
            return null;
        }
        return value;
    }

    /** The value of a required {@code key} of {@code map}, or {@code null} after recording that it is missing. */
    public YamlNode required(MapNode map, String key, String parentPath) {
        YamlNode value = map.get(key);
        if (value == null) {
            problems.add(map.mark(), child(parentPath, key), "missing required key '" + key + "'");
        }
        return value;
    }

    /** Records every key of {@code map} that is not in {@code known}, with the closest known key. */
    public void checkKeys(MapNode map, String path, List<String> known) {
        for (Entry entry : map.entries()) {
            if (!known.contains(entry.key())) {
                problems.add(entry.keyMark(), child(path, entry.key()),
                        "unknown key '" + entry.key() + "' (expected one of: " + String.join(", ", known) + ")",
                        Suggestions.closest(entry.key(), known));
            }
        }
    }

    /** Records a name that does not match {@code pattern}; {@code what} and {@code expected} word the message. */
    public boolean matches(Pattern pattern, String text, Mark mark, String path, String what, String expected) {
        if (pattern.matcher(text).matches()) {
            return true;
        }
        problems.add(mark, path, what + " '" + text + "' (expected: " + expected + ")");
        return false;
    }

    /** The names of {@code values}, lower-cased, for "expected one of" lists of enums. */
    public static List<String> names(Collection<? extends Enum<?>> values) {
        return values.stream().map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
    }
}
