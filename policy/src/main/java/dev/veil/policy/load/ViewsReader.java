package dev.veil.policy.load;

import dev.veil.policy.model.Action;
import dev.veil.policy.model.FieldRule;
import dev.veil.policy.model.Treatment;
import dev.veil.policy.model.View;
import dev.veil.policy.path.Selector;
import dev.veil.policy.yaml.YamlNode;
import dev.veil.policy.yaml.YamlNode.Entry;
import dev.veil.policy.yaml.YamlNode.MapNode;
import dev.veil.policy.yaml.YamlNode.Scalar;
import dev.veil.tokenizer.detect.PiiType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code views} section: per view, rules keyed by selector that override the field rules. */
final class ViewsReader {

    private static final List<String> RULE_KEYS = PolicyContext.concat(List.of("type", "trust"), TreatmentReader.TREATMENT_KEYS);

    private final PolicyContext context;
    private final TreatmentReader treatments;

    ViewsReader(PolicyContext context, TreatmentReader treatments) {
        this.context = context;
        this.treatments = treatments;
    }

    Map<String, View> read(YamlNode node) {
        Map<String, View> views = new LinkedHashMap<>();
        if (node == null) {
            return views;
        }
        MapNode map = context.reader.map(node, "views");
        if (map == null) {
            return views;
        }
        for (Entry viewEntry : map.entries()) {
            String viewPath = "views." + viewEntry.key();
            if (!PolicyContext.NAME.matcher(viewEntry.key()).matches()) {
                context.reader.problem(viewEntry.keyMark(), viewPath, "view name '" + viewEntry.key() + "' (" + PolicyContext.NAME_EXPECTED + ")");
                continue;
            }
            MapNode rulesMap = context.reader.map(viewEntry.value(), viewPath);
            if (rulesMap == null) {
                continue;
            }
            List<FieldRule> rules = new ArrayList<>();
            for (Entry ruleEntry : rulesMap.entries()) {
                FieldRule rule = rule(viewPath, ruleEntry);
                if (rule != null) {
                    rules.add(rule);
                }
            }
            views.put(viewEntry.key(), new View(viewEntry.key(), rules, context.location(viewEntry.keyMark(), viewPath)));
        }
        return views;
    }

    private FieldRule rule(String viewPath, Entry ruleEntry) {
        String path = viewPath + "['" + ruleEntry.key() + "']";
        Selector selector = context.selector(ruleEntry.key(), ruleEntry.keyMark(), path);
        Treatment treatment;
        PiiType type = null;
        boolean trust = false;
        YamlNode value = ruleEntry.value();
        if (value instanceof MapNode ruleMap) {
            context.reader.checkKeys(ruleMap, path, RULE_KEYS);
            treatment = treatments.rule(ruleMap, path, EnumSet.allOf(Action.class));
            type = ruleMap.get("type") == null ? null : context.declaredType(ruleMap.get("type"), path + ".type");
            trust = TrustReader.trust(context, ruleMap, treatment, path);
        } else if (value instanceof Scalar) {
            Action action = treatments.action(value, path, EnumSet.allOf(Action.class));
            treatment = action == null ? null : treatments.shorthand(action, value, path);
        } else {
            context.reader.problem(value.mark(), path, "expected: an action name or a map with action, found " + value.describe());
            treatment = null;
        }
        return selector != null && treatment != null ? new FieldRule(selector, treatment, type, context.location(ruleEntry.keyMark(), path), trust) : null;
    }
}
