package dev.veil.tokenizer.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A regular expression of libphonenumber's metadata compiled to a deterministic automaton over the
 * ten ASCII digits, so a number is checked by one table step per digit instead of a backtracking
 * {@link java.util.regex.Matcher}. On strings of ASCII digits it accepts exactly what
 * {@code Pattern.compile(regex)} accepts ({@link #matches} for {@code matches()}, {@link #matchesPrefix}
 * for {@code lookingAt()}); the metadata's syntax is a small subset (digits, {@code \d}, classes,
 * groups, {@code |}, {@code ? * +} and counted repetition), and anything else is refused.
 */
final class DigitAutomaton {

    /** More DFA states than any numbering plan needs; a larger one is refused, and its caller keeps the regex. */
    private static final int MAX_STATES = 50_000;
    private static final int DEAD = -1;

    /** {@code next[10 * state + digit]}, or {@link #DEAD}; state 0 is the start. */
    private final int[] next;
    private final boolean[] accepting;

    private DigitAutomaton(int[] next, boolean[] accepting) {
        this.next = next;
        this.accepting = accepting;
    }

    /**
     * The automaton of {@code regex}, or null when it uses syntax outside the metadata's subset or
     * would need too many states (the caller then keeps using the regex itself).
     */
    static DigitAutomaton compile(String regex) {
        try {
            Nfa nfa = new Nfa();
            Parser parser = new Parser(regex);
            Node root = parser.parse();
            int accept = nfa.state();
            int start = root.build(nfa, accept);
            return nfa.determinize(start, accept);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** True if the digits {@code digits[0..length)} are a whole match ({@code Matcher.matches()}). */
    boolean matches(char[] digits, int length) {
        int state = 0;
        for (int i = 0; i < length; i++) {
            state = next[10 * state + (digits[i] - '0')];
            if (state == DEAD) {
                return false;
            }
        }
        return accepting[state];
    }

    /** True if some prefix of {@code digits[0..length)}, the empty one included, matches ({@code lookingAt()}). */
    boolean matchesPrefix(char[] digits, int length) {
        int state = 0;
        for (int i = 0; i < length; i++) {
            if (accepting[state]) {
                return true;
            }
            state = next[10 * state + (digits[i] - '0')];
            if (state == DEAD) {
                return false;
            }
        }
        return accepting[state];
    }

    int states() {
        return accepting.length;
    }

    /** A parsed expression; builds its NFA fragment in front of a given continuation state. */
    private interface Node {
        /** Adds states that match this node and then go on to {@code next}; returns the entry state. */
        int build(Nfa nfa, int next);
    }

    /** One character position: the digits it accepts as a 10-bit mask. */
    private record DigitSet(int mask) implements Node {
        @Override
        public int build(Nfa nfa, int next) {
            return nfa.step(mask, next);
        }
    }

    private record Sequence(List<Node> parts) implements Node {
        @Override
        public int build(Nfa nfa, int next) {
            int entry = next;
            for (int k = parts.size() - 1; k >= 0; k--) {
                entry = parts.get(k).build(nfa, entry);
            }
            return entry;
        }
    }

    private record Alternatives(List<Node> options) implements Node {
        @Override
        public int build(Nfa nfa, int next) {
            int[] entries = new int[options.size()];
            for (int k = 0; k < entries.length; k++) {
                entries[k] = options.get(k).build(nfa, next);
            }
            return nfa.split(entries);
        }
    }

    /** {@code body{min,max}}; {@code max} is -1 for no upper bound. */
    private record Repeat(Node body, int min, int max) implements Node {
        @Override
        public int build(Nfa nfa, int next) {
            int entry;
            if (max < 0) {
                // body* in front of next: a loop state that either leaves or runs the body once more
                int loop = nfa.state();
                int bodyEntry = body.build(nfa, loop);
                nfa.epsilon(loop, bodyEntry);
                nfa.epsilon(loop, next);
                entry = loop;
            } else {
                // the optional copies nest: body (body ...)? , and leaving at any point goes to next
                entry = next;
                for (int k = min; k < max; k++) {
                    entry = nfa.split(new int[] {body.build(nfa, entry), next});
                }
            }
            for (int k = 0; k < min; k++) {
                entry = body.build(nfa, entry);
            }
            return entry;
        }
    }

    /** Recursive descent over the metadata's regex subset. */
    private static final class Parser {
        private final String regex;
        private int pos;

        Parser(String regex) {
            this.regex = regex;
        }

        Node parse() {
            Node node = alternatives();
            if (pos != regex.length()) {
                throw new IllegalArgumentException("unexpected character at " + pos);
            }
            return node;
        }

        private Node alternatives() {
            List<Node> options = new ArrayList<>();
            options.add(sequence());
            while (pos < regex.length() && regex.charAt(pos) == '|') {
                pos++;
                options.add(sequence());
            }
            return options.size() == 1 ? options.get(0) : new Alternatives(options);
        }

        private Node sequence() {
            List<Node> parts = new ArrayList<>();
            while (pos < regex.length() && regex.charAt(pos) != '|' && regex.charAt(pos) != ')') {
                parts.add(repeated(atom()));
            }
            return parts.size() == 1 ? parts.get(0) : new Sequence(parts);
        }

        private Node repeated(Node atom) {
            Node node = atom;
            while (pos < regex.length()) {
                char c = regex.charAt(pos);
                if (c == '?') {
                    node = new Repeat(node, 0, 1);
                } else if (c == '*') {
                    node = new Repeat(node, 0, -1);
                } else if (c == '+') {
                    node = new Repeat(node, 1, -1);
                } else if (c == '{') {
                    pos++;
                    int min = number();
                    int max = min;
                    if (peek(',')) {
                        pos++;
                        max = peek('}') ? -1 : number();
                    }
                    expect('}');
                    if (max >= 0 && max < min) {
                        throw new IllegalArgumentException("bad repetition");
                    }
                    node = new Repeat(node, min, max);
                    continue;
                } else {
                    return node;
                }
                pos++;
            }
            return node;
        }

        private Node atom() {
            char c = regex.charAt(pos++);
            if (c >= '0' && c <= '9') {
                return new DigitSet(1 << (c - '0'));
            }
            if (c == '\\') {
                expect('d');
                return new DigitSet(0x3ff);
            }
            if (c == '[') {
                return charClass();
            }
            if (c == '(') {
                if (peek('?')) {
                    pos++;
                    expect(':');
                }
                Node inner = alternatives();
                expect(')');
                return inner;
            }
            throw new IllegalArgumentException("unsupported syntax at " + (pos - 1));
        }

        private Node charClass() {
            boolean negated = peek('^');
            if (negated) {
                pos++;
            }
            int mask = 0;
            boolean first = true;
            while (pos < regex.length() && (first || regex.charAt(pos) != ']')) {
                first = false;
                char low = classChar();
                char high = low;
                if (peek('-') && pos + 1 < regex.length() && regex.charAt(pos + 1) != ']') {
                    pos++;
                    high = classChar();
                }
                if (low < '0' || high > '9' || high < low) {
                    throw new IllegalArgumentException("unsupported class");
                }
                for (char d = low; d <= high; d++) {
                    mask |= 1 << (d - '0');
                }
            }
            expect(']');
            return new DigitSet(negated ? ~mask & 0x3ff : mask);
        }

        private char classChar() {
            char c = regex.charAt(pos++);
            if (c == '\\' || c == '[' || c == '&') {
                throw new IllegalArgumentException("unsupported class syntax");
            }
            return c;
        }

        private int number() {
            int start = pos;
            while (pos < regex.length() && Character.isDigit(regex.charAt(pos)) && pos - start < 4) {
                pos++;
            }
            if (pos == start || (pos < regex.length() && Character.isDigit(regex.charAt(pos)))) {
                throw new IllegalArgumentException("bad count");
            }
            return Integer.parseInt(regex.substring(start, pos));
        }

        private boolean peek(char c) {
            return pos < regex.length() && regex.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("expected " + c + " at " + pos);
            }
            pos++;
        }
    }

    /** A Thompson NFA: each state either reads one digit of a mask or branches by epsilon moves. */
    private static final class Nfa {
        private int[] masks = new int[64];
        private int[] targets = new int[64];
        private int[][] epsilons = new int[64][];
        private int count;
        /** Scratch of {@link #closure}: a state is seen in the current call when its mark is the generation. */
        private int[] marks;
        private int[] stack;
        private int[] found;
        private int generation;

        int state() {
            if (count == masks.length) {
                masks = Arrays.copyOf(masks, count * 2);
                targets = Arrays.copyOf(targets, count * 2);
                epsilons = Arrays.copyOf(epsilons, count * 2);
            }
            if (count > 4 * MAX_STATES) {
                throw new IllegalArgumentException("too many states");
            }
            epsilons[count] = new int[0];
            return count++;
        }

        int step(int mask, int next) {
            int s = state();
            masks[s] = mask;
            targets[s] = next;
            return s;
        }

        int split(int[] entries) {
            int s = state();
            epsilons[s] = entries.clone();
            return s;
        }

        void epsilon(int from, int to) {
            int[] old = epsilons[from];
            int[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = to;
            epsilons[from] = grown;
        }

        /** Subset construction: one DFA state per reachable set of NFA states. */
        DigitAutomaton determinize(int start, int accept) {
            Map<Key, Integer> ids = new HashMap<>();
            List<int[]> sets = new ArrayList<>();
            int[] next = new int[10 * 64];
            List<Boolean> accepting = new ArrayList<>();
            int[] first = closure(new int[] {start}, 1);
            ids.put(new Key(first), 0);
            sets.add(first);
            accepting.add(contains(first, accept));
            int[] buffer = new int[count];
            for (int d = 0; d < sets.size(); d++) {
                int[] set = sets.get(d);
                if (next.length < 10 * (d + 1)) {
                    next = Arrays.copyOf(next, next.length * 2);
                }
                for (int digit = 0; digit < 10; digit++) {
                    int found = 0;
                    for (int s : set) {
                        if ((masks[s] & (1 << digit)) != 0) {
                            buffer[found++] = targets[s];
                        }
                    }
                    if (found == 0) {
                        next[10 * d + digit] = DEAD;
                        continue;
                    }
                    int[] target = closure(buffer, found);
                    Key key = new Key(target);
                    Integer id = ids.get(key);
                    if (id == null) {
                        if (sets.size() == MAX_STATES) {
                            throw new IllegalArgumentException("too many states");
                        }
                        id = sets.size();
                        ids.put(key, id);
                        sets.add(target);
                        accepting.add(contains(target, accept));
                    }
                    next[10 * d + digit] = id;
                }
            }
            boolean[] accepts = new boolean[sets.size()];
            for (int k = 0; k < accepts.length; k++) {
                accepts[k] = accepting.get(k);
            }
            return new DigitAutomaton(Arrays.copyOf(next, 10 * sets.size()), accepts);
        }

        /** The sorted states reachable by epsilon moves from {@code seeds[0..n)}, reading states and the accept state only. */
        private int[] closure(int[] seeds, int n) {
            if (marks == null || marks.length < count) {
                marks = new int[count];
                stack = new int[count];
                found = new int[count];
            }
            int stamp = ++generation;
            int top = 0;
            int size = 0;
            for (int k = 0; k < n; k++) {
                if (marks[seeds[k]] != stamp) {
                    marks[seeds[k]] = stamp;
                    stack[top++] = seeds[k];
                }
            }
            while (top > 0) {
                int s = stack[--top];
                if (epsilons[s].length == 0) {
                    found[size++] = s;
                }
                for (int e : epsilons[s]) {
                    if (marks[e] != stamp) {
                        marks[e] = stamp;
                        stack[top++] = e;
                    }
                }
            }
            int[] set = Arrays.copyOf(found, size);
            Arrays.sort(set);
            return set;
        }

        private static boolean contains(int[] sorted, int state) {
            return Arrays.binarySearch(sorted, state) >= 0;
        }
    }

    /** A set of NFA states as a hash key. */
    private record Key(int[] states) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key && Arrays.equals(states, ((Key) other).states);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(states);
        }

        @Override
        public String toString() {
            return Arrays.toString(states);
        }
    }
}
