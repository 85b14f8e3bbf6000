package dev.veil.policy.load;

import dev.veil.policy.model.Defaults;
import dev.veil.policy.model.DetectorSpec;
import dev.veil.policy.model.Location;
import dev.veil.policy.model.Treatment;
import dev.veil.policy.yaml.Mark;
import dev.veil.policy.yaml.Suggestions;
import dev.veil.policy.yaml.YamlNode;
import dev.veil.policy.yaml.YamlNode.Entry;
import dev.veil.policy.yaml.YamlNode.ListNode;
import dev.veil.policy.yaml.YamlNode.MapNode;
import dev.veil.tokenizer.detect.PiiType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Reads the {@code defaults} section: what happens to unknown fields, which types free text is scanned for, and how. */
final class DefaultsReader {

    private static final List<String> KEYS = List.of("unknown_fields", "scan", "scan_actions", "propagate", "replies", "pii_keys", "on_encoded");

    private final PolicyContext context;
    private final TreatmentReader treatments;

    DefaultsReader(PolicyContext context, TreatmentReader treatments) {
        this.context = context;
        this.treatments = treatments;
    }

    /** The defaults in {@code node} (absent: the safe defaults); {@code detectors} are the policy's own types. */
    Defaults read(YamlNode node, List<DetectorSpec> detectors) {
        Defaults.UnknownFields unknown = Defaults.UnknownFields.DROP;
        List<PiiType> scan = new ArrayList<>();
        Map<PiiType, Treatment> scanActions = new LinkedHashMap<>();
        Map<PiiType, Location> scanAt = new HashMap<>();
        boolean propagate = true; // safer: a replaced field value is also caught where it recurs in free text
        Defaults.Replies replies = Defaults.Replies.REPLACE;
        if (node == null) {
            return new Defaults(unknown, scan, scanActions, propagate, scanAt, replies);
        }
        MapNode map = context.reader.map(node, "defaults");
        if (map == null) {
            return new Defaults(unknown, scan, scanActions, propagate, scanAt, replies);
        }
        context.reader.checkKeys(map, "defaults", KEYS);
        YamlNode unknownNode = map.get("unknown_fields");
        if (unknownNode != null) {
            unknown = unknownFields(unknownNode, unknown);
        }
        Set<PiiType> customTypes = detectors.stream().map(DetectorSpec::type).collect(Collectors.toCollection(LinkedHashSet::new));
        YamlNode scanNode = map.get("scan");
        if (scanNode != null) {
            scan(scanNode, customTypes, scan, scanAt);
        }
        YamlNode actionsNode = map.get("scan_actions");
        if (actionsNode != null) {
            scanActions(actionsNode, customTypes, scan, scanActions, scanAt);
        }
        YamlNode propagateNode = map.get("propagate");
        if (propagateNode != null) {
            Boolean value = context.reader.bool(propagateNode, "defaults.propagate");
            propagate = value != null && value;
        }
        YamlNode repliesNode = map.get("replies");
        if (repliesNode != null) {
            replies = replies(repliesNode, replies);
        }
        Defaults.PiiKeys piiKeys = choice(map.get("pii_keys"), "defaults.pii_keys", Defaults.PiiKeys.DROP, Defaults.PiiKeys.values());
        Defaults.OnEncoded onEncoded = choice(map.get("on_encoded"), "defaults.on_encoded", Defaults.OnEncoded.KEEP,
                Defaults.OnEncoded.values());
        return new Defaults(unknown, scan, scanActions, propagate, scanAt, replies, piiKeys, onEncoded);
    }

    /** One of {@code choices} by its lower-case name, or {@code fallback} when absent or wrong (reported). */
    private <E extends Enum<E>> E choice(YamlNode node, String path, E fallback, E[] choices) {
        if (node == null) {
            return fallback;
        }
        List<String> names = java.util.Arrays.stream(choices).map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList();
        String value = context.reader.oneOf(node, path, names);
        return value == null ? fallback : choices[names.indexOf(value)];
    }

