package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.yaml.NodeReader;
import dev.veil.policy.yaml.YamlNode;
import dev.veil.policy.yaml.YamlNode.Entry;
import dev.veil.policy.yaml.YamlNode.ListNode;
import dev.veil.policy.yaml.YamlNode.MapNode;
import dev.veil.policy.yaml.YamlNode.Scalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} in string values with the environment variable {@code NAME}, so that
 * secrets stay out of {@code veil.yaml}; {@code $${} stands for a literal {@code ${}. An unset
 * variable is a problem naming it, never an empty string. A value that is exactly one
 * {@code ${NAME}} takes the type of what the variable holds (a whole number, true or false, or text).
 */
final class EnvSubstitution {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,18}");

    private final Map<String, String> env;
    private final NodeReader reader;

    EnvSubstitution(Map<String, String> env, NodeReader reader) {
        this.env = requireNonNull(env, "env");
        this.reader = requireNonNull(reader, "reader");
    }

    /** The tree with every substitution made; problems go to the reader. */
    YamlNode apply(YamlNode node, String path) {
        if (node instanceof MapNode map) {
            List<Entry> entries = new ArrayList<>();
            for (Entry e : map.entries()) {
                entries.add(new Entry(e.key(), e.keyMark(), apply(e.value(), NodeReader.child(path, e.key()))));
            }
            return new MapNode(map.mark(), entries);
        }
        if (node instanceof ListNode list) {
            List<YamlNode> items = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                items.add(apply(list.items().get(i), NodeReader.index(path, i)));
            }
            return new ListNode(list.mark(), items);
        }
        Scalar scalar = (Scalar) node;
        if (scalar.kind() != Scalar.Kind.STRING || !scalar.text().contains("$")) {
            return scalar;
        }
        return substitute(scalar, path);
    }

    private Scalar substitute(Scalar scalar, String path) {
        String text = scalar.text();
        StringBuilder out = new StringBuilder();
        int variables = 0;
        boolean onlyVariable = false;
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
                continue;
            }
            if (!text.startsWith("${", i)) {
                out.append(text.charAt(i++));
                continue;
            }
            int end = text.indexOf('}', i + 2);
            if (end < 0) {
                reader.problem(scalar.mark(), path, "'${' without a closing '}' (expected: ${NAME}, or $${ for a literal ${)");
                return scalar;
            }
            String name = text.substring(i + 2, end);
            if (!NAME.matcher(name).matches()) {
                reader.problem(scalar.mark(), path, "'${" + name + "}' is not a variable name (expected: letters, digits and _, not starting with a digit)");
                return scalar;
            }
            String value = env.get(name);
            if (value == null) {
                reader.problem(scalar.mark(), path, "environment variable " + name + " is not set (expected: set it, or write $${ for a literal ${)");
                return scalar;
            }
            onlyVariable = i == 0 && end == text.length() - 1;
            variables++;
            out.append(value);
            i = end + 1;
        }
        String result = out.toString();
        Scalar.Kind kind = Scalar.Kind.STRING;
        if (variables == 1 && onlyVariable) {
            if (WHOLE.matcher(result).matches()) {
                kind = Scalar.Kind.INTEGER;
            } else if (result.equals("true") || result.equals("false")) {
                kind = Scalar.Kind.BOOLEAN;
            }
        }
        return new Scalar(scalar.mark(), result, kind);
    }
}
