package dev.veil.policy.compile;

import dev.veil.policy.model.Action;
import dev.veil.policy.model.FieldRule;
import dev.veil.policy.model.PolicySpec;
import dev.veil.policy.model.View;
import dev.veil.policy.path.Segment;
import dev.veil.policy.yaml.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds what is legal in a policy but almost certainly not what its author meant: rules that can
 * never apply because a rule above replaces or drops their whole subtree, and keeps of a whole
 * subtree without {@code trust}. Stateless.
 */
public final class PolicyLint {

    private PolicyLint() {}

    /** Warnings about {@code spec}, in file order; none means nothing suspicious was found. */
    public static List<Problem> warnings(PolicySpec spec) {
        List<Problem> warnings = new ArrayList<>();
        shadowed(spec.fields(), warnings);
        subtreeKeeps(spec.fields(), spec.fields(), warnings);
        for (View view : spec.views().values()) {
            shadowed(view.rules(), warnings);
            List<FieldRule> all = new ArrayList<>(spec.fields());
            all.addAll(view.rules());
            subtreeKeeps(view.rules(), all, warnings);
        }
        return warnings;
    }

    /**
     * A keep that covers a whole object or array (other rules name values below it) lets through
     * whatever a CRM adds there later; only the safety net checks those values.
     */
    private static void subtreeKeeps(List<FieldRule> rules, List<FieldRule> all, List<Problem> warnings) {
        for (FieldRule keep : rules) {
            if (keep.action() != Action.KEEP || keep.trust()) {
                continue;
            }
            boolean container = all.stream().anyMatch(other -> other != keep && startsWith(other.path().segments(), keep.path().segments()));
            if (container) {
                warnings.add(new Problem(keep.at().file(), keep.at().line(), keep.at().column(), keep.at().keyPath(),
                        keep.path() + " keeps a whole subtree: values no rule names below it reach experts, checked only by the safety net"
                                + " (checksum-validated card numbers, IBANs, DNIs and NIEs); name the values to keep, or add trust: true", null));
            }
        }
    }

    private static void shadowed(List<FieldRule> rules, List<Problem> warnings) {
        for (FieldRule outer : rules) {
            if (!replacesWhole(outer.action()) || !exact(outer.path().segments())) {
                continue;
            }
            for (FieldRule inner : rules) {
                if (inner != outer && startsWith(inner.path().segments(), outer.path().segments())) {
                    warnings.add(new Problem(inner.at().file(), inner.at().line(), inner.at().column(), inner.at().keyPath(),
                            inner.path() + " never applies: " + outer.at().keyPath() + " (" + outer.action().yamlName()
                                    + ") handles " + outer.path() + " whole", null));
                }
            }
        }
    }

    private static boolean replacesWhole(Action action) {
        return action == Action.DROP || action == Action.REDACT || action == Action.TOKENIZE || action == Action.PSEUDONYMIZE;
    }

    private static boolean exact(List<Segment> segments) {
        return segments.stream().noneMatch(s -> s.descendant() || s.kind() == Segment.Kind.WILDCARD);
    }

    private static boolean startsWith(List<Segment> segments, List<Segment> prefix) {
        if (segments.size() <= prefix.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            Segment s = segments.get(i);
            if (s.descendant() || !s.equals(prefix.get(i))) {
                return false;
            }
        }
        return true;
    }
}
