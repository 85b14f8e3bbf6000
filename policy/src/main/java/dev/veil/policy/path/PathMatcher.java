package dev.veil.policy.path;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matches a fixed list of selectors against a document while it is walked from the root, one step
 * at a time, without ever building the path: each node carries a {@link State} of the selectors
 * still in play. Thread-safe; it remembers each state it reaches with the steps out of it (the
 * names and indices its selectors name, and one step for everything else), so that a step is one
 * look-up; what it remembers comes from the selectors alone, never from a document.
 */
public final class PathMatcher {

    private static final int STRIDE = Selector.MAX_SEGMENTS + 1;
    private static final int[] NONE = new int[0];

    /**
     * The most states a matcher remembers with their steps: a policy's selectors reach a few dozen;
     * past this (selectors whose states multiply), steps are made as they come, as they always were.
     */
    private static final int MAX_STATES = 4096;

    private final int maxStates;

    private final Segment[][] selectors;
    private final State root;
    /** The states reached so far, one per content, each knowing its own steps once stepped from. */
    private final ConcurrentHashMap<StateKey, State> states = new ConcurrentHashMap<>();

    private PathMatcher(List<Selector> selectors, int maxStates) {
        this.maxStates = maxStates;
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
        this.root = new State(Arrays.copyOf(active, activeCount), Arrays.copyOf(matched, rootMatches), maxStates > 0);
    }

    /** A matcher for {@code selectors}; {@link State#matched()} reports their positions in this list. */
    public static PathMatcher of(List<Selector> selectors) {
        requireNonNull(selectors, "selectors");
        return new PathMatcher(selectors, MAX_STATES);
    }

    /** A matcher that remembers at most {@code maxStates} states (for tests: 0 makes every step afresh). */
    static PathMatcher of(List<Selector> selectors, int maxStates) {
        return new PathMatcher(selectors, maxStates);
    }

    /** The state at the document's root. */
    public State root() {
        return root;
    }

    /** The state of the member {@code key} of an object whose state is {@code parent}. */
    public State member(State parent, String key) {
        Transitions next = transitionsOf(parent);
        if (next == null) {
            return step(parent, MEMBER, key, -1);
        }
        State named = next.members.get(key);
        return named != null ? named : next.other;
    }

    /** The state of the element at {@code index} of an array whose state is {@code parent}. */
    public State element(State parent, int index) {
        Transitions next = transitionsOf(parent);
        if (next == null) {
            return step(parent, ELEMENT, null, index);
        }
        for (int i = 0; i < next.indices.length; i++) {
            if (next.indices[i] == index) {
                return next.elements[i];
            }
        }
        return next.other;
    }

    /**
     * The steps out of {@code state}, made the first time it is stepped from; {@code null} for a
     * state the matcher does not remember (past its {@link #MAX_STATES}).
     */
    private Transitions transitionsOf(State state) {
        Transitions known = state.transitions;
        if (known != null || !state.remembered) {
            return known;
        }
        // the names and indices the selectors in play name each lead somewhere of their own; any
        // other member or element matches only wildcards, so they all lead to one state
        Map<String, State> members = new HashMap<>();
        int[] indices = NONE;
        State[] elements = new State[0];
        for (int encoded : state.active) {
            Segment segment = selectors[encoded / STRIDE][encoded % STRIDE];
            if (segment.kind() == Segment.Kind.NAME && !members.containsKey(segment.name())) {
                members.put(segment.name(), step(state, MEMBER, segment.name(), -1));
            } else if (segment.kind() == Segment.Kind.INDEX && !contains(indices, segment.index())) {
                indices = Arrays.copyOf(indices, indices.length + 1);
                elements = Arrays.copyOf(elements, elements.length + 1);
                indices[indices.length - 1] = segment.index();
                elements[elements.length - 1] = step(state, ELEMENT, null, segment.index());
            }
        }
        known = new Transitions(members, indices, elements, step(state, OTHER, null, -1));
        state.transitions = known; // published whole through a volatile field; two threads may both make it, alike
        return known;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    /** Where each name and index named at a state leads, and where every other member or element does. */
    private record Transitions(Map<String, State> members, int[] indices, State[] elements, State other) {}

    private static final int MEMBER = 0;
    private static final int ELEMENT = 1;
    /** A member or element no selector in play names: only wildcards match it. */
    private static final int OTHER = 2;

    private State step(State parent, int kind, String key, int index) {
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
            boolean hit = kind == MEMBER ? segment.matchesKey(key)
                    : kind == ELEMENT ? segment.matchesIndex(index) : segment.kind() == Segment.Kind.WILDCARD;
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
        return state(dedupe(next, nextCount), dedupe(matched, matchedCount));
    }

    /**
     * The state of {@code active} and {@code matched}: one object per content, which then keeps its
     * own steps, for up to {@link #MAX_STATES} states; past that a new one each time, which does not.
     * States and steps hold only the policy's selectors and names, never a document's.
     */
    private State state(int[] active, int[] matched) {
        if (active.length == 0 && matched.length == 0) {
            return State.DEAD;
        }
        StateKey key = new StateKey(active, matched);
        State known = states.get(key);
        if (known != null) {
            return known;
        }
        if (states.size() >= maxStates) {
            return new State(active, matched, false);
        }
        State made = new State(active, matched, true);
        State raced = states.putIfAbsent(key, made);
        return raced != null ? raced : made;
    }

    /** A state's content, as the key it is remembered under. */
    private record StateKey(int[] active, int[] matched) {

        @Override
        public boolean equals(Object other) {
            return other instanceof StateKey that && Arrays.equals(active, that.active) && Arrays.equals(matched, that.matched);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(active) + Arrays.hashCode(matched);
        }

        @Override
        public String toString() {
            return "StateKey" + Arrays.toString(active) + Arrays.toString(matched);
        }
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

    /** The selectors that match one node, and those that may still match below it; its steps are made once, on the first. */
    public static final class State {

        static final State DEAD = new State(NONE, NONE, false);

        private final int[] active;
        private final int[] matched;
        /** Whether its matcher remembers it, so that it keeps its steps ({@link #transitions}). */
        private final boolean remembered;
        /** Where each step from here leads, made on the first step; {@code null} before. */
        private volatile Transitions transitions;

        private State(int[] active, int[] matched, boolean remembered) {
            this.active = active;
            this.matched = matched;
            this.remembered = remembered;
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
