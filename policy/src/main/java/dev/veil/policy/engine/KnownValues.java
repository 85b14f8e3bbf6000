package dev.veil.policy.engine;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Known-value propagation for one document: values that rules replaced in structured fields, and
 * their obvious variants (any letter case; the same digits grouped differently or without the
 * country code), found again in free text so they get the same replacement there, even where no
 * detector would have found them. Not thread-safe; one per document.
 */
final class KnownValues {

    /** Shorter values are too likely to be ordinary words or numbers. */
    static final int MIN_LENGTH = 4;
    private static final int MIN_DIGITS = 7;
    private static final int MAX_VALUES = 512;
    private static final String DIGIT_GAP = "[ ().\\-]*";

    /**
     * A replaced value: what replaces it, how it was replaced (for the report), and the format and
     * value it was made from (for {@link Provenance}; the value never leaves the engine).
     */
    record Known(String replacement, String type, dev.veil.policy.model.Action action, String profile, String rule,
            dev.veil.tokenizer.token.TokenFormat format, String value) {

        /** The same without format and value: knowns the report counts together. */
        Known reported() {
            return new Known(replacement, type, action, profile, rule, null, null);
        }
    }

    /** Where a known value recurs in a text. */
    record Hit(int start, int end, Known known) {}

    private final Map<String, Known> literals = new HashMap<>();
    private final Map<String, Known> digits = new HashMap<>();
    /** The values added so far, as trimmed. */
    private final Set<String> added = new HashSet<>();
    /** The alternatives of the known-value pattern in its order, each decided in Java where it can be; {@code null} after an add. */
    private List<Alternative> alternatives;
    /** {@link #alternatives} that may start at each ASCII character, in their order. */
    private List<Alternative>[] byChar;
    private Starts starts;
    /** The whole alternation in RE2, compiled only when a position is one Java cannot decide; else {@code null}. */
    private Matcher matcher;
    /**
     * What {@link #find} returned for each text since the last {@link #add}: the hits depend only
     * on the text and the values known, so a text that recurs in the document is searched once.
     */
    private final Map<String, List<Hit>> found = new HashMap<>();

    boolean isEmpty() {
        return literals.isEmpty() && digits.isEmpty();
    }

    /** Remembers that {@code value} was replaced by {@code known.replacement()}; the first replacement of a value wins. */
    void add(String value, Known known) {
        String trimmed = value.strip();
        if (trimmed.length() < MIN_LENGTH || literals.size() + digits.size() >= MAX_VALUES || trimmed.equals(known.replacement())
                || !added.add(trimmed)) {
            return; // a value added before (an author id in every comment) is known under every form already
        }
        boolean grew = literals.putIfAbsent(trimmed.toLowerCase(Locale.ROOT), known) == null;
        String onlyDigits = digitsOf(trimmed);
        if (onlyDigits.length() >= MIN_DIGITS && letters(trimmed) == 0) {
            grew |= digits.putIfAbsent(onlyDigits, known) == null;
            if (trimmed.startsWith("+")) {
                // the same number written nationally, without its 1 to 3 digit country code
                for (int cut = 1; cut <= 3 && onlyDigits.length() - cut >= MIN_DIGITS; cut++) {
                    grew |= digits.putIfAbsent(onlyDigits.substring(cut), known) == null;
                }
            }
        }
        if (grew) {
            // a value seen again (an author id in every comment) changes nothing
            alternatives = null; // made again, with the start filter, on the next find (and RE2's matcher when needed)
            matcher = null;
            found.clear();
        }
    }

    /** Every recurrence of a known value in {@code text}, sorted, none overlapping; unmodifiable. */
    List<Hit> find(String text) {
        if (isEmpty()) {
            return List.of();
        }
        List<Hit> hits = found.get(text);
        if (hits == null) {
            hits = search(text);
            found.put(text, hits);
        }
        return hits;
    }

