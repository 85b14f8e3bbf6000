package dev.veil.policy.engine;

import dev.veil.policy.model.Action;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates a {@link SanitizeReport} during one walk, touches in document order even for values
 * handled later (a slot is reserved where they belong). Not thread-safe; one per document.
 */
final class ReportBuilder {

    /** What {@link #into} takes to send touches back to the end of the report. */
    static final int MAIN = -1;

    private static final Action[] ACTIONS = Action.values();
    /** Where a type's row keeps the actions counted at all (bit by ordinal), after one count per action. */
    private static final int PRESENT = ACTIONS.length;

    /**
     * Counts by type and action: the types in the order first counted (sorted by name when the
     * report is built) and, per type, a row of counts by action ordinal. A report holds about ten
     * types, so a look along the array (the same constant strings, mostly) is cheaper than the hash
     * map of enum maps it replaces, and building the report needs no sorted map.
     */
    private String[] types = new String[8];
    private int[][] rows = new int[8][];
    private int typeCount;
    /**
     * Touches in document order, but for the reserved slots ({@code main}), and the reserved slots'
     * touches, each slot's in one run ({@code late}): plain arrays, so that building the report
     * copies runs with {@link System#arraycopy}. Copied an element at a time from lists, the 1 MiB
     * ticket's tens of thousands of touches cost several percent of the call: the loop runs once per
     * report, too rarely to be compiled well.
     */
    private Touch[] main = new Touch[64]; // a ticket makes a few dozen touches
    private int mainSize;
    private Touch[] late = new Touch[16];
    private int lateSize;
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
        slotAt[slots] = mainSize;
        return slots++;
    }

    /**
     * Sends the following touches to {@code slot}, or back to the end of the report when
     * {@link #MAIN}. A slot is filled in one go: sending touches to it again starts it afresh.
     */
    void into(int slot) {
        target = slot;
        if (slot != MAIN) {
            slotFrom[slot] = lateSize;
            slotTo[slot] = lateSize;
        }
    }

    void token(TokenRecord record) {
        tokens.add(record);
    }

    private void add(Touch touch) {
        if (target == MAIN) {
            if (mainSize == main.length) {
                main = Arrays.copyOf(main, mainSize * 2);
            }
            main[mainSize++] = touch;
        } else {
            if (lateSize == late.length) {
                late = Arrays.copyOf(late, lateSize * 2);
            }
            late[lateSize++] = touch;
            slotTo[target] = lateSize;
        }
    }

    private void count(String type, Action action, int count) {
        int i = 0;
        while (i < typeCount && types[i] != type && !types[i].equals(type)) {
            i++;
        }
        if (i == typeCount) {
            if (typeCount == types.length) {
                types = Arrays.copyOf(types, typeCount * 2);
                rows = Arrays.copyOf(rows, typeCount * 2);
            }
            types[i] = type;
            rows[i] = new int[PRESENT + 1];
            typeCount++;
        }
        int[] row = rows[i];
        row[action.ordinal()] += count;
        row[PRESENT] |= 1 << action.ordinal();
    }

    SanitizeReport build(String policy, int version, String view) {
        Integer[] order = new Integer[typeCount];
        for (int i = 0; i < typeCount; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> types[a].compareTo(types[b]));
        String[] sortedTypes = new String[typeCount];
        @SuppressWarnings("unchecked")
        Map<Action, Integer>[] sortedCounts = new Map[typeCount];
        for (int k = 0; k < typeCount; k++) {
            int[] row = rows[order[k]];
            EnumMap<Action, Integer> byAction = new EnumMap<>(Action.class);
            for (Action action : ACTIONS) {
                if ((row[PRESENT] & 1 << action.ordinal()) != 0) {
                    byAction.put(action, row[action.ordinal()]);
                }
            }
            sortedTypes[k] = types[order[k]];
            sortedCounts[k] = Collections.unmodifiableMap(byAction);
        }
        Touch[] touched = new Touch[mainSize + lateSize];
        int to = 0;
        int at = 0;
        for (int slot = 0; slot < slots; slot++) {
            to = copy(main, at, slotAt[slot], touched, to);
            to = copy(late, slotFrom[slot], slotTo[slot], touched, to);
            at = slotAt[slot];
        }
        copy(main, at, mainSize, touched, to);
        // List.of copies once and is kept as it is by the report (List.copyOf of an immutable list)
        return new SanitizeReport(policy, version, view, new ReportCounts(sortedTypes, sortedCounts), List.of(touched), tokens);
    }

    private static int copy(Touch[] from, int start, int end, Touch[] to, int at) {
        System.arraycopy(from, start, to, at, end - start);
        return at + end - start;
    }
}
