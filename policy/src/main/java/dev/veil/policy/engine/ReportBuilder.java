package dev.veil.policy.engine;

import dev.veil.policy.model.Action;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates a {@link SanitizeReport} during one walk, touches in document order even for values
 * handled later (a slot is reserved where they belong). Not thread-safe; one per document.
 */
final class ReportBuilder {

    /** Counts by type (sorted by type when the report is built) and action. */
    private final Map<String, EnumMap<Action, int[]>> counts = new HashMap<>();
    private final List<List<Touch>> groups = new ArrayList<>();
    private final List<TokenRecord> tokens = new ArrayList<>();
    private List<Touch> target;

    /** One value's treatment; counts one value. */
    void touch(Sanitizer.At at, String rule, Action action, String type, String profile, int count, String note) {
        JsonPath output = action == Action.DROP ? null : at.output();
        add(new Touch(at.input(), output, rule, action, type, profile, count, false, note), true);
        count(type == null ? SanitizeReport.UNTYPED : type, action, 1);
    }

    /** Spans of one type replaced in one value's text; counts the spans. */
    void spans(Sanitizer.At at, String rule, Action action, String type, String profile, int count, String note) {
        add(new Touch(at.input(), at.output(), rule, action, type, profile, count, true, note), false);
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
        counts.computeIfAbsent(type, t -> new EnumMap<>(Action.class)).computeIfAbsent(action, a -> new int[1])[0] += count;
    }

    SanitizeReport build(String policy, int version, String view) {
        Map<String, Map<Action, Integer>> frozen = new LinkedHashMap<>();
        new TreeMap<>(counts).forEach((type, byAction) -> {
            EnumMap<Action, Integer> copy = new EnumMap<>(Action.class);
            byAction.forEach((action, count) -> copy.put(action, count[0]));
            frozen.put(type, Collections.unmodifiableMap(copy));
        });
        int size = 0;
        for (List<Touch> group : groups) {
            size += group.size();
        }
        List<Touch> touched = new ArrayList<>(size);
        for (List<Touch> group : groups) {
            for (int i = 0; i < group.size(); i++) {
                touched.add(group.get(i));
            }
        }
        return new SanitizeReport(policy, version, view, Collections.unmodifiableMap(frozen), touched, tokens);
    }
}
