package dev.veil.policy.engine;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The known-value alternation {@code (?i)(?:v1|v2|...)} of one document as two tries, built once
 * per document: the literals by their characters (compared as RE2's {@code (?i)} compares them,
 * {@link CaseFold}), and the numbers by their digits, with the gap characters {@code [ ().-]} a
 * number's pattern allows between two digits skipped. At a position one walk down each trie finds
 * every alternative that matches there; the one RE2's leftmost-first alternation would take is the
 * one first in the pattern's order (longer regular expressions first). Where a literal's character
 * and the text's are two different characters outside ASCII that {@link CaseFold} cannot compare,
 * the walk says {@link #UNDECIDED} and the caller asks RE2. Read only once built: one call's, not
 * thread-safe.
 */
final class ValueTrie {

    /** What {@link #endAt} returns when only RE2 can tell. */
    static final int UNDECIDED = -2;

    private static final int NONE = Integer.MAX_VALUE;

    /** The ASCII letters and digits: what {@link Character#isLetterOrDigit(int)} says of ASCII. */
    private static final boolean[] WORD = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            WORD[c] = Character.isLetterOrDigit(c);
        }
    }

    /** The alternatives in the order the pattern tries them (their index is their order). */
    private final List<Alternative> alternatives;
    private final int longestLiteral;

    // both tries in one set of arrays (a trie is built per call, and allocating its arrays was most
    // of its cost): node 0 is the literal trie's root, numberRoot the number trie's; a node's edges
    // form a list (first, next), each with its key (a literal's character, or a digit) and child
    /** The order of the alternative ending at each node, or NONE. */
    private final int[] nodeOrder;
    private final int[] firstEdge;
    /** Whether a key of a surrogate lies below the node (running out of text there is then left to RE2). */
    private final boolean[] surrogateBelow;
    private int nodes = 1;
    private final char[] edgeKey;
    private final int[] edgeChild;
    private final int[] nextEdge;
    private int edges;
    /** The root's child for each ASCII key, or 0; the root's keys outside ASCII are in its edge list. */
    private final int[] rootAscii = new int[128];
    private boolean rootOutsideAscii;
    /**
     * The {@link CaseFold#canonical canonical} case of each root key outside ASCII: a character
     * outside ASCII can start a literal only if its canonical case is one of these (the premise the
     * walk's Latin table and RE2's folding share), so text in other scripts is not sent to RE2 at
     * every character.
     */
    private char[] rootCanonical = new char[4];
    private int rootCanonicalCount;

    /** The number trie's root; its children are in {@link #numberFirst}, not in an edge list. */
    private final int numberRoot;
    /** The number root's child for each first digit, or 0: a number's walk starts at every digit group. */
    private final int[] numberFirst = new int[10];
    private final boolean hasNumbers;

    private static final byte NO_START = 0;
    private static final byte LITERAL_START = 1;
    private static final byte NUMBER_START = 2;
    /** For each ASCII character as it stands in a text: may a number, or else a literal, start at a position holding it? */
    private final byte[] starts = new byte[128];
    /** For each ASCII character that may start a literal: may a key outside ASCII follow it? */
    private final boolean[] secondOutsideAscii = new boolean[128];
    /**
     * For each pair of ASCII characters as they stand in a text (two longs of bits per first
     * character): may an alternative start at a position holding the first, followed by the
     * second? {@link #mayStartAt} in one look-up, a number's start included (a digit is followed by
     * a known number's second digit or a gap, {@code +} and {@code (} by a known number's first
     * digit; {@link #fillNumberPairs}): {@link #matchAll} turns nearly every
     * position down with one test that the processor predicts, where two tests, the first passing
     * at about a third of a text's letters, did not. For a character that starts only literals the
     * bits are the literals' second keys (as they stand in a text, either case): most positions
     * holding such a character are let go by the next one, without a walk.
     */
    private final long[] pairs = new long[256];

    private ValueTrie(List<Alternative> alternatives) {
        this.alternatives = alternatives;
        int literalChars = 0;
        int digits = 0;
        for (Alternative alternative : alternatives) {
            if (alternative.number()) {
                digits += alternative.value().length();
            } else {
                literalChars += alternative.value().length();
            }
        }
        // at most one node and one edge per character, and the two roots: no array grows while the tries are built
        int chars = literalChars + digits;
        nodeOrder = new int[chars + 2];
        firstEdge = new int[chars + 2];
        surrogateBelow = new boolean[chars + 2];
        edgeKey = new char[chars];
        edgeChild = new int[chars];
        nextEdge = new int[chars];
        int longest = 0;
        boolean numbers = false;
        nodeOrder[0] = NONE;
        firstEdge[0] = -1;
        numberRoot = newNode();
        for (int order = 0; order < alternatives.size(); order++) {
            Alternative alternative = alternatives.get(order);
            if (alternative.number()) {
                addNumber(alternative.value(), order);
                numbers = true;
            } else {
                addLiteral(alternative.value(), order);
                longest = Math.max(longest, alternative.value().length());
            }
        }
        this.longestLiteral = longest;
        this.hasNumbers = numbers;
        // which characters may start a value, then their pairs (the other rows stay empty)
        for (int key = 0; key < 128; key++) {
            if (rootAscii[key] != 0 && !(key >= 'A' && key <= 'Z')) { // an upper-case key is never reached (CaseFold#ascii)
                starts[key] = LITERAL_START;
                if (key >= 'a' && key <= 'z') {
                    starts[key - ('a' - 'A')] = LITERAL_START; // a text's upper case folds to the key
                }
            }
        }
        if (numbers) {
            starts['+'] = NUMBER_START;
            starts['('] = NUMBER_START;
            for (char d = '0'; d <= '9'; d++) {
                if (numberFirst[d - '0'] != 0) {
                    starts[d] = NUMBER_START;
                }
            }
        }
        for (int c = 0; c < 128; c++) {
            if (starts[c] != NO_START) {
                int first = rootAscii[CaseFold.ascii((char) c)];
                if (first != 0) {
                    literalSeconds((char) c, first);
                }
                if (starts[c] == NUMBER_START) {
                    fillNumberPairs((char) c, first != 0);
                }
            }
        }
    }

    /**
     * Sets the pairs of {@code c} (ASCII), which {@link CaseFold#ascii} maps to a root key whose
     * child is {@code first}, to the characters that may follow it in a literal.
     */
    private void literalSeconds(char c, int first) {
        int row = c * 2;
        for (int e = firstEdge[first]; e >= 0; e = nextEdge[e]) {
            char key = edgeKey[e];
            if (key < 128) {
                pairs[row + (key >> 6)] |= 1L << key;
                if (key >= 'a' && key <= 'z') {
                    char upper = (char) (key - ('a' - 'A'));
                    pairs[row + (upper >> 6)] |= 1L << upper;
                }
            } else {
                secondOutsideAscii[c] = true;
            }
        }
    }

    /**
     * The pairs starting with {@code c}, which may start a number: as {@link #mayStartAt} lets every
     * such position go to the walks, the pairs hold every next character the walks could match: a
     * literal's second key (when {@code literal}: a literal starts with {@code c} too), and a
     * number's next character: after a digit, a gap or a known number's second digit after that
     * first one (any character after a digit that is a whole number); after {@code +} or
     * {@code (}, a known number's first digit. A digit group that starts no known number's first
     * two digits is let go without a walk (on the 1 MiB ticket of distinct comments, 9,395
     * walks at a digit a call where there were 21,223).
     */
    private void fillNumberPairs(char c, boolean literal) {
        int row = c * 2;
        long low = literal ? pairs[row] : 0; // the literal's second keys, set first
        long high = literal ? pairs[row + 1] : 0;
        boolean digit = c >= '0' && c <= '9';
        if (digit && nodeOrder[numberFirst[c - '0']] != NONE) {
            low = -1L; // a number of one digit ends here: the next character does not matter
            high = -1L;
        }
        if (digit) {
            int first = numberFirst[c - '0'];
            for (int e = firstEdge[first]; e >= 0; e = nextEdge[e]) {
                low |= 1L << edgeKey[e]; // a number's second digit: '0'..'9' are below 64
            }
            for (char gap : new char[] {' ', '(', ')', '.', '-'}) {
                low |= 1L << gap; // every gap is below 64
            }
        } else {
            for (char d = '0'; d <= '9'; d++) {
                if (numberFirst[d - '0'] != 0) {
                    low |= 1L << d; // '+' or '(' then a number's first digit
                }
            }
        }
        pairs[row] = low;
        pairs[row + 1] = high;
    }

    /** The tries of the alternation of {@code literals} (lower case) and {@code numbers} (digits). */
    static ValueTrie of(Collection<String> literals, Collection<String> numbers) {
        List<Alternative> all = new ArrayList<>(literals.size() + numbers.size());
        literals.forEach(value -> all.add(Alternative.literal(value)));
        numbers.forEach(value -> all.add(Alternative.number(value)));
        // at one position the first alternative that matches wins, so the pattern tries longer values first
        all.sort(LONGER_REGEX_FIRST);
        return new ValueTrie(all);
    }

    /** How many alternatives the pattern has (their orders run from 0 to one less). */
    int size() {
        return alternatives.size();
    }

    /** The value of the alternative of {@code order}: a literal (lower case) or a number's digits. */
    String value(int order) {
        return alternatives.get(order).value();
    }

    /** Whether the alternative of {@code order} is a number's digits (else a literal). */
    boolean isNumber(int order) {
        return alternatives.get(order).number();
    }

    /** The whole alternation as RE2 is given it, in the order of {@link #of}. */
    String regex() {
        return regex(null);
    }

    /**
     * The alternation of the alternatives {@code enabled} ({@code null}: all) as RE2 is given it:
     * what {@link #regex()} of a trie of just those values is, since a subset keeps its order.
     */
    String regex(boolean[] enabled) {
        StringBuilder out = new StringBuilder("(?i)(?:");
        boolean first = true;
        for (int i = 0; i < alternatives.size(); i++) {
            if (enabled == null || enabled[i]) {
                out.append(first ? "" : "|").append(alternatives.get(i).regex());
                first = false;
            }
        }
        return out.append(')').toString();
    }

    /**
     * Which of this trie's alternatives are {@code literals} and {@code numbers} (by their order),
     * or {@code null} if one of those is not among them. A trie holding more values finds all a
     * smaller set's trie would, and more: a view whose values are a subset replays this trie's
     * matches with only its own enabled, in the same order (the order is one total order on values).
     * Each alternative is looked up in the view's sets, which hold no value twice: they are a
     * subset when every one of their values was found (no index of the trie's values is made,
     * which cost a map of boxed orders per call).
     */
    boolean[] subset(Set<String> literals, Set<String> numbers) {
        if (literals.size() + numbers.size() > alternatives.size()) {
            return null;
        }
        boolean[] enabled = new boolean[alternatives.size()];
        int found = 0;
        for (int order = 0; order < alternatives.size(); order++) {
            Alternative alternative = alternatives.get(order);
            if ((alternative.number() ? numbers : literals).contains(alternative.value())) {
                enabled[order] = true;
                found++;
            }
        }
        return found == literals.size() + numbers.size() ? enabled : null;
    }

    /**
     * Whether an alternative may match at {@code p}: a cheap test of the character there and the
     * next, before {@link #endAt}; never false where {@link #endAt} would find a match or be
     * undecided.
     */
    boolean mayStartAt(String text, int p) {
        return mayStartAt(text.toCharArray(), text.length(), p);
    }

    /** {@link #mayStartAt(String, int)} of the text held in {@code text[0, n)}. */
    private boolean mayStartAt(char[] text, int n, int p) {
        char c = text[p];
        if (c < 128) {
            byte start = starts[c];
            if (start != LITERAL_START) {
                return start == NUMBER_START;
            }
            if (p + 1 >= n) {
                return true; // the walk decides (a key of a surrogate below may leave it to RE2)
            }
            // the next character against the keys that may follow: an ASCII one (or the Kelvin sign
            // or the long s, as k and s) by its bit; any other only if a key outside ASCII may follow
            char next = text[p + 1];
            if (next >= 128) {
                next = CaseFold.ascii(next);
                if (next >= 128) {
                    return secondOutsideAscii[c];
                }
            }
            return (pairs[c * 2 + (next >> 6)] & (1L << next)) != 0; // a literal's start: its pairs are its second keys
        }
        // outside ASCII only a key outside ASCII, or k and s (the Kelvin sign and the long s), can match
        return (rootOutsideAscii && (Character.isSurrogate(c) || startsOutsideAscii(CaseFold.canonical(c))))
                || ((c == CaseFold.KELVIN || c == CaseFold.LONG_S) && rootAscii[CaseFold.ascii(c)] != 0);
    }

    private boolean startsOutsideAscii(char canonical) {
        for (int k = 0; k < rootCanonicalCount; k++) {
            if (rootCanonical[k] == canonical) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every match of every alternative in {@code text}, position by position (each position where
     * {@link #mayStartAt} lets a walk go), for the views sharing this trie to replay with their
     * own values enabled; but none at a position holding an ASCII letter or digit right after
     * another: {@link KnownValues} drops a match there (a value inside a longer word or number is
     * not that value) and goes on at the next position, as it does where nothing matches, so such
     * positions are not walked at all (inside a digit group every position was walked before).
     * The text is copied into {@code scratch} (at least as long as it) and walked as an array,
     * cheaper than a String's checks at every position: one buffer serves every text of a call
     * ({@link KnownScans}), where a copy of each text was the known values' largest allocation.
     */
    ValueMatches matchAll(String text, char[] scratch) {
        int n = text.length();
        text.getChars(0, n, scratch, 0);
        char[] chars = scratch;
        ValueMatches out = new ValueMatches();
        int last = n - 1;
        for (int p = nextCandidate(chars, 0, last, pairs); p < last; p = nextCandidate(chars, p + 1, last, pairs)) {
            if ((chars[p] | chars[p + 1] | (p == 0 ? ' ' : chars[p - 1])) >= 128 && !mayStartAt(chars, n, p)) {
                continue; // a character outside ASCII: the full test
            }
            matchesAt(chars, n, p, out);
        }
        if (last >= 0 && mayStartAt(chars, n, last)) {
            matchesAt(chars, n, last, out);
        }
        return out.size() == 0 ? ValueMatches.NONE : out;
    }

    /**
     * The first position from {@code from} before {@code last} that {@link #matchAll} must look at
     * (else {@code last}): one where the character, the next or the one before is outside ASCII
     * (decided by {@link #mayStartAt}), or where the pair of ASCII characters may start a value
     * and the position is not inside a word or number. Most positions start nothing: one look-up
     * of the pair turns them down; and a match inside a word or number is one the caller drops
     * (KnownValues#bounded). A loop of its own with no call in it: the same tests inside the loop
     * that calls the walks ran slower (a harness over the example tickets' texts: the whole
     * {@link #matchAll} 2.2 ns per character before, 1.5 after).
     */
    private static int nextCandidate(char[] chars, int from, int last, long[] pairs) {
        char previous = from == 0 ? ' ' : chars[from - 1];
        for (int p = from; p < last; p++) {
            char c = chars[p];
            char next = chars[p + 1];
            if ((c | next | previous) >= 128
                    || ((pairs[c << 1 | next >>> 6] & 1L << next) != 0 && !(WORD[previous] && WORD[c]))) {
                return p;
            }
            previous = c;
        }
        return last;
    }

    /**
     * Adds to {@code out} every alternative matching at {@code p}, anchored there, with where it
     * ends (one walk down each trie), or marks {@code p} as {@link #UNDECIDED}.
     */
    private void matchesAt(char[] text, int n, int p, ValueMatches out) {
        int mark = out.size();
        if (!literalsAt(text, n, p, out)) {
            out.undecided(mark, p);
        } else if (hasNumbers) {
            numbersAt(text, n, p, out);
        }
    }

    /**
     * Where the alternation, anchored at {@code p}, matches (the end of the first alternative in
     * the pattern's order that matches there), -1 if none does, or {@link #UNDECIDED}.
     */
    int endAt(String text, int p) {
        ValueMatches at = new ValueMatches();
        matchesAt(text.toCharArray(), text.length(), p, at);
        return at.endAt(0, at.size(), null);
    }

    /**
     * Where RE2 may stop reading when it decides a position {@link #endAt} left undecided: after
     * the longest match possible there (a literal matched case-insensitively is at most twice its
     * length in UTF-16, plus slack; a number where its longest match ends), since anchored RE2
     * keeps stepping to the end of its input. Asked only where RE2 decides, so the number walk is
     * the one the matches are found with.
     */
    int limitAt(String text, int p) {
        int limit = (int) Math.min(text.length(), (long) p + 2L * longestLiteral + 2);
        if (hasNumbers) {
            ValueMatches numbers = new ValueMatches();
            numbersAt(text.toCharArray(), text.length(), p, numbers);
            limit = Math.max(limit, numbers.longestEnd(0, numbers.size()));
        }
        return limit;
    }

    /** Adds every literal matching at {@code p} to {@code out}; false if only RE2 can tell. */
    private boolean literalsAt(char[] text, int n, int p, ValueMatches out) {
        int node;
        char c = text[p];
        char a = CaseFold.ascii(c);
        if (a < 128) {
            node = rootAscii[a];
            if (c >= 128 && rootOutsideAscii) {
                return false; // the Kelvin sign or the long s against a key outside ASCII: rare, left to RE2
            }
        } else {
            node = child(0, c);
            if (node < 0) {
                return false;
            }
        }
        int i = p + 1;
        while (node > 0) {
            int order = nodeOrder[node];
            if (order != NONE) {
                out.add(p, order, i);
            }
            if (i >= n) {
                // each key below needs one more character; one of a surrogate pair might fold with a
                // character of another length, so there RE2 decides
                return !surrogateBelow[node];
            }
            node = child(node, text[i]);
            if (node < 0) {
                return false;
            }
            i++;
        }
        return true;
    }

    /** The child of {@code node} whose key {@code t} matches, 0 if none, -1 if only RE2 can tell (or two match). */
    private int child(int node, char t) {
        int found = 0;
        for (int e = firstEdge[node]; e >= 0; e = nextEdge[e]) {
            int m = CaseFold.matches(edgeKey[e], t);
            if (m == CaseFold.YES) {
                if (found != 0) {
                    return -1;
                }
                found = edgeChild[e];
                if (t < 128) {
                    return found; // an ASCII character matches one key at most
                }
            } else if (m == CaseFold.UNDECIDED) {
                return -1;
            }
        }
        return found;
    }

    /** Adds every number matching at {@code p} (optional {@code +} or {@code (}, then digits and gaps) to {@code out}. */
    private void numbersAt(char[] text, int n, int p, ValueMatches out) {
        int at = p;
        char c = text[at];
        if (c == '+' || c == '(') {
            at++;
        }
        int node = numberRoot;
        while (at < n) {
            char d = text[at];
            if (d < '0' || d > '9' || (node = node == numberRoot ? numberFirst[d - '0'] : edgeTo(node, d)) == 0) {
                break;
            }
            at++;
            int order = nodeOrder[node];
            if (order != NONE) {
                out.add(p, order, at);
            }
            while (at < n && isGap(text[at])) {
                at++;
            }
        }
    }

    /** The characters a number's pattern allows between two digits: {@code [ ().-]}. */
    private static boolean isGap(char c) {
        return c == ' ' || c == '(' || c == ')' || c == '.' || c == '-';
    }

    private void addRootCanonical(char canonical) {
        if (!startsOutsideAscii(canonical)) {
            if (rootCanonicalCount == rootCanonical.length) {
                rootCanonical = Arrays.copyOf(rootCanonical, rootCanonicalCount * 2);
            }
            rootCanonical[rootCanonicalCount++] = canonical;
        }
    }

    private void addLiteral(String literal, int order) {
        int node = 0;
        for (int i = 0; i < literal.length(); i++) {
            char key = CaseFold.key(literal.charAt(i));
            int next = node == 0 && key < 128 ? rootAscii[key] : edgeTo(node, key);
            if (next == 0) {
                next = newNode();
                if (node == 0 && key < 128) {
                    rootAscii[key] = next; // the root's ASCII keys are looked up by index, never in its edge list
                } else {
                    addEdge(node, key, next);
                    if (node == 0) {
                        rootOutsideAscii = true;
                        addRootCanonical(CaseFold.canonical(key));
                    }
                }
            }
            node = next;
        }
        nodeOrder[node] = Math.min(nodeOrder[node], order);
        markSurrogates(literal);
    }

    /** Marks every node of {@code literal}'s path with a key of a surrogate below it (for running out of text there). */
    private void markSurrogates(String literal) {
        int surrogateAt = -1;
        for (int i = 0; i < literal.length(); i++) {
            if (Character.isSurrogate(literal.charAt(i))) {
                surrogateAt = i;
            }
        }
        int node = 0;
        for (int i = 0; i < surrogateAt; i++) {
            char key = CaseFold.key(literal.charAt(i));
            node = node == 0 && key < 128 ? rootAscii[key] : edgeTo(node, key);
            surrogateBelow[node] = true;
        }
    }

    private int edgeTo(int node, char key) {
        for (int e = firstEdge[node]; e >= 0; e = nextEdge[e]) {
            if (edgeKey[e] == key) {
                return edgeChild[e];
            }
        }
        return 0;
    }

    private int newNode() {
        nodeOrder[nodes] = NONE;
        firstEdge[nodes] = -1;
        return nodes++;
    }

    private void addEdge(int node, char key, int child) {
        edgeKey[edges] = key;
        edgeChild[edges] = child;
        nextEdge[edges] = firstEdge[node];
        firstEdge[node] = edges++;
    }

    private void addNumber(String digits, int order) {
        int node = numberRoot;
        for (int i = 0; i < digits.length(); i++) {
            char digit = digits.charAt(i);
            int next = node == numberRoot ? numberFirst[digit - '0'] : edgeTo(node, digit);
            if (next == 0) {
                next = newNode();
                if (node == numberRoot) {
                    numberFirst[digit - '0'] = next;
                } else {
                    addEdge(node, digit, next);
                }
            }
            node = next;
        }
        nodeOrder[node] = Math.min(nodeOrder[node], order);
    }

    /** One alternative of the pattern: a literal (lower case) or a number's digits; its RE2 form made when needed. */
    private static final class Alternative {

        private static final String DIGIT_GAP = "[ ().\\-]*";
        private static final String NUMBER_PREFIX = "[+(]?";
        /** What RE2's {@code Pattern.quote} escapes. */
        private static final String QUOTED = "\\.+*?()|[]{}^$";
        private static final boolean[] IS_QUOTED = new boolean[128];

        static {
            for (char c : QUOTED.toCharArray()) {
                IS_QUOTED[c] = true;
            }
        }

        private final String value;
        private final boolean number;
        private final int regexLength;
        private String regex;

        private Alternative(String value, boolean number, String regex, int regexLength) {
            this.value = value;
            this.number = number;
            this.regex = regex;
            this.regexLength = regexLength;
        }

        static Alternative literal(String value) {
            // the length of Pattern.quote(value), which escapes these with a backslash: the regex
            // itself is written only to break a tie or for RE2
            int length = value.length();
            for (int i = 0; i < value.length(); i++) {
                if (quoted(value.charAt(i))) {
                    length++;
                }
            }
            return new Alternative(value, false, null, length);
        }

        static Alternative number(String digits) {
            // the length of [+(]?d[ ().\-]*d...: the regex itself is written only to break a tie or for RE2
            return new Alternative(digits, true, null, NUMBER_PREFIX.length() + digits.length() + (digits.length() - 1) * DIGIT_GAP.length());
        }

        String value() {
            return value;
        }

        boolean number() {
            return number;
        }

        int regexLength() {
            return regexLength;
        }

        /** Whether RE2's {@code Pattern.quote} escapes {@code c}. */
        static boolean quoted(char c) {
            return c < 128 && IS_QUOTED[c];
        }

        /** The RE2 form: the quoted literal, or the number's digits with gaps allowed between them (written when first asked). */
        String regex() {
            if (regex == null && !number) {
                regex = Pattern.quote(value);
            } else if (regex == null) {
                StringBuilder gapped = new StringBuilder(regexLength).append(NUMBER_PREFIX);
                for (int i = 0; i < value.length(); i++) {
                    gapped.append(i == 0 ? "" : DIGIT_GAP).append(value.charAt(i));
                }
                regex = gapped.toString();
            }
            return regex;
        }
    }

    /** Longer regular expressions first, then in their natural order (as the pattern was always written). */
    private static final Comparator<Alternative> LONGER_REGEX_FIRST = (a, b) -> {
        int byLength = Integer.compare(b.regexLength(), a.regexLength());
        if (byLength != 0) {
            return byLength;
        }
        if (a.number() && b.number()) {
            // two numbers' regexes of one length differ only in their digits, in the same places
            return a.value().compareTo(b.value());
        }
        if (a.number() || b.number()) {
            // a number's regex starts with '[', a quoted literal never does ('[' is quoted as "\\[")
            return a.number() ? Character.compare('[', firstQuoted(b.value())) : Character.compare(firstQuoted(a.value()), '[');
        }
        return compareQuoted(a.value(), b.value());
    };

    private static char firstQuoted(String literal) {
        char c = literal.charAt(0);
        return Alternative.quoted(c) ? '\\' : c;
    }

    /** {@code Pattern.quote(a).compareTo(Pattern.quote(b))}, without writing either. */
    static int compareQuoted(String a, String b) {
        int i = 0;
        int j = 0;
        boolean escapedA = false;
        boolean escapedB = false;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            // the next character of each quoted form: a backslash before a quoted character, then the character
            char qa = !escapedA && Alternative.quoted(ca) ? '\\' : ca;
            char qb = !escapedB && Alternative.quoted(cb) ? '\\' : cb;
            if (qa != qb) {
                return qa - qb;
            }
            if (qa == '\\' && !escapedA && Alternative.quoted(ca)) {
                escapedA = true;
            } else {
                escapedA = false;
                i++;
            }
            if (qb == '\\' && !escapedB && Alternative.quoted(cb)) {
                escapedB = true;
            } else {
                escapedB = false;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
