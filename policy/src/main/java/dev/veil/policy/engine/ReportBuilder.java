package dev.veil.policy.engine;

import dev.veil.policy.model.Action;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** What {@link #into} takes to send touches back to the end of the report. */
    static final int MAIN = -1;

    /** Counts by type (sorted by type when the report is built) and action. */
    private final Map<String, EnumMap<Action, int[]>> counts = new HashMap<>();
    /** Touches in document order, but for the reserved slots. */
    private final List<Touch> main = new ArrayList<>();
    /** The reserved slots' touches, each slot's in one run. */
    private final List<Touch> late = new ArrayList<>();
    /** For each slot: the size of {@link #main} when it was reserved, and its run in {@link #late}. */
    private int[] slotAt = new int[16];
    private int[] slotFrom = new int[16];
    private int[] slotTo = new int[16];
    private int slots;
    private int target = MAIN;
    private final List<TokenRecord> tokens = new ArrayList<>();

    /** One value's treatment; counts one value. */
    void touch(Sanitizer.At at, String rule, Action action, String type, String profile, int count, String note) {
        JsonPath output = action == Action.DROP ? null : at.output();
        add(new Touch(at.input(), output, rule, action, type, profile, count, false, note));
        count(type == null ? SanitizeReport.UNTYPED : type, action, 1);
    }

    /** Spans of one type replaced in one value's text; counts the spans. */
    void spans(Sanitizer.At at, String rule, Action action, String type, String profile, int count, String note) {
        add(new Touch(at.input(), at.output(), rule, action, type, profile, count, true, note));
        count(type, action, count);
    }

    /** Keeps a place, in document order, for the touches of a value handled after the walk; returns the slot. */
    int reserve() {
        if (slots == slotAt.length) {
            slotAt = Arrays.copyOf(slotAt, slots * 2);
            slotFrom = Arrays.copyOf(slotFrom, slots * 2);
            slotTo = Arrays.copyOf(slotTo, slots * 2);
        }
        slotAt[slots] = main.size();
        return slots++;
    }

    /**
     * Sends the following touches to {@code slot}, or back to the end of the report when
     * {@link #MAIN}. A slot is filled in one go: sending touches to it again starts it afresh.
     */
    void into(int slot) {
        target = slot;
        if (slot != MAIN) {
            slotFrom[slot] = late.size();
            slotTo[slot] = late.size();
        }
    }

    void token(TokenRecord record) {
        tokens.add(record);
    }

    private void add(Touch touch) {
        if (target == MAIN) {
            main.add(touch);
        } else {
            late.add(touch);
            slotTo[target] = late.size();
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
        Touch[] touched = new Touch[main.size() + late.size()];
        int to = 0;
        int at = 0;
        for (int slot = 0; slot < slots; slot++) {
            to = copy(main, at, slotAt[slot], touched, to);
            to = copy(late, slotFrom[slot], slotTo[slot], touched, to);
            at = slotAt[slot];
        }
        copy(main, at, main.size(), touched, to);
        return new SanitizeReport(policy, version, view, Collections.unmodifiableMap(frozen), Arrays.asList(touched), tokens);
    }

    private static int copy(List<Touch> from, int start, int end, Touch[] to, int at) {
        for (int i = start; i < end; i++) {
            to[at++] = from.get(i);
        }
        return at;
    }
}
