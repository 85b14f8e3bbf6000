package dev.veil.policy.engine;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.model.Action;
import java.util.List;
import java.util.Map;

/**
 * What the engine did to one document, never the values: counts per PII type (or {@code field}
 * for values no type was declared for) and action, sorted by type (for spans found by scan, the
 * number of spans; otherwise the number of values), every path touched in document order, and
 * the reversible tokens placed in structured fields. Paths name members as the document does: log
 * the counts, and paths only where member names are known to hold no personal data.
 */
public record SanitizeReport(String policy, int policyVersion, String view, Map<String, Map<Action, Integer>> counts,
        List<Touch> touched, List<TokenRecord> tokens) {

    /** The type label of values no PII type was declared for. */
    public static final String UNTYPED = "field";

    public SanitizeReport {
        requireNonNull(policy, "policy");
        // the engine's own counts are unmodifiable already and shared with no one: kept, not copied
        counts = counts instanceof ReportCounts ? counts : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
        touched = List.copyOf(touched);
        tokens = List.copyOf(tokens);
    }

    /** How many values or spans of {@code type} got {@code action}. */
    public int count(String type, Action action) {
        Map<Action, Integer> byAction = counts.get(type);
        return byAction == null ? 0 : byAction.getOrDefault(action, 0);
    }
}
