package dev.veil.policy.load;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.veil.policy.load.YamlNode.Entry;
import dev.veil.policy.load.YamlNode.ListNode;
import dev.veil.policy.load.YamlNode.MapNode;
import dev.veil.policy.load.YamlNode.Scalar;
import dev.veil.policy.model.Action;
import dev.veil.policy.model.Defaults;
import dev.veil.policy.model.DetectorSpec;
import dev.veil.policy.model.FieldRule;
import dev.veil.policy.model.FormatKind;
import dev.veil.policy.model.Location;
import dev.veil.policy.model.MaskOptions;
import dev.veil.policy.model.PolicySpec;
import dev.veil.policy.model.RevealRule;
import dev.veil.policy.model.TokenProfile;
import dev.veil.policy.model.Treatment;
import dev.veil.policy.model.View;
import dev.veil.policy.path.Selector;
import dev.veil.policy.path.SelectorSyntaxException;
import dev.veil.tokenizer.detect.PiiType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns a YAML tree into a {@link PolicySpec}, checking every key, type and reference and
 * recording every problem (with its position, key path and a suggestion for typos) instead of
 * stopping at the first.
 */
final class PolicyReader {

    static final int MAX_REGEX_LENGTH = 512;

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final java.util.regex.Pattern TYPE_NAME = java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final List<String> ALPHABETS = List.of("upper", "lower", "mixed");
    private static final String NAME_EXPECTED = "expected: lower case letters, digits, '-' and '_', starting with a letter, at most 64";
    private static final String TYPE_EXPECTED = "expected: upper case letters, digits and '_', starting with a letter, at most 64";

    private static final List<String> TOP_KEYS =
            List.of("policy", "brand", "version", "description", "defaults", "tokens", "fields", "views", "reveal", "detectors");
    private static final List<String> DEFAULTS_KEYS = List.of("unknown_fields", "scan", "scan_actions", "propagate", "replies");
    private static final List<String> TREATMENT_KEYS = List.of("action", "token", "label", "show", "keep_first", "keep_last", "mask_char");
    private static final List<String> FIELD_KEYS = concat(List.of("path", "type"), TREATMENT_KEYS);
    private static final List<String> VIEW_RULE_KEYS = concat(List.of("type"), TREATMENT_KEYS);
    private static final List<String> DETECTOR_KEYS = concat(List.of("name", "regex", "confidence"), TREATMENT_KEYS);
    private static final List<String> REVEAL_KEYS = List.of("audience", "tokens");

    /** Actions a detected span in free text can get: {@code drop} and {@code scan} make no sense there. */
    private static final Set<Action> SPAN_ACTIONS = EnumSet.of(Action.KEEP, Action.REDACT, Action.MASK, Action.TOKENIZE, Action.PSEUDONYMIZE);

    private final Problems problems;
    private final Set<PiiType> builtInTypes;
    private final Map<String, TokenProfile> profiles = new LinkedHashMap<>();
    private final Set<String> brokenProfiles = new HashSet<>();

    PolicyReader(Problems problems, Set<PiiType> builtInTypes) {
        this.problems = problems;
        this.builtInTypes = builtInTypes;
    }

