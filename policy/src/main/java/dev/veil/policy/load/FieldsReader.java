package dev.veil.policy.load;

import dev.veil.policy.model.Action;
import dev.veil.policy.model.FieldRule;
import dev.veil.policy.model.Treatment;
import dev.veil.policy.path.Selector;
import dev.veil.policy.yaml.Mark;
import dev.veil.policy.yaml.YamlNode;
import dev.veil.policy.yaml.YamlNode.ListNode;
import dev.veil.policy.yaml.YamlNode.MapNode;
import dev.veil.tokenizer.detect.PiiType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code fields} section: a list of rules, each a selector, a treatment and an optional PII type. */
final class FieldsReader {

    private static final List<String> KEYS = PolicyContext.concat(List.of("path", "type", "trust"), TreatmentReader.TREATMENT_KEYS);

    private final PolicyContext context;
    private final TreatmentReader treatments;

    FieldsReader(PolicyContext context, TreatmentReader treatments) {
        this.context = context;
        this.treatments = treatments;
    }

    List<FieldRule> read(YamlNode node) {
        ListNode list = context.reader.list(node, "fields");
        if (list == null) {
            return List.of();
        }
        List<FieldRule> rules = new ArrayList<>();
        Map<Selector, Mark> seen = new HashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            String path = "fields[" + i + "]";
            MapNode map = context.reader.map(list.items().get(i), path);
            if (map == null) {
                continue;
            }
            context.reader.checkKeys(map, path, KEYS);
            YamlNode selectorNode = context.reader.required(map, "path", path);
            Selector selector = selectorNode == null ? null : context.selector(selectorNode, path + ".path");
            if (selector != null) {
                Mark first = seen.putIfAbsent(selector, selectorNode.mark());
                if (first != null) {
                    context.reader.problem(selectorNode.mark(), path + ".path", "duplicate rule for " + selector + " (first at line " + first.line() + ")");
                }
            }
            Treatment treatment = treatments.rule(map, path, EnumSet.allOf(Action.class));
            PiiType type = map.get("type") == null ? null : context.declaredType(map.get("type"), path + ".type");
            boolean trust = TrustReader.trust(context, map, treatment, path);
            if (selector != null && treatment != null) {
                rules.add(new FieldRule(selector, treatment, type, context.location(map.mark(), path), trust));
            }
        }
        return rules;
    }
}
