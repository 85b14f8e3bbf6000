package dev.veil.policy.load;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.veil.policy.format.RandomProfile;
import dev.veil.policy.model.Action;
import dev.veil.policy.model.Defaults;
import dev.veil.policy.model.DetectorSpec;
import dev.veil.policy.model.FieldRule;
import dev.veil.policy.model.FormatKind;
import dev.veil.policy.model.PolicySpec;
import dev.veil.policy.model.RevealRule;
import dev.veil.policy.model.TokenProfile;
import dev.veil.policy.model.Treatment;
import dev.veil.policy.model.View;
import dev.veil.policy.yaml.Mark;
import dev.veil.policy.yaml.NodeReader;
import dev.veil.policy.yaml.Problems;
import dev.veil.policy.yaml.YamlNode;
import dev.veil.policy.yaml.YamlNode.ListNode;
import dev.veil.policy.yaml.YamlNode.MapNode;
import dev.veil.policy.yaml.YamlNode.Scalar;
import dev.veil.tokenizer.detect.PiiType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a YAML tree into a {@link PolicySpec}, checking every key, type and reference and
 * recording every problem (with its position, key path and a suggestion for typos) instead of
 * stopping at the first. Each section has its own reader ({@link TokensReader},
 * {@link DefaultsReader}, {@link FieldsReader}, {@link ViewsReader}, {@link RevealReader}); the
 * custom detectors and their regular expressions are read here.
 */
final class PolicyReader {

    static final int MAX_REGEX_LENGTH = 512;

    private static final List<String> TOP_KEYS =
            List.of("policy", "brand", "version", "description", "defaults", "tokens", "fields", "views", "reveal", "detectors");
    private static final List<String> DETECTOR_KEYS = PolicyContext.concat(List.of("name", "regex", "confidence"), TreatmentReader.TREATMENT_KEYS);

    private final Problems problems;
    private final Set<PiiType> builtInTypes;
    private final PolicyContext context;
    private final NodeReader reader;
    private final TreatmentReader treatments;

    PolicyReader(Problems problems, Set<PiiType> builtInTypes) {
        this.problems = problems;
        this.builtInTypes = builtInTypes;
        this.context = new PolicyContext(problems, builtInTypes);
        this.reader = context.reader;
        this.treatments = new TreatmentReader(context);
    }

    /** Reads the whole policy; returns {@code null} if any problem was recorded. */
    PolicySpec read(YamlNode root) {
        if (root == null) {
            problems.add(Mark.START, "", "empty policy (expected: a map with at least policy, brand, version and fields)");
            return null;
        }
        MapNode map = asMap(root, "");
        if (map == null) {
            return null;
        }
        checkKeys(map, "", TOP_KEYS);
        String name = context.name(required(map, "policy", ""), "policy");
        String brand = context.name(required(map, "brand", ""), "brand");
        int version = version(required(map, "version", ""));
        String description = map.get("description") == null ? null : asString(map.get("description"), "description");
        // Tokens first, since every rule may name one; then detectors, whose names defaults.scan may list.
        List<DetectorSpec> detectorSpecs = List.of();
        new TokensReader(context).read(map.get("tokens"));
        if (map.get("detectors") != null) {
            detectorSpecs = detectors(map.get("detectors"));
        }
        Defaults defaults = new DefaultsReader(context, treatments).read(map.get("defaults"), detectorSpecs);
        YamlNode fieldsNode = required(map, "fields", "");
        List<FieldRule> fields = fieldsNode == null ? List.of() : new FieldsReader(context, treatments).read(fieldsNode);
        Map<String, View> views = new ViewsReader(context, treatments).read(map.get("views"));
        List<RevealRule> reveal = new RevealReader(context, treatments).read(map.get("reveal"));
        checkScanIsConfigured(fields, views, defaults, detectorSpecs);
        checkPrefixesUnique();
        if (!problems.isEmpty()) {
            return null;
        }
        return new PolicySpec(name, brand, version, description, defaults, context.profiles, fields, views, reveal, detectorSpecs, problems.file());
    }

    private int version(YamlNode node) {
        if (node == null) {
            return 0;
        }
        if (node instanceof Scalar s && s.kind() == Scalar.Kind.INTEGER) {
            long value;
            try {
                value = Long.parseLong(s.text());
            } catch (NumberFormatException e) {
                value = -1;
            }
            if (value >= 1 && value <= Integer.MAX_VALUE) {
                return (int) value;
            }
            problems.add(node.mark(), "version", "version " + s.text() + " (expected: a whole number from 1 to " + Integer.MAX_VALUE + ")");
            return 0;
        }
        problems.add(node.mark(), "version", "expected: a whole number from 1, found " + node.describe());
        return 0;
    }

    // ---- detectors ------------------------------------------------------------------------