    /** Reads the whole policy; returns {@code null} if any problem was recorded. */
    PolicySpec read(YamlNode root) {
        if (root == null) {
            problems.add(new Mark(1, 1), "", "empty policy (expected: a map with at least policy, brand, version and fields)");
            return null;
        }
        MapNode map = asMap(root, "");
        if (map == null) {
            return null;
        }
        checkKeys(map, "", TOP_KEYS);
        String name = name(required(map, "policy", ""), "policy");
        String brand = name(required(map, "brand", ""), "brand");
        int version = version(required(map, "version", ""));
        String description = optionalString(map.get("description"), "description");
        // Tokens first, since every rule may name one; then detectors, whose names defaults.scan may list.
        List<DetectorSpec> detectorSpecs = List.of();
        profiles(map.get("tokens"));
        if (map.get("detectors") != null) {
            detectorSpecs = detectors(map.get("detectors"));
        }
        Defaults defaults = defaults(map.get("defaults"), detectorSpecs);
        YamlNode fieldsNode = required(map, "fields", "");
        List<FieldRule> fields = fieldsNode == null ? List.of() : fields(fieldsNode);
        Map<String, View> views = views(map.get("views"));
        List<RevealRule> reveal = reveal(map.get("reveal"));
        checkScanIsConfigured(fields, views, defaults, detectorSpecs);
        checkPrefixesUnique();
        if (!problems.isEmpty()) {
            return null;
        }
        return new PolicySpec(name, brand, version, description, defaults, profiles, fields, views, reveal, detectorSpecs, problems.file());
    }

    // ---- sections -------------------------------------------------------------------------

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

    private Defaults defaults(YamlNode node, List<DetectorSpec> detectors) {
        Defaults.UnknownFields unknown = Defaults.UnknownFields.DROP;
        List<PiiType> scan = new ArrayList<>();
        Map<PiiType, Treatment> scanActions = new LinkedHashMap<>();
        Map<PiiType, Location> scanAt = new HashMap<>();
        boolean propagate = true; // safer: a replaced field value is also caught where it recurs in free text
        Defaults.Replies replies = Defaults.Replies.REPLACE;
        if (node == null) {
            return new Defaults(unknown, scan, scanActions, propagate, scanAt, replies);
        }
        MapNode map = asMap(node, "defaults");
        if (map == null) {
            return new Defaults(unknown, scan, scanActions, propagate, scanAt, replies);
        }
        checkKeys(map, "defaults", DEFAULTS_KEYS);
        YamlNode unknownNode = map.get("unknown_fields");
        if (unknownNode != null) {
            String value = asString(unknownNode, "defaults.unknown_fields");
            if ("drop".equals(value) || "redact".equals(value)) {
                unknown = "drop".equals(value) ? Defaults.UnknownFields.DROP : Defaults.UnknownFields.REDACT;
            } else if ("keep".equals(value) || "scan".equals(value)) {
                problems.add(unknownNode.mark(), "defaults.unknown_fields",
                        "'" + value + "' would let values no rule names reach experts (expected one of: drop, redact)");
            } else if (value != null) {
                problems.add(unknownNode.mark(), "defaults.unknown_fields", "'" + value + "' (expected one of: drop, redact)",
                        Suggestions.closest(value, List.of("drop", "redact")));
            }
        }
        Set<PiiType> customTypes = detectors.stream().map(DetectorSpec::type).collect(Collectors.toCollection(LinkedHashSet::new));
        YamlNode scanNode = map.get("scan");
        if (scanNode != null) {
            ListNode list = asList(scanNode, "defaults.scan");
            if (list != null) {
                for (int i = 0; i < list.items().size(); i++) {
                    String path = "defaults.scan[" + i + "]";
                    YamlNode item = list.items().get(i);
                    PiiType type = scanType(item, path, customTypes);
                    if (type == null) {
                        continue;
                    }
                    if (scan.contains(type)) {
                        problems.add(item.mark(), path, "duplicate type " + type + " (expected: each type once)");
                    } else {
                        scan.add(type);
                        scanAt.put(type, problems.location(item.mark(), path));
                    }
                }
            }
        }
        YamlNode actionsNode = map.get("scan_actions");
        if (actionsNode != null) {
            MapNode actions = asMap(actionsNode, "defaults.scan_actions");
            if (actions != null) {
                for (Entry entry : actions.entries()) {
                    String path = "defaults.scan_actions." + entry.key();
                    PiiType type = typeName(entry.key(), entry.keyMark(), path);
                    if (type == null) {
                        continue;
                    }
                    if (customTypes.contains(type)) {
                        problems.add(entry.keyMark(), path, type + " is a policy detector; give its action in detectors (expected: a type listed in defaults.scan)");
                        continue;
                    }
                    if (!scan.contains(type)) {
                        problems.add(entry.keyMark(), path, type + " is not in defaults.scan (expected one of: " + join(scan) + ")",
                                Suggestions.closest(type.name(), names(scan)));
                        continue;
                    }
                    Treatment treatment = spanTreatment(entry.value(), path);
                    if (treatment != null) {
                        scanActions.put(type, treatment);
                        scanAt.put(type, problems.location(entry.keyMark(), path));
                    }
                }
            }
        }
        YamlNode propagateNode = map.get("propagate");
        if (propagateNode != null) {
            Boolean value = asBoolean(propagateNode, "defaults.propagate");
            propagate = value != null && value;
        }
        YamlNode repliesNode = map.get("replies");
        if (repliesNode != null) {
            String value = asString(repliesNode, "defaults.replies");
            if ("replace".equals(value) || "refuse".equals(value)) {
                replies = "replace".equals(value) ? Defaults.Replies.REPLACE : Defaults.Replies.REFUSE;
            } else if (value != null) {
                problems.add(repliesNode.mark(), "defaults.replies", "'" + value + "' (expected one of: replace, refuse)",
                        Suggestions.closest(value, List.of("replace", "refuse")));
            }
        }
        return new Defaults(unknown, scan, scanActions, propagate, scanAt, replies);
    }

