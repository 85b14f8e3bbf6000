package dev.veil.policy.load;

import dev.veil.policy.model.RevealRule;
import dev.veil.policy.model.TokenProfile;
import dev.veil.policy.yaml.Mark;
import dev.veil.policy.yaml.YamlNode;
import dev.veil.policy.yaml.YamlNode.ListNode;
import dev.veil.policy.yaml.YamlNode.MapNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code reveal} section: which audience may turn which reversible profiles' tokens back into values. */
final class RevealReader {

    private static final List<String> KEYS = List.of("audience", "tokens");

    private final PolicyContext context;
    private final TreatmentReader treatments;

    RevealReader(PolicyContext context, TreatmentReader treatments) {
        this.context = context;
        this.treatments = treatments;
    }

    List<RevealRule> read(YamlNode node) {
        List<RevealRule> rules = new ArrayList<>();
        if (node == null) {
            return rules;
        }
        ListNode list = context.reader.list(node, "reveal");
        if (list == null) {
            return rules;
        }
        Map<String, Mark> audiences = new HashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            String path = "reveal[" + i + "]";
            MapNode map = context.reader.map(list.items().get(i), path);
            if (map == null) {
                continue;
            }
            context.reader.checkKeys(map, path, KEYS);
            String audience = context.name(context.reader.required(map, "audience", path), path + ".audience");
            if (audience != null) {
                Mark first = audiences.putIfAbsent(audience, map.get("audience").mark());
                if (first != null) {
                    context.reader.problem(map.get("audience").mark(), path + ".audience",
                            "duplicate audience '" + audience + "' (first at line " + first.line() + "; expected: one entry per audience)");
                }
            }
            List<String> tokens = tokens(map, path);
            if (audience != null) {
                rules.add(new RevealRule(audience, tokens, context.location(map.mark(), path)));
            }
        }
        return rules;
    }

    private List<String> tokens(MapNode map, String path) {
        List<String> tokens = new ArrayList<>();
        YamlNode tokensNode = context.reader.required(map, "tokens", path);
        ListNode tokenList = tokensNode == null ? null : context.reader.list(tokensNode, path + ".tokens");
        if (tokenList == null) {
            return tokens;
        }
        if (tokenList.items().isEmpty()) {
            context.reader.problem(tokenList.mark(), path + ".tokens", "empty list (expected: at least one token profile)");
        }
        for (int j = 0; j < tokenList.items().size(); j++) {
            String tokenPath = path + ".tokens[" + j + "]";
            YamlNode item = tokenList.items().get(j);
            TokenProfile profile = treatments.profileRef(item, tokenPath);
            if (profile == null) {
                continue;
            }
            if (!profile.format().reversible()) {
                context.reader.problem(item.mark(), tokenPath, "profile '" + profile.name() + "' is " + profile.format().yamlName()
                        + ", which cannot be revealed (expected: a random or fpe-* profile)");
            } else {
                tokens.add(profile.name());
            }
        }
        return tokens;
    }
}