    private List<Hit> search(String text) {
        if (alternatives == null) {
            alternatives = alternatives();
            byChar = byFirstCharacter(alternatives);
            starts = Starts.of(literals.keySet(), digits.keySet());
        }
        List<Hit> hits = new ArrayList<>();
        int n = text.length();
        int from = 0;
        while (from < n) {
            // the leftmost position where the alternation matches, as an unanchored find(from) would
            // return it: at an ASCII character only the alternatives that may start with it are
            // tried, decided in Java where they can be, else by RE2 anchored there; elsewhere only
            // where the start filter says a value may start
            int start = -1;
            int end = -1;
            for (int p = from; p < n; p++) {
                char c = text.charAt(p);
                List<Alternative> tries;
                if (c < 128) {
                    tries = byChar[c];
                    if (tries.isEmpty()) {
                        continue;
                    }
                } else {
                    if (starts.limit(text, p) <= p) {
                        continue;
                    }
                    tries = alternatives;
                }
                int matched = matchAt(text, p, tries);
                if (matched >= 0) {
                    start = p;
                    end = matched;
                    break;
                }
            }
            if (start < 0) {
                break;
            }
            from = addHit(hits, text, start, end);
        }
        return hits.isEmpty() ? List.of() : java.util.Collections.unmodifiableList(hits);
    }

    /**
     * For each ASCII character, the alternatives (in the pattern's order) that may match at a
     * position holding it; every other one is certain not to there ({@link #literalEnd} and
     * {@link Starts#numberEnd} return -1 at their first character), so leaving them out changes
     * no decision. A literal starting outside ASCII may match at {@code k} or {@code s} (the Kelvin
     * sign and the long s fold to them), where Java leaves it to RE2; a number may start at its
     * first digit or at {@code +} or {@code (} before it.
     */
    @SuppressWarnings("unchecked")
    private static List<Alternative>[] byFirstCharacter(List<Alternative> alternatives) {
        List<Alternative>[] byChar = new List[128];
        for (Alternative alternative : alternatives) {
            char first = alternative.value().charAt(0);
            if (alternative.number()) {
                addTo(byChar, first, alternative);
                addTo(byChar, '+', alternative);
                addTo(byChar, '(', alternative);
            } else if (first < 128) {
                char folded = Starts.fold(first);
                addTo(byChar, folded, alternative);
                if (folded >= 'a' && folded <= 'z') {
                    addTo(byChar, (char) (folded - ('a' - 'A')), alternative);
                }
            } else {
                for (char c : "kKsS".toCharArray()) {
                    addTo(byChar, c, alternative);
                }
            }
        }
        for (int c = 0; c < byChar.length; c++) {
            if (byChar[c] == null) {
                byChar[c] = List.of();
            }
        }
        return byChar;
    }

    private static void addTo(List<Alternative>[] byChar, char c, Alternative alternative) {
        if (byChar[c] == null) {
            byChar[c] = new ArrayList<>(4);
        }
        byChar[c].add(alternative);
    }

