package dev.veil.policy.engine;

import dev.veil.policy.model.Action;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates a {@link SanitizeReport} during one walk, touches in document order even for values
 * handled later (a slot is reserved where they belong). Not thread-safe; one per document.
 */
final class ReportBuilder {

    private final Map<String, Map<Action, Integer>> counts = new TreeMap<>();
    private final List<List<Touch>> groups = new ArrayList<>();
    private final List<TokenRecord> tokens = new ArrayList<>();
    private List<Touch> target;

    /** One value's treatment; counts one value. */
    void touch(Sanitizer.At at, String rule, Action action, String type, String profile, int count, String note) {
        String output = action == Action.DROP ? null : at.output().toString();
        add(new Touch(at.input().toString(), output, rule, action, type, profile, count, false, note), true);
        count(type == null ? SanitizeReport.UNTYPED : type, action, 1);
    }

    /** Spans of one type replaced in one value's text; counts the spans. */
    void spans(Sanitizer.At at, String rule, Action action, String type, String profile, int count, String note) {
        add(new Touch(at.input().toString(), at.output().toString(), rule, action, type, profile, count, true, note), false);
        count(type, action, count);
    }

    /** Keeps a place, in document order, for the touches of a value handled after the walk. */
    List<Touch> reserve() {
        List<Touch> slot = new ArrayList<>();
        groups.add(slot);
        return slot;
    }

    /** Sends the following touches to {@code slot}, or back to the end of the report when {@code null}. */
    void into(List<Touch> slot) {
        target = slot;
    }

    void token(TokenRecord record) {
        tokens.add(record);
    }

    private void add(Touch touch, boolean newValue) {
        if (target != null) {
            target.add(touch);
        } else if (newValue || groups.isEmpty()) {
            List<Touch> group = new ArrayList<>(2);
            group.add(touch);
            groups.add(group);
        } else {
            groups.get(groups.size() - 1).add(touch);
        }
    }

    private void count(String type, Action action, int count) {
        counts.computeIfAbsent(type, t -> new EnumMap<>(Action.class)).merge(action, count, Integer::sum);
    }

    SanitizeReport build(String policy, int version, String view) {
        Map<String, Map<Action, Integer>> frozen = new LinkedHashMap<>();
        counts.forEach((type, byAction) -> frozen.put(type, Collections.unmodifiableMap(new EnumMap<>(byAction))));
        List<Touch> touched = new ArrayList<>();
        groups.forEach(touched::addAll);
        return new SanitizeReport(policy, version, view, Collections.unmodifiableMap(frozen), touched, tokens);
    }
}