    private List<DetectorSpec> detectors(YamlNode node) {
        List<DetectorSpec> specs = new ArrayList<>();
        ListNode list = asList(node, "detectors");
        if (list == null) {
            return specs;
        }
        Map<PiiType, Mark> seen = new HashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            String path = "detectors[" + i + "]";
            MapNode map = asMap(list.items().get(i), path);
            if (map == null) {
                continue;
            }
            checkKeys(map, path, DETECTOR_KEYS);
            YamlNode nameNode = required(map, "name", path);
            String nameText = nameNode == null ? null : asString(nameNode, path + ".name");
            PiiType type = nameText == null ? null : context.typeName(nameText, nameNode.mark(), path + ".name");
            if (type != null && builtInTypes.contains(type)) {
                problems.add(nameNode.mark(), path + ".name", type + " is a built-in type (expected: a new name, such as ACME_ORDER)");
                type = null;
            }
            if (type != null) {
                Mark first = seen.putIfAbsent(type, nameNode.mark());
                if (first != null) {
                    problems.add(nameNode.mark(), path + ".name", "duplicate detector " + type + " (first at line " + first.line() + ")");
                    type = null;
                }
            }
            YamlNode regexNode = required(map, "regex", path);
            String regex = regexNode == null ? null : regex(regexNode, path + ".regex");
            double confidence = 1.0;
            YamlNode confidenceNode = map.get("confidence");
            if (confidenceNode != null) {
                confidence = confidence(confidenceNode, path + ".confidence");
            }
            Treatment treatment = treatments.span(map, path, false);
            if (type != null && regex != null && treatment != null && confidence >= 0) {
                specs.add(new DetectorSpec(type, regex, confidence, treatment, context.location(map.mark(), path)));
            }
        }
        return specs;
    }

    private String regex(YamlNode node, String path) {
        String text = asString(node, path);
        if (text == null) {
            return null;
        }
        if (text.isEmpty() || text.length() > MAX_REGEX_LENGTH) {
            problems.add(node.mark(), path, "regex of " + text.length() + " characters (expected: 1 to " + MAX_REGEX_LENGTH + ")");
            return null;
        }
        Optional<String> tooCostly = RegexBudget.problem(text); // before RE2/J expands counted repetitions
        if (tooCostly.isPresent()) {
            problems.add(node.mark(), path, tooCostly.get());
            return null;
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            problems.add(node.mark(), path, "not a linear-time RE2 expression: " + e.getDescription()
                    + " (expected: RE2 syntax; backreferences and lookaround are not supported)");
            return null;
        }
        if (pattern.matches("")) {
            problems.add(node.mark(), path, "regex matches the empty string (expected: a pattern that needs at least one character)");
            return null;
        }
        return text;
    }

    private double confidence(YamlNode node, String path) {
        if (node instanceof Scalar s && (s.kind() == Scalar.Kind.DECIMAL || s.kind() == Scalar.Kind.INTEGER)) {
            double value = Double.parseDouble(s.text());
            if (value >= 0 && value <= 1) {
                return value;
            }
            problems.add(node.mark(), path, "confidence " + s.text() + " (expected: 0 to 1)");
            return -1;
        }
        problems.add(node.mark(), path, "expected: a number from 0 to 1, found " + node.describe());
        return -1;
    }

    // ---- cross checks ---------------------------------------------------------------------

    private void checkScanIsConfigured(List<FieldRule> fields, Map<String, View> views, Defaults defaults, List<DetectorSpec> detectors) {
        if (!defaults.scan().isEmpty() || !detectors.isEmpty()) {
            return;
        }
        List<FieldRule> all = new ArrayList<>(fields);
        views.values().forEach(view -> all.addAll(view.rules()));
        for (FieldRule rule : all) {
            if (rule.action() == Action.SCAN) {
                context.problem(rule.at(), "scan finds nothing: defaults.scan lists no types and there are no detectors (expected: types in defaults.scan)");
            }
        }
    }

    private void checkPrefixesUnique() {
        Map<String, TokenProfile> byPrefix = new HashMap<>();
        for (TokenProfile profile : context.profiles.values()) {
            if (profile.format() != FormatKind.RANDOM) {
                continue;
            }
            String prefix = RandomProfile.prefix(profile);
            TokenProfile other = byPrefix.putIfAbsent(prefix, profile);
            if (other != null) {
                context.problem(profile.at(), "prefix '" + prefix + "' is also the prefix of profile '" + other.name()
                        + "' (expected: a prefix unique among random profiles, so tokens in text can be told apart)");
            }
        }
    }

    // ---- tree helpers ---------------------------------------------------------------------

    private MapNode asMap(YamlNode node, String path) {
        return reader.map(node, path);
    }

    private ListNode asList(YamlNode node, String path) {
        return reader.list(node, path);
    }

    private String asString(YamlNode node, String path) {
        return reader.string(node, path);
    }

    private YamlNode required(MapNode map, String key, String path) {
        return reader.required(map, key, path);
    }

    private void checkKeys(MapNode map, String path, List<String> known) {
        reader.checkKeys(map, path, known);
    }
}