    /**
     * {@link #find} without the start filter: one unanchored RE2 search after another. Slow on long
     * texts; kept as the reference that tests hold {@link #find} to.
     */
    List<Hit> findUnfiltered(String text) {
        if (isEmpty()) {
            return List.of();
        }
        Pattern unfiltered = compile();
        List<Hit> hits = new ArrayList<>();
        Matcher m = unfiltered.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            int start = m.start();
            int end = m.end();
            from = addHit(hits, text, start, end);
        }
        return hits;
    }

    /**
     * Which positions may start a match of the known-value alternation, checked in plain Java so
     * that RE2 runs only where a value (nearly) matches. A superset, never a subset: ASCII
     * characters are compared case-folded as RE2's {@code (?i)} compares them; a position outside
     * ASCII is a candidate when its character's canonical case is that of a literal's first
     * character; after the first character, anything outside ASCII counts as a possible match, and
     * a literal is compared only up to its first character outside ASCII; numbers are matched
     * exactly as their pattern ({@code [+(]?d[ ().-]*d...}) matches.
     */
    private static final class Starts {

        private static final String GAP = " ().-";

        /** Literals by the folded ASCII character they start with. */
        private final List<List<String>> literals = new ArrayList<>();
        /** The canonical case of every literal's first character. */
        private final Set<Character> firsts = new HashSet<>();
        private int longestLiteral;
        private final List<String> numbers = new ArrayList<>();
        private final boolean[] numberFirst = new boolean[10];

        private Starts() {
            for (int i = 0; i < 128; i++) {
                literals.add(new ArrayList<>());
            }
        }

        static Starts of(Iterable<String> literals, Iterable<String> numbers) {
            Starts starts = new Starts();
            for (String literal : literals) {
                // outside ASCII only the Kelvin sign and the long s fold to ASCII letters (k, s); a
                // literal starting with anything else can only start at a character outside ASCII,
                // and those positions are always candidates
                char first = canonical(literal.charAt(0));
                if (first < 128) {
                    starts.literals.get(first).add(literal);
                }
                starts.firsts.add(first);
                starts.longestLiteral = Math.max(starts.longestLiteral, literal.length());
            }
            for (String number : numbers) {
                starts.numbers.add(number);
                starts.numberFirst[number.charAt(0) - '0'] = true;
            }
            return starts;
        }

        /**
         * Where RE2 may stop looking for a match that starts at {@code p}, or -1 if none can start
         * there. Anchored RE2 keeps stepping to the end of its input even once every thread died,
         * so its input must end soon after the longest possible match.
         */
        int limit(String text, int p) {
            int n = text.length();
            char c = text.charAt(p);
            // a literal matched case-insensitively is at most twice its length in UTF-16 (a folded
            // character may need a surrogate pair), plus slack
            int literalLimit = (int) Math.min(n, (long) p + 2L * longestLiteral + 2);
            if (c >= 128) {
                // numbers start in ASCII; a literal may start here if this character's case orbit
                // holds its first character (one canonical case per orbit; a surrogate: let RE2 see)
                return Character.isSurrogate(c) || firsts.contains(canonical(c)) ? literalLimit : -1;
            }
            int limit = -1;
            for (String literal : literals.get(fold(c))) {
                if (literalMayMatch(text, p, literal)) {
                    limit = literalLimit;
                    break;
                }
            }
            if (c == '+' || c == '(' || (c >= '0' && c <= '9' && numberFirst[c - '0'])) {
                for (String number : numbers) {
                    limit = Math.max(limit, numberEnd(text, p, number));
                }
            }
            return limit;
        }

        private static boolean literalMayMatch(String text, int p, String literal) {
            int n = text.length();
            for (int i = 0; i < literal.length(); i++) {
                char l = literal.charAt(i);
                if (l >= 128) {
                    return true; // folding outside ASCII may change lengths: RE2 decides
                }
                if (p + i >= n) {
                    return false;
                }
                char t = text.charAt(p + i);
                if (t >= 128) {
                    return true;
                }
                if (fold(t) != fold(l)) {
                    return false;
                }
            }
            return true;
        }

        /** Where {@code number}'s pattern match starting at {@code p} ends, or -1. */
        static int numberEnd(String text, int p, String number) {
            int n = text.length();
            int at = p;
            if (text.charAt(at) == '+' || text.charAt(at) == '(') {
                at++;
            }
            for (int i = 0; i < number.length(); i++) {
                if (i > 0) {
                    while (at < n && GAP.indexOf(text.charAt(at)) >= 0) {
                        at++;
                    }
                }
                if (at >= n || text.charAt(at) != number.charAt(i)) {
                    return -1;
                }
                at++;
            }
            return at;
        }

        /** One case for every character of a case orbit: upper, then lower, as Java maps single characters. */
        private static char canonical(char c) {
            return Character.toLowerCase(Character.toUpperCase(c));
        }

        /** ASCII case folding, as RE2 applies it to ASCII letters. */
        static char fold(char c) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
    }

    private Known lookUp(String found) {
        Known known = literals.get(found.toLowerCase(Locale.ROOT));
        return known != null ? known : digits.get(digitsOf(found));
    }

    /**
     * Where the alternation matches when anchored at {@code p} (the end of the match), or -1:
     * RE2 semantics (leftmost-first: the first alternative that matches wins), decided in Java
     * alternative by alternative, and by RE2 itself (on the input up to {@code limit}) from the
     * first alternative Java cannot decide.
     */
    private int matchAt(String text, int p, List<Alternative> tries) {
        for (Alternative alternative : tries) {
            int end = alternative.number() ? Starts.numberEnd(text, p, alternative.value()) : literalEnd(text, p, alternative.value());
            if (end == UNDECIDED) {
                // RE2 runs only where the start filter lets a value start, and stops soon after the longest
                int limit = starts.limit(text, p);
                if (limit <= p) {
                    return -1;
                }
                if (matcher == null) {
                    matcher = Pattern.compile(regex(alternatives)).matcher("");
                }
                // the pattern has no look-around: cutting the input past the longest possible match changes nothing
                return matcher.reset(CharBuffer.wrap(text, p, limit)).lookingAt() ? p + matcher.end() : -1;
            }
            if (end >= 0) {
                return end;
            }
        }
        return -1;
    }

    /** What {@link #literalEnd} returns when only RE2 can tell. */
    private static final int UNDECIDED = -2;

    /**
     * Where the case-insensitive literal {@code literal} (already lower case) ends when it matches at
     * {@code p}, -1 when it cannot, or {@link #UNDECIDED}. RE2's {@code (?i)} compares by simple
     * case folding: ASCII letters by their ASCII fold, except that {@code k} also matches the Kelvin
     * sign and {@code s} the long s; no other character outside ASCII folds to one inside it. Two
     * different characters outside ASCII are left to RE2.
     */
    static int literalEnd(String text, int p, String literal) {
        int n = text.length();
        for (int i = 0; i < literal.length(); i++) {
            char l = literal.charAt(i);
            if (p + i >= n) {
                // each remaining ASCII character needs one more input character; outside ASCII, RE2 decides
                for (int k = i; k < literal.length(); k++) {
                    if (literal.charAt(k) >= 128) {
                        return UNDECIDED;
                    }
                }
                return -1;
            }
            char t = text.charAt(p + i);
            if (t == l) {
                continue;
            }
            boolean asciiT = t < 128;
            boolean asciiL = l < 128;
            if (asciiT && asciiL) {
                if (Starts.fold(t) != Starts.fold(l)) {
                    return -1;
                }
            } else if (asciiT || asciiL) {
                char ascii = Starts.fold(asciiT ? t : l);
                if (ascii == 'k' || ascii == 's') {
                    return UNDECIDED;
                }
                return -1;
            } else {
                return UNDECIDED;
            }
        }
        return p + literal.length();
    }

    /** One alternative of the known-value pattern: a literal (lower case) or a number's digits, and its RE2 form. */
    private record Alternative(String value, boolean number, String regex) {}

    /** Longer regular expressions first, then in their natural order. */
    private static final Comparator<Alternative> LONGER_REGEX_FIRST = (a, b) -> {
        int byLength = Integer.compare(b.regex().length(), a.regex().length());
        return byLength != 0 ? byLength : a.regex().compareTo(b.regex());
    };

    /** The alternatives in the order the pattern tries them. */
    private List<Alternative> alternatives() {
        List<Alternative> all = new ArrayList<>();
        literals.keySet().forEach(value -> all.add(new Alternative(value, false, Pattern.quote(value))));
        for (String number : digits.keySet()) {
            StringBuilder gapped = new StringBuilder("[+(]?");
            for (int i = 0; i < number.length(); i++) {
                gapped.append(i == 0 ? "" : DIGIT_GAP).append(number.charAt(i));
            }
            all.add(new Alternative(number, true, gapped.toString()));
        }
        // at one position the first alternative that matches wins, so try longer values first
        all.sort(LONGER_REGEX_FIRST);
        return all;
    }

    private static String regex(List<Alternative> alternatives) {
        List<String> regexes = new ArrayList<>();
        alternatives.forEach(a -> regexes.add(a.regex()));
        return "(?i)(?:" + String.join("|", regexes) + ")";
    }

    private Pattern compile() {
        return Pattern.compile(regex(alternatives()));
    }

    /** Adds the hit at {@code [start, end)} if it is a known, bounded value; returns where to search next. */
    private int addHit(List<Hit> hits, String text, int start, int end) {
        Known known = lookUp(text.substring(start, end));
        if (known != null && end > start && bounded(text, start, end)) {
            hits.add(new Hit(start, end, known));
            return end;
        }
        return start + 1;
    }

    /** A value found inside a longer word or number is not that value. */
    private static boolean bounded(String text, int start, int end) {
        boolean before = start == 0 || !Character.isLetterOrDigit(text.codePointBefore(start)) || !Character.isLetterOrDigit(text.codePointAt(start));
        boolean after = end == text.length() || !Character.isLetterOrDigit(text.codePointAt(end)) || !Character.isLetterOrDigit(text.codePointBefore(end));
        return before && after;
    }

    /** The ASCII digits of {@code text}, in order. */
    static String digitsOf(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int letters(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }
}
