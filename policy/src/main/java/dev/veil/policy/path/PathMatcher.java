package dev.veil.policy.path;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches a fixed list of selectors against a document while it is walked from the root, one step
 * at a time, without ever building the path: each node carries a {@link State} of the selectors
 * still in play. Immutable and thread-safe; states are immutable too.
 */
public final class PathMatcher {

    private static final int STRIDE = Selector.MAX_SEGMENTS + 1;
    private static final int[] NONE = new int[0];

    private final Segment[][] selectors;
    private final State root;

    private PathMatcher(List<Selector> selectors) {
        this.selectors = new Segment[selectors.size()][];
        int rootMatches = 0;
        int[] active = new int[selectors.size()];
        int[] matched = new int[selectors.size()];
        int activeCount = 0;
        for (int i = 0; i < selectors.size(); i++) {
            this.selectors[i] = selectors.get(i).segments().toArray(new Segment[0]);
            if (this.selectors[i].length == 0) {
                matched[rootMatches++] = i;
            } else {
                active[activeCount++] = i * STRIDE;
            }
        }
        this.root = new State(Arrays.copyOf(active, activeCount), Arrays.copyOf(matched, rootMatches));
    }

    /** A matcher for {@code selectors}; {@link State#matched()} reports their positions in this list. */
    public static PathMatcher of(List<Selector> selectors) {
        requireNonNull(selectors, "selectors");
        return new PathMatcher(selectors);
    }

    /** The state at the document's root. */
    public State root() {
        return root;
    }

    /** The state of the member {@code key} of an object whose state is {@code parent}. */
    public State member(State parent, String key) {
        return step(parent, key, -1);
    }

    /** The state of the element at {@code index} of an array whose state is {@code parent}. */
    public State element(State parent, int index) {
        return step(parent, null, index);
    }

    /** A memory of steps for one document's walk (see {@link Steps}). */
    public Steps steps() {
        return new Steps();
    }

    /**
     * The steps of one document's walk, made once where they recur: the elements of an array share
     * one state when no selector still in play names an index, and the steps below a shared state
     * are remembered, so that the members of a thousand comments are stepped into once. Steps
     * below a state met once are made as they come. Holds the document's member names: one per
     * walk, dropped with it; not thread-safe.
     */
    public final class Steps {

        /** Remembered steps below each shared state; a state met once has none. */
        private final Map<State, Map<String, State>> members = new IdentityHashMap<>();
        private final Map<State, State> elements = new IdentityHashMap<>();

        private Steps() {}

        /** What {@link PathMatcher#member} returns (the same state again below a shared one). */
        public State member(State parent, String key) {
            Map<String, State> byKey = members.get(parent);
            if (byKey == null) {
                return PathMatcher.this.member(parent, key);
            }
            State next = byKey.get(key);
            if (next == null) {
                next = PathMatcher.this.member(parent, key);
                byKey.put(key, next);
                share(next);
            }
            return next;
        }

        /** What {@link PathMatcher#element} returns (an equal state, the same one for every index when no index is named). */
        public State element(State parent, int index) {
            State next = elements.get(parent);
            if (next != null) {
                return next;
            }
            next = PathMatcher.this.element(parent, index);
            if (parent.active.length > 0 && !namesIndex(parent)) {
                elements.put(parent, next);
                share(next);
            }
            return next;
        }

        private void share(State state) {
            if (state.active.length > 0 && !members.containsKey(state)) {
                members.put(state, new HashMap<>());
            }
        }
    }

    /** Whether a selector in play at {@code state} names an array index, so that elements' states differ. */
    private boolean namesIndex(State state) {
        for (int encoded : state.active) {
            if (selectors[encoded / STRIDE][encoded % STRIDE].kind() == Segment.Kind.INDEX) {
                return true;
            }
        }
        return false;
    }

    private State step(State parent, String key, int index) {
        int[] from = parent.active;
        if (from.length == 0) {
            return State.DEAD;
        }
        int[] next = new int[from.length * 2];
        int nextCount = 0;
        int[] matched = NONE;
        int matchedCount = 0;
        for (int encoded : from) {
            int selector = encoded / STRIDE;
            int position = encoded % STRIDE;
            Segment segment = selectors[selector][position];
            boolean hit = key != null ? segment.matchesKey(key) : segment.matchesIndex(index);
            if (segment.descendant()) {
                // '..' may skip any number of levels, so the state survives this step either way.
                next[nextCount++] = encoded;
            }
            if (!hit) {
                continue;
            }
            if (position + 1 == selectors[selector].length) {
                if (matchedCount == matched.length) {
                    matched = Arrays.copyOf(matched, Math.max(4, matchedCount * 2));
                }
                matched[matchedCount++] = selector;
            } else {
                next[nextCount++] = encoded + 1;
            }
        }
        return State.of(dedupe(next, nextCount), dedupe(matched, matchedCount));
    }

    private static int[] dedupe(int[] values, int count) {
        if (count == 0) {
            return NONE;
        }
        boolean ascending = true;
        for (int i = 1; i < count && ascending; i++) {
            ascending = values[i - 1] < values[i];
        }
        if (ascending) {
            // the usual case (states come out in order from ordered states): nothing to sort or drop
            return count == values.length ? values : Arrays.copyOf(values, count);
        }
        int[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int unique = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] != sorted[unique - 1]) {
                sorted[unique++] = sorted[i];
            }
        }
        return unique == sorted.length ? sorted : Arrays.copyOf(sorted, unique);
    }

    /** The selectors that match one node, and those that may still match below it. */
    public static final class State {

        static final State DEAD = new State(NONE, NONE);

        private final int[] active;
        private final int[] matched;

        private State(int[] active, int[] matched) {
            this.active = active;
            this.matched = matched;
        }

        private static State of(int[] active, int[] matched) {
            return active.length == 0 && matched.length == 0 ? DEAD : new State(active, matched);
        }

        /** Positions (in the matcher's selector list) of the selectors matching this node, ascending. */
        public int[] matched() {
            return matched.clone();
        }

        /** Whether any selector matches this node. */
        public boolean hasMatch() {
            return matched.length > 0;
        }

        /** The number of selectors matching this node. */
        public int matchCount() {
            return matched.length;
        }

        /** The position of the {@code i}-th selector matching this node. */
        public int match(int i) {
            return matched[i];
        }

        /** Whether some selector may still match a node below this one. */
        public boolean canMatchBelow() {
            return active.length > 0;
        }
    }
}
