package dev.veil.policy.load;

import dev.veil.policy.model.Action;
import dev.veil.policy.model.Treatment;
import dev.veil.policy.yaml.YamlNode;
import dev.veil.policy.yaml.YamlNode.MapNode;

/** Reads a rule's {@code trust} flag, which only a {@code keep} may carry. */
final class TrustReader {

    private TrustReader() {}

    static boolean trust(PolicyContext context, MapNode rule, Treatment treatment, String path) {
        YamlNode node = rule.get("trust");
        if (node == null) {
            return false;
        }
        Boolean value = context.reader.bool(node, path + ".trust");
        if (value == null) {
            return false;
        }
        if (value && treatment != null && treatment.action() != Action.KEEP) {
            context.reader.problem(node.mark(), path + ".trust", "applies only to keep (this rule's action is "
                    + treatment.action().yamlName() + ")");
            return false;
        }
        return value;
    }
}
