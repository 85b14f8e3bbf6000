package dev.veil.policy.engine;

import dev.veil.policy.model.Action;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Accumulates a {@link SanitizeReport} during one walk; not thread-safe, one per document. */
final class ReportBuilder {

    private final Map<String, Map<Action, Integer>> counts = new TreeMap<>();
    private final List<Touch> touched = new ArrayList<>();
    private final List<TokenRecord> tokens = new ArrayList<>();

    /** One value's treatment; counts one value. */
    void touch(Sanitizer.At at, String rule, Action action, String type, String profile, int count, String note) {
        String output = action == Action.DROP ? null : at.output().toString();
        touched.add(new Touch(at.input().toString(), output, rule, action, type, profile, count, false, note));
        count(type == null ? SanitizeReport.UNTYPED : type, action, 1);
    }

    /** Spans of one type replaced in one value's text; counts the spans. */
    void spans(Sanitizer.At at, String rule, Action action, String type, String profile, int count) {
        touched.add(new Touch(at.input().toString(), at.output().toString(), rule, action, type, profile, count, true, null));
        count(type, action, count);
    }

    void token(TokenRecord record) {
        tokens.add(record);
    }

    private void count(String type, Action action, int count) {
        counts.computeIfAbsent(type, t -> new EnumMap<>(Action.class)).merge(action, count, Integer::sum);
    }

    SanitizeReport build(String policy, int version, String view) {
        Map<String, Map<Action, Integer>> frozen = new LinkedHashMap<>();
        counts.forEach((type, byAction) -> frozen.put(type, java.util.Collections.unmodifiableMap(new EnumMap<>(byAction))));
        return new SanitizeReport(policy, version, view, java.util.Collections.unmodifiableMap(frozen), touched, tokens);
    }
}