    private Defaults.Replies replies(YamlNode node, Defaults.Replies fallback) {
        String value = context.reader.string(node, "defaults.replies");
        if ("replace".equals(value) || "refuse".equals(value)) {
            return "replace".equals(value) ? Defaults.Replies.REPLACE : Defaults.Replies.REFUSE;
        } else if (value != null) {
            context.reader.problem(node.mark(), "defaults.replies", "'" + value + "' (expected one of: replace, refuse)",
                    Suggestions.closest(value, List.of("replace", "refuse")));
        }
        return fallback;
    }

    private Defaults.UnknownFields unknownFields(YamlNode node, Defaults.UnknownFields fallback) {
        String value = context.reader.string(node, "defaults.unknown_fields");
        if ("drop".equals(value) || "redact".equals(value)) {
            return "drop".equals(value) ? Defaults.UnknownFields.DROP : Defaults.UnknownFields.REDACT;
        } else if ("keep".equals(value) || "scan".equals(value)) {
            context.reader.problem(node.mark(), "defaults.unknown_fields",
                    "'" + value + "' would let values no rule names reach experts (expected one of: drop, redact)");
        } else if (value != null) {
            context.reader.problem(node.mark(), "defaults.unknown_fields", "'" + value + "' (expected one of: drop, redact)",
                    Suggestions.closest(value, List.of("drop", "redact")));
        }
        return fallback;
    }

    private void scan(YamlNode node, Set<PiiType> customTypes, List<PiiType> scan, Map<PiiType, Location> scanAt) {
        ListNode list = context.reader.list(node, "defaults.scan");
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.items().size(); i++) {
            String path = "defaults.scan[" + i + "]";
            YamlNode item = list.items().get(i);
            PiiType type = scanType(item, path, customTypes);
            if (type == null) {
                continue;
            }
            if (scan.contains(type)) {
                context.reader.problem(item.mark(), path, "duplicate type " + type + " (expected: each type once)");
            } else {
                scan.add(type);
                scanAt.put(type, context.location(item.mark(), path));
            }
        }
    }

    private void scanActions(YamlNode node, Set<PiiType> customTypes, List<PiiType> scan, Map<PiiType, Treatment> scanActions,
            Map<PiiType, Location> scanAt) {
        MapNode actions = context.reader.map(node, "defaults.scan_actions");
        if (actions == null) {
            return;
        }
        for (Entry entry : actions.entries()) {
            String path = "defaults.scan_actions." + entry.key();
            PiiType type = context.typeName(entry.key(), entry.keyMark(), path);
            if (type == null) {
                continue;
            }
            if (customTypes.contains(type)) {
                context.reader.problem(entry.keyMark(), path, type + " is a policy detector; give its action in detectors (expected: a type listed in defaults.scan)");
                continue;
            }
            if (!scan.contains(type)) {
                context.reader.problem(entry.keyMark(), path, type + " is not in defaults.scan (expected one of: " + PolicyContext.join(scan) + ")",
                        Suggestions.closest(type.name(), PolicyContext.names(scan)));
                continue;
            }
            Treatment treatment = treatments.span(entry.value(), path, true);
            if (treatment != null) {
                scanActions.put(type, treatment);
                scanAt.put(type, context.location(entry.keyMark(), path));
            }
        }
    }

    private PiiType scanType(YamlNode item, String path, Set<PiiType> customTypes) {
        String text = context.reader.string(item, path);
        if (text == null) {
            return null;
        }
        Mark mark = item.mark();
        PiiType type = context.typeName(text, mark, path);
        if (type == null) {
            return null;
        }
        if (customTypes.contains(type)) {
            return type;
        }
        if (!context.builtInTypes.contains(type)) {
            Set<String> known = new TreeSet<>(PolicyContext.names(context.builtInTypes));
            String message = "unknown PII type " + type + " (expected one of: " + String.join(", ", known) + ", or a name from detectors)";
            known.addAll(PolicyContext.names(customTypes));
            context.reader.problem(mark, path, message, Suggestions.closest(text, known));
            return null;
        }
        return type;
    }
}
