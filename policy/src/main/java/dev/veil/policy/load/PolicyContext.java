package dev.veil.policy.load;

import dev.veil.policy.model.Location;
import dev.veil.policy.model.TokenProfile;
import dev.veil.policy.path.Selector;
import dev.veil.policy.path.SelectorSyntaxException;
import dev.veil.policy.yaml.Mark;
import dev.veil.policy.yaml.NodeReader;
import dev.veil.policy.yaml.Problem;
import dev.veil.policy.yaml.Problems;
import dev.veil.policy.yaml.YamlNode;
import dev.veil.tokenizer.detect.PiiType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the section readers of one policy share: the node reader and its problems, the built-in
 * PII types, the token profiles read so far, and the checks of names, types and selectors.
 */
final class PolicyContext {

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    static final Pattern TYPE_NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    static final String NAME_EXPECTED = "expected: lower case letters, digits, '-' and '_', starting with a letter, at most 64";
    static final String TYPE_EXPECTED = "expected: upper case letters, digits and '_', starting with a letter, at most 64";

    final NodeReader reader;
    final Problems problems;
    final Set<PiiType> builtInTypes;
    /** Profiles that read well, by name; filled by {@link TokensReader} before any rule is read. */
    final Map<String, TokenProfile> profiles = new LinkedHashMap<>();
    /** Profiles that are defined but broken: references to them are not reported again. */
    final Set<String> brokenProfiles = new HashSet<>();

    PolicyContext(Problems problems, Set<PiiType> builtInTypes) {
        this.problems = problems;
        this.reader = NodeReader.of(problems);
        this.builtInTypes = builtInTypes;
    }

    Location location(Mark mark, String keyPath) {
        return new Location(problems.file(), mark.line(), mark.column(), keyPath);
    }

    void problem(Location at, String message) {
        problems.add(new Problem(at.file(), at.line(), at.column(), at.keyPath(), message, null));
    }

    String name(YamlNode node, String path) {
        if (node == null) {
            return null;
        }
        String text = reader.string(node, path);
        if (text != null && !NAME.matcher(text).matches()) {
            reader.problem(node.mark(), path, "'" + text + "' (" + NAME_EXPECTED + ")");
            return null;
        }
        return text;
    }

    PiiType typeName(String text, Mark mark, String path) {
        if (!TYPE_NAME.matcher(text).matches()) {
            reader.problem(mark, path, "PII type '" + text + "' (" + TYPE_EXPECTED + ")");
            return null;
        }
        return PiiType.of(text);
    }

    PiiType declaredType(YamlNode node, String path) {
        String text = reader.string(node, path);
        return text == null ? null : typeName(text, node.mark(), path);
    }

    Selector selector(YamlNode node, String path) {
        String text = reader.string(node, path);
        return text == null ? null : selector(text, node.mark(), path);
    }

    Selector selector(String text, Mark mark, String path) {
        try {
            return Selector.parse(text);
        } catch (SelectorSyntaxException e) {
            reader.problem(mark, path, "invalid selector '" + text + "' at character " + (e.position() + 1) + ": " + e.getMessage());
            return null;
        }
    }

    static List<String> names(Collection<PiiType> types) {
        return types.stream().map(PiiType::name).toList();
    }

    static String join(Collection<PiiType> types) {
        return types.isEmpty() ? "none listed" : String.join(", ", names(types));
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