    private PiiType scanType(YamlNode item, String path, Set<PiiType> customTypes) {
        String text = asString(item, path);
        if (text == null) {
            return null;
        }
        PiiType type = typeName(text, item.mark(), path);
        if (type == null) {
            return null;
        }
        if (customTypes.contains(type)) {
            return type;
        }
        if (!builtInTypes.contains(type)) {
            Set<String> known = new TreeSet<>(names(builtInTypes));
            String message = "unknown PII type " + type + " (expected one of: " + String.join(", ", known) + ", or a name from detectors)";
            known.addAll(names(customTypes));
            problems.add(item.mark(), path, message, Suggestions.closest(text, known));
            return null;
        }
        return type;
    }

    private void profiles(YamlNode node) {
        if (node == null) {
            return;
        }
        MapNode map = asMap(node, "tokens");
        if (map == null) {
            return;
        }
        for (Entry entry : map.entries()) {
            String path = "tokens." + entry.key();
            if (!NAME.matcher(entry.key()).matches()) {
                problems.add(entry.keyMark(), path, "profile name '" + entry.key() + "' (" + NAME_EXPECTED + ")");
                brokenProfiles.add(entry.key());
                continue;
            }
            TokenProfile profile = profile(entry.key(), entry.value(), path);
            if (profile == null) {
                brokenProfiles.add(entry.key());
            } else {
                profiles.put(entry.key(), profile);
            }
        }
    }

    private TokenProfile profile(String name, YamlNode node, String path) {
        MapNode map = asMap(node, path);
        if (map == null) {
            return null;
        }
        YamlNode formatNode = required(map, "format", path);
        String formatName = formatNode == null ? null : asString(formatNode, path + ".format");
        FormatKind format = null;
        if (formatName != null) {
            format = FormatKind.fromYaml(formatName).orElse(null);
            if (format == null) {
                List<String> known = Arrays.stream(FormatKind.values()).map(FormatKind::yamlName).toList();
                problems.add(formatNode.mark(), path + ".format", "unknown format '" + formatName + "' (expected one of: " + String.join(", ", known) + ")",
                        Suggestions.closest(formatName, known));
            }
        }
        if (format == null) {
            return null;
        }
        boolean ok = true;
        Map<String, Object> options = new LinkedHashMap<>();
        for (Entry entry : map.entries()) {
            if (entry.key().equals("format")) {
                continue;
            }
            String optionPath = path + "." + entry.key();
            if (!format.options().contains(entry.key())) {
                String expected = format.options().isEmpty() ? "no options for " + format.yamlName() : "one of: " + String.join(", ", new TreeSet<>(format.options()));
                problems.add(entry.keyMark(), optionPath, "unknown key '" + entry.key() + "' for format " + format.yamlName() + " (expected " + expected + ")",
                        Suggestions.closest(entry.key(), format.options()));
                ok = false;
                continue;
            }
            Object value = option(entry.key(), entry.value(), optionPath);
            if (value == null) {
                ok = false;
            } else {
                options.put(entry.key(), value);
            }
        }
        return ok ? new TokenProfile(name, format, options, problems.location(node.mark(), path)) : null;
    }

