package dev.veil.policy.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Every match a {@link ValueTrie} finds in one text: for each position, every alternative matching
 * there (its order and end), or a mark that only RE2 can tell. Recorded once per text and replayed
 * by each view that shares the trie, each with its own values enabled ({@link #endAt}); growing
 * while it is recorded, then read only.
 */
final class ValueMatches {

    /** The order recorded at a position only RE2 can decide. */
    private static final int UNDECIDED_ORDER = -1;

    private static final int[] EMPTY = new int[0];

    /** The matches of a text that holds none (most texts): one for all, never grown nor replayed into. */
    static final ValueMatches NONE = new ValueMatches();

    // most texts hold no known value: nothing is allocated for them
    private int[] positions = EMPTY;
    private int[] orders = EMPTY;
    private int[] ends = EMPTY;
    private int size;
    /**
     * What the view {@link #replayedBy} (a {@link KnownScans.Use}, by identity) made of these
     * matches: a text that recurs is replayed once per view, with no map of its own (one map by
     * text, {@link KnownScans.Shared}'s, serves the matches and the hits).
     */
    private KnownScans.Use replayedBy;
    private List<KnownValues.Hit> replayed;

    /** The number of entries (several may share a position; entries are in position order). */
    int size() {
        return size;
    }

    int position(int entry) {
        return positions[entry];
    }

    /** The entry after the last of those at {@code entry}'s position. */
    int nextPosition(int entry) {
        int p = positions[entry];
        int next = entry + 1;
        while (next < size && positions[next] == p) {
            next++;
        }
        return next;
    }

    /**
     * Where the first alternative in order among {@code enabled} ({@code null}: all) matching at
     * the position of entries {@code [from, to)} ends, -1 if none does, or {@link ValueTrie#UNDECIDED}.
     */
    int endAt(int from, int to, boolean[] enabled) {
        int best = firstEnabled(from, to, enabled);
        return best < 0 ? best : ends[best];
    }

    /**
     * The entry among {@code [from, to)} of the first alternative in order among {@code enabled}
     * ({@code null}: all), -1 if none is there, or {@link ValueTrie#UNDECIDED}: {@link #endAt}'s
     * entry, whose {@link #order} says which alternative matched.
     */
    int firstEnabled(int from, int to, boolean[] enabled) {
        int bestOrder = Integer.MAX_VALUE;
        int best = -1;
        for (int e = from; e < to; e++) {
            int order = orders[e];
            if (order == UNDECIDED_ORDER) {
                return ValueTrie.UNDECIDED;
            }
            if (order < bestOrder && (enabled == null || enabled[order])) {
                bestOrder = order;
                best = e;
            }
        }
        return best;
    }

    /** The order (in the trie's pattern) of the alternative matching at {@code entry}. */
    int order(int entry) {
        return orders[entry];
    }

    /** Where the alternative matching at {@code entry} ends. */
    int end(int entry) {
        return ends[entry];
    }

    /** The largest end among entries {@code [from, to)} (the longest match there), or -1. */
    int longestEnd(int from, int to) {
        int longest = -1;
        for (int e = from; e < to; e++) {
            longest = Math.max(longest, ends[e]);
        }
        return longest;
    }

    /** The hits {@code use} made of these matches, or {@code null} if it has not (or another view did last). */
    List<KnownValues.Hit> replayed(KnownScans.Use use) {
        return replayedBy == use ? replayed : null;
    }

    /** Remembers the hits {@code use} made of these matches (never on {@link #NONE}). */
    void replayed(KnownScans.Use use, List<KnownValues.Hit> hits) {
        if (this == NONE) {
            // NONE is shared by every text and call: a document's hits must never be left in it
            throw new IllegalStateException("the empty matches hold no hits");
        }
        replayedBy = use;
        replayed = hits;
    }

    void add(int position, int order, int end) {
        if (size == positions.length) {
            if (this == NONE) { // NONE has no room, so its first add would land here: it stays empty
                throw new IllegalStateException("the empty matches take no match");
            }
            int grown = Math.max(8, size * 2);
            positions = Arrays.copyOf(positions, grown);
            orders = Arrays.copyOf(orders, grown);
            ends = Arrays.copyOf(ends, grown);
        }
        positions[size] = position;
        orders[size] = order;
        ends[size] = end;
        size++;
    }

    /** Drops what was added at {@code position} since the size was {@code mark}, and marks the position as only RE2 can decide. */
    void undecided(int mark, int position) {
        size = mark;
        add(position, UNDECIDED_ORDER, -1);
    }

    /** Drops the entries added since the size was {@code mark}. */
    void truncate(int mark) {
        size = mark;
    }
}