    private Object option(String key, YamlNode node, String path) {
        switch (key) {
            case "keep_first", "keep_last", "length" -> {
                return count(node, path);
            }
            case "alphabet" -> {
                String value = asString(node, path);
                if (value != null && !ALPHABETS.contains(value)) {
                    problems.add(node.mark(), path, "unknown alphabet '" + value + "' (expected one of: " + String.join(", ", ALPHABETS) + ")",
                            Suggestions.closest(value, ALPHABETS));
                    return null;
                }
                return value;
            }
            case "show" -> {
                String value = asString(node, path);
                return value == null || showPreset(value, node, path) == null ? null : value;
            }
            case "convergent" -> {
                return asBoolean(node, path);
            }
            case "prefix" -> {
                return asString(node, path);
            }
            case "mask_char" -> {
                return maskChar(node, path);
            }
            case "label" -> {
                return asString(node, path);
            }
            default -> throw new IllegalStateException("option without a reader: " + key);
        }
    }

    private List<FieldRule> fields(YamlNode node) {
        ListNode list = asList(node, "fields");
        if (list == null) {
            return List.of();
        }
        List<FieldRule> rules = new ArrayList<>();
        Map<Selector, Mark> seen = new HashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            String path = "fields[" + i + "]";
            MapNode map = asMap(list.items().get(i), path);
            if (map == null) {
                continue;
            }
            checkKeys(map, path, FIELD_KEYS);
            YamlNode selectorNode = required(map, "path", path);
            Selector selector = selectorNode == null ? null : selector(selectorNode, path + ".path");
            if (selector != null) {
                Mark first = seen.putIfAbsent(selector, selectorNode.mark());
                if (first != null) {
                    problems.add(selectorNode.mark(), path + ".path", "duplicate rule for " + selector + " (first at line " + first.line() + ")");
                }
            }
            YamlNode actionNode = required(map, "action", path);
            Action action = actionNode == null ? null : action(actionNode, path + ".action", EnumSet.allOf(Action.class));
            Treatment treatment = action == null ? null : treatment(map, path, action);
            PiiType type = map.get("type") == null ? null : declaredType(map.get("type"), path + ".type");
            if (selector != null && treatment != null) {
                rules.add(new FieldRule(selector, treatment, type, problems.location(map.mark(), path)));
            }
        }
        return rules;
    }

    private Map<String, View> views(YamlNode node) {
        Map<String, View> views = new LinkedHashMap<>();
        if (node == null) {
            return views;
        }
        MapNode map = asMap(node, "views");
        if (map == null) {
            return views;
        }
        for (Entry viewEntry : map.entries()) {
            String viewPath = "views." + viewEntry.key();
            if (!NAME.matcher(viewEntry.key()).matches()) {
                problems.add(viewEntry.keyMark(), viewPath, "view name '" + viewEntry.key() + "' (" + NAME_EXPECTED + ")");
                continue;
            }
            MapNode rulesMap = asMap(viewEntry.value(), viewPath);
            if (rulesMap == null) {
                continue;
            }
            List<FieldRule> rules = new ArrayList<>();
            for (Entry ruleEntry : rulesMap.entries()) {
                String path = viewPath + "['" + ruleEntry.key() + "']";
                Selector selector = selector(ruleEntry.key(), ruleEntry.keyMark(), path);
                Treatment treatment;
                PiiType type = null;
                YamlNode value = ruleEntry.value();
                if (value instanceof MapNode ruleMap) {
                    checkKeys(ruleMap, path, VIEW_RULE_KEYS);
                    YamlNode actionNode = required(ruleMap, "action", path);
                    Action action = actionNode == null ? null : action(actionNode, path + ".action", EnumSet.allOf(Action.class));
                    treatment = action == null ? null : treatment(ruleMap, path, action);
                    type = ruleMap.get("type") == null ? null : declaredType(ruleMap.get("type"), path + ".type");
                } else if (value instanceof Scalar) {
                    Action action = action(value, path, EnumSet.allOf(Action.class));
                    treatment = action == null ? null : shorthand(action, value, path);
                } else {
                    problems.add(value.mark(), path, "expected: an action name or a map with action, found " + value.describe());
                    treatment = null;
                }
                if (selector != null && treatment != null) {
                    rules.add(new FieldRule(selector, treatment, type, problems.location(ruleEntry.keyMark(), path)));
                }
            }
            views.put(viewEntry.key(), new View(viewEntry.key(), rules, problems.location(viewEntry.keyMark(), viewPath)));
        }
        return views;
    }

    private List<RevealRule> reveal(YamlNode node) {
        List<RevealRule> rules = new ArrayList<>();
        if (node == null) {
            return rules;
        }
        ListNode list = asList(node, "reveal");
        if (list == null) {
            return rules;
        }
        Map<String, Mark> audiences = new HashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            String path = "reveal[" + i + "]";
            MapNode map = asMap(list.items().get(i), path);
            if (map == null) {
                continue;
            }
            checkKeys(map, path, REVEAL_KEYS);
            String audience = name(required(map, "audience", path), path + ".audience");
            if (audience != null) {
                Mark first = audiences.putIfAbsent(audience, map.get("audience").mark());
                if (first != null) {
                    problems.add(map.get("audience").mark(), path + ".audience",
                            "duplicate audience '" + audience + "' (first at line " + first.line() + "; expected: one entry per audience)");
                }
            }
            YamlNode tokensNode = required(map, "tokens", path);
            List<String> tokens = new ArrayList<>();
            ListNode tokenList = tokensNode == null ? null : asList(tokensNode, path + ".tokens");
            if (tokenList != null) {
                if (tokenList.items().isEmpty()) {
                    problems.add(tokenList.mark(), path + ".tokens", "empty list (expected: at least one token profile)");
                }
                for (int j = 0; j < tokenList.items().size(); j++) {
                    String tokenPath = path + ".tokens[" + j + "]";
                    YamlNode item = tokenList.items().get(j);
                    TokenProfile profile = profileRef(item, tokenPath);
                    if (profile == null) {
                        continue;
                    }
                    if (!profile.format().reversible()) {
                        problems.add(item.mark(), tokenPath, "profile '" + profile.name() + "' is " + profile.format().yamlName()
                                + ", which cannot be revealed (expected: a random or fpe-* profile)");
                    } else {
                        tokens.add(profile.name());
                    }
                }
            }
            if (audience != null) {
                rules.add(new RevealRule(audience, tokens, problems.location(map.mark(), path)));
            }
        }
        return rules;
    }

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
            PiiType type = nameText == null ? null : typeName(nameText, nameNode.mark(), path + ".name");
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
            Treatment treatment = spanTreatment(map, path, false);
            if (type != null && regex != null && treatment != null && confidence >= 0) {
                specs.add(new DetectorSpec(type, regex, confidence, treatment, problems.location(map.mark(), path)));
            }
        }
        return specs;
    }

    // ---- treatments -----------------------------------------------------------------------

    /** A scan action: a bare action name, or a map whose action defaults to tokenize with token, else redact. */
    private Treatment spanTreatment(YamlNode node, String path) {
        return spanTreatment(node, path, true);
    }

    private Treatment spanTreatment(YamlNode node, String path, boolean checkKeys) {
        if (node instanceof Scalar) {
            Action action = action(node, path, SPAN_ACTIONS);
            return action == null ? null : shorthand(action, node, path);
        }
        MapNode map = asMap(node, path);
        if (map == null) {
            return null;
        }
        if (checkKeys) {
            checkKeys(map, path, TREATMENT_KEYS);
        }
        YamlNode actionNode = map.get("action");
        Action action;
        if (actionNode != null) {
            action = action(actionNode, path + ".action", SPAN_ACTIONS);
        } else {
            action = map.get("token") != null ? Action.TOKENIZE : Action.REDACT;
        }
        return action == null ? null : treatment(map, path, action);
    }

    /** A rule written as just an action name: only actions that need no parameters. */
    private Treatment shorthand(Action action, YamlNode node, String path) {
        if (action == Action.TOKENIZE) {
            problems.add(node.mark(), path, "tokenize needs a token profile (expected: { action: tokenize, token: NAME })");
            return null;
        }
        return action == Action.MASK ? new Treatment(action, null, MaskOptions.NONE, null) : Treatment.of(action);
    }

    private Treatment treatment(MapNode map, String path, Action action) {
        boolean ok = true;
        for (String key : List.of("token", "label", "show", "keep_first", "keep_last", "mask_char")) {
            YamlNode value = map.get(key);
            if (value != null && !appliesTo(key, action)) {
                problems.add(keyMark(map, key), path + "." + key,
                        "'" + key + "' does not apply to action " + action.yamlName() + " (expected: only with " + appliesToText(key) + ")");
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        return switch (action) {
            case KEEP, DROP, SCAN -> Treatment.of(action);
            case REDACT -> {
                YamlNode node = map.get("label");
                String label = node == null ? null : asString(node, path + ".label");
                yield node != null && label == null ? null : new Treatment(action, null, null, label);
            }
            case MASK -> {
                MaskOptions mask = maskOptions(map, path);
                yield mask == null ? null : new Treatment(action, null, mask, null);
            }
            case TOKENIZE -> {
                YamlNode node = map.get("token");
                if (node == null) {
                    problems.add(map.mark(), path + ".token", "missing required key 'token' (tokenize needs a token profile, expected one of: "
                            + String.join(", ", profiles.keySet()) + ")");
                    yield null;
                }
                TokenProfile profile = profileRef(node, path + ".token");
                yield profile == null ? null : new Treatment(action, profile.name(), null, null);
            }
            case PSEUDONYMIZE -> {
                YamlNode node = map.get("token");
                if (node == null) {
                    yield Treatment.of(action);
                }
                TokenProfile profile = profileRef(node, path + ".token");
                if (profile != null && profile.format() != FormatKind.HASH) {
                    problems.add(node.mark(), path + ".token", "profile '" + profile.name() + "' is " + profile.format().yamlName()
                            + " (expected: a hash profile for pseudonymize)");
                    yield null;
                }
                yield profile == null ? null : new Treatment(action, profile.name(), null, null);
            }
        };
    }

    private MaskOptions maskOptions(MapNode map, String path) {
        String maskChar = null;
        boolean ok = true;
        if (map.get("mask_char") != null) {
            maskChar = maskChar(map.get("mask_char"), path + ".mask_char");
            ok = maskChar != null;
        }
        YamlNode show = map.get("show");
        if (show != null) {
            if (map.get("keep_first") != null || map.get("keep_last") != null) {
                problems.add(show.mark(), path + ".show", "'show' and keep_first/keep_last exclude each other (expected: one of them)");
                return null;
            }
            String preset = asString(show, path + ".show");
            MaskOptions options = preset == null ? null : showPreset(preset, show, path + ".show");
            return ok && options != null ? new MaskOptions(options.keepFirst(), options.keepLast(), options.firstInitial(), maskChar) : null;
        }
        int keepFirst = 0;
        int keepLast = 0;
        if (map.get("keep_first") != null) {
            Integer value = count(map.get("keep_first"), path + ".keep_first");
            ok &= value != null;
            keepFirst = value == null ? 0 : value;
        }
        if (map.get("keep_last") != null) {
            Integer value = count(map.get("keep_last"), path + ".keep_last");
            ok &= value != null;
            keepLast = value == null ? 0 : value;
        }
        return ok ? new MaskOptions(keepFirst, keepLast, false, maskChar) : null;
    }

    private MaskOptions showPreset(String name, YamlNode node, String path) {
        MaskOptions options = MaskOptions.preset(name, null).orElse(null);
        if (options == null) {
            problems.add(node.mark(), path, "unknown preset '" + name + "' (expected one of: " + String.join(", ", MaskOptions.PRESETS) + ")",
                    Suggestions.closest(name, MaskOptions.PRESETS));
        }
        return options;
    }

    private static boolean appliesTo(String key, Action action) {
        return switch (key) {
            case "token" -> action == Action.TOKENIZE || action == Action.PSEUDONYMIZE;
            case "label" -> action == Action.REDACT;
            default -> action == Action.MASK;
        };
    }

    private static String appliesToText(String key) {
        return switch (key) {
            case "token" -> "tokenize or pseudonymize";
            case "label" -> "redact";
            default -> "mask";
        };
    }

    // ---- scalars and references -----------------------------------------------------------

    private Action action(YamlNode node, String path, Set<Action> allowed) {
        String text = asString(node, path);
        if (text == null) {
            return null;
        }
        Action action = Action.fromYaml(text).orElse(null);
        List<String> names = allowed.stream().map(Action::yamlName).toList();
        if (action == null || !allowed.contains(action)) {
            String what = action == null ? "unknown action '" + text + "'" : "action '" + text + "' cannot apply to a detected span";
            problems.add(node.mark(), path, what + " (expected one of: " + String.join(", ", names) + ")",
                    action == null ? Suggestions.closest(text, names) : null);
            return null;
        }
        return action;
    }

    private TokenProfile profileRef(YamlNode node, String path) {
        String name = asString(node, path);
        if (name == null || brokenProfiles.contains(name)) {
            return null;
        }
        TokenProfile profile = profiles.get(name);
        if (profile == null) {
            String expected = profiles.isEmpty() ? "a profile defined under tokens, which is empty" : "one of: " + String.join(", ", profiles.keySet());
            problems.add(node.mark(), path, "unknown token profile '" + name + "' (expected " + expected + ")",
                    Suggestions.closest(name, profiles.keySet()));
        }
        return profile;
    }

    private Selector selector(YamlNode node, String path) {
        String text = asString(node, path);
        return text == null ? null : selector(text, node.mark(), path);
    }

    private Selector selector(String text, Mark mark, String path) {
        try {
            return Selector.parse(text);
        } catch (SelectorSyntaxException e) {
            problems.add(mark, path, "invalid selector '" + text + "' at character " + (e.position() + 1) + ": " + e.getMessage());
            return null;
        }
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

    private PiiType declaredType(YamlNode node, String path) {
        String text = asString(node, path);
        return text == null ? null : typeName(text, node.mark(), path);
    }

    private PiiType typeName(String text, Mark mark, String path) {
        if (!TYPE_NAME.matcher(text).matches()) {
            problems.add(mark, path, "PII type '" + text + "' (" + TYPE_EXPECTED + ")");
            return null;
        }
        return PiiType.of(text);
    }

    private String name(YamlNode node, String path) {
        if (node == null) {
            return null;
        }
        String text = asString(node, path);
        if (text != null && !NAME.matcher(text).matches()) {
            problems.add(node.mark(), path, "'" + text + "' (" + NAME_EXPECTED + ")");
            return null;
        }
        return text;
    }

    private Integer count(YamlNode node, String path) {
        if (node instanceof Scalar s && s.kind() == Scalar.Kind.INTEGER) {
            try {
                int value = Integer.parseInt(s.text());
                if (value >= 0 && value <= 64) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // too large for an int: reported below
            }
            problems.add(node.mark(), path, s.text() + " (expected: a whole number from 0 to 64)");
            return null;
        }
        problems.add(node.mark(), path, "expected: a whole number, found " + node.describe());
        return null;
    }

    private String maskChar(YamlNode node, String path) {
        String text = asString(node, path);
        if (text != null && text.codePointCount(0, text.length()) != 1) {
            problems.add(node.mark(), path, "mask_char '" + text + "' (expected: exactly one character)");
            return null;
        }
        return text;
    }

    private String optionalString(YamlNode node, String path) {
        return node == null ? null : asString(node, path);
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
                problems.add(rule.at(), "scan finds nothing: defaults.scan lists no types and there are no detectors (expected: types in defaults.scan)");
            }
        }
    }

    private void checkPrefixesUnique() {
        Map<String, TokenProfile> byPrefix = new HashMap<>();
        for (TokenProfile profile : profiles.values()) {
            if (profile.format() != FormatKind.RANDOM) {
                continue;
            }
            String prefix = profile.stringOption("prefix", "tok_");
            TokenProfile other = byPrefix.putIfAbsent(prefix, profile);
            if (other != null) {
                problems.add(profile.at(), "prefix '" + prefix + "' is also the prefix of profile '" + other.name()
                        + "' (expected: a prefix unique among random profiles, so tokens in text can be told apart)");
            }
        }
    }

    // ---- tree helpers ---------------------------------------------------------------------

    private MapNode asMap(YamlNode node, String path) {
        if (node instanceof MapNode map) {
            return map;
        }
        problems.add(node.mark(), path, "expected: a map, found " + node.describe());
        return null;
    }

    private ListNode asList(YamlNode node, String path) {
        if (node instanceof ListNode list) {
            return list;
        }
        problems.add(node.mark(), path, "expected: a list, found " + node.describe());
        return null;
    }

    private String asString(YamlNode node, String path) {
        if (node instanceof Scalar s && s.kind() == Scalar.Kind.STRING) {
            return s.text();
        }
        problems.add(node.mark(), path, "expected: a string, found " + node.describe());
        return null;
    }

    private Boolean asBoolean(YamlNode node, String path) {
        if (node instanceof Scalar s && s.kind() == Scalar.Kind.BOOLEAN) {
            return Boolean.parseBoolean(s.text());
        }
        problems.add(node.mark(), path, "expected: true or false, found " + node.describe());
        return null;
    }

    private YamlNode required(MapNode map, String key, String path) {
        YamlNode value = map.get(key);
        if (value == null) {
            problems.add(map.mark(), path.isEmpty() ? key : path + "." + key, "missing required key '" + key + "'");
        }
        return value;
    }

    private void checkKeys(MapNode map, String path, List<String> known) {
        for (Entry entry : map.entries()) {
            if (!known.contains(entry.key())) {
                String keyPath = path.isEmpty() ? entry.key() : path + "." + entry.key();
                problems.add(entry.keyMark(), keyPath, "unknown key '" + entry.key() + "' (expected one of: " + String.join(", ", known) + ")",
                        Suggestions.closest(entry.key(), known));
            }
        }
    }

    private static Mark keyMark(MapNode map, String key) {
        return map.entries().stream().filter(e -> e.key().equals(key)).findFirst().map(Entry::keyMark).orElse(map.mark());
    }

    private static List<String> names(Collection<PiiType> types) {
        return types.stream().map(PiiType::name).toList();
    }

    private static String join(Collection<PiiType> types) {
        return types.isEmpty() ? "none listed" : String.join(", ", names(types));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
