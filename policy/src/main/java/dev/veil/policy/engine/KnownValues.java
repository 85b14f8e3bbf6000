package dev.veil.policy.engine;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    /** A replaced value: what replaces it, and how it was replaced, for the report. */
    record Known(String replacement, String type, dev.veil.policy.model.Action action, String profile, String rule) {}

    /** Where a known value recurs in a text. */
    record Hit(int start, int end, Known known) {}

    private final Map<String, Known> literals = new HashMap<>();
    private final Map<String, Known> digits = new HashMap<>();
    private Pattern pattern;
    private Starts starts;
    private Matcher matcher;

    boolean isEmpty() {
        return literals.isEmpty() && digits.isEmpty();
    }

    /** Remembers that {@code value} was replaced by {@code known.replacement()}; the first replacement of a value wins. */
    void add(String value, Known known) {
        String trimmed = value.strip();
        if (trimmed.length() < MIN_LENGTH || literals.size() + digits.size() >= MAX_VALUES || trimmed.equals(known.replacement())) {
            return;
        }
        pattern = null; // compiled again, with its start filter and matcher, on the next find
        literals.putIfAbsent(trimmed.toLowerCase(Locale.ROOT), known);
        String onlyDigits = digitsOf(trimmed);
        if (onlyDigits.length() >= MIN_DIGITS && letters(trimmed) == 0) {
            digits.putIfAbsent(onlyDigits, known);
            if (trimmed.startsWith("+")) {
                // the same number written nationally, without its 1 to 3 digit country code
                for (int cut = 1; cut <= 3 && onlyDigits.length() - cut >= MIN_DIGITS; cut++) {
                    digits.putIfAbsent(onlyDigits.substring(cut), known);
                }
            }
        }
    }

    /** Every recurrence of a known value in {@code text}, sorted, none overlapping. */
    List<Hit> find(String text) {
        if (isEmpty()) {
            return List.of();
        }
        if (pattern == null) {
            pattern = compile();
            starts = Starts.of(literals.keySet(), digits.keySet());
            matcher = pattern.matcher("");
        }
        List<Hit> hits = new ArrayList<>();
        int n = text.length();
        int from = 0;
        while (from < n) {
            // the leftmost position where the alternation matches, as an unanchored find(from) would
            // return it, but RE2 runs only at positions whose first two characters can start a value
            int start = -1;
            int end = -1;
            for (int p = from; p < n; p++) {
                if (starts.mayStartAt(text, p) && matcher.reset(CharBuffer.wrap(text, p, n)).lookingAt()) {
                    start = p;
                    end = p + matcher.end();
                    break;
                }
            }
            if (start < 0) {
                break;
            }
            Known known = lookUp(text.substring(start, end));
            if (known != null && end > start && bounded(text, start, end)) {
                hits.add(new Hit(start, end, known));
                from = end;
            } else {
                from = start + 1;
            }
        }
        return hits;
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
            Known known = lookUp(text.substring(start, end));
            if (known != null && end > start && bounded(text, start, end)) {
                hits.add(new Hit(start, end, known));
                from = end;
            } else {
                from = start + 1;
            }
        }
        return hits;
    }

    /**
     * Which positions may start a match of the known-value alternation: its literals (matched in
     * any case) by their first two characters, its numbers by a {@code +}, a {@code (} or their first
     * digit. A superset, never a subset: a position with a character outside ASCII is always a
     * candidate, and ASCII characters are compared case-folded as RE2's {@code (?i)} compares them.
     */
    private static final class Starts {

        private final boolean[] single = new boolean[128];
        private final boolean[] pairs = new boolean[128 * 128];

        static Starts of(Iterable<String> literals, Iterable<String> numbers) {
            Starts starts = new Starts();
            for (String literal : literals) {
                // MIN_LENGTH >= 2, so every literal has two characters
                char a = fold(literal.charAt(0));
                char b = fold(literal.charAt(1));
                // a pair with a character outside ASCII can only be matched by text outside ASCII,
                // whose positions are always candidates
                if (a < 128 && b < 128) {
                    starts.pairs[a * 128 + b] = true;
                }
            }
            for (String number : numbers) {
                starts.single['+'] = true;
                starts.single['('] = true;
                starts.single[number.charAt(0)] = true;
            }
            return starts;
        }

        boolean mayStartAt(String text, int p) {
            char c = text.charAt(p);
            if (c >= 128) {
                return true;
            }
            if (single[c]) {
                return true;
            }
            if (p + 1 >= text.length()) {
                return false; // every literal is at least two characters long
            }
            char d = text.charAt(p + 1);
            return d >= 128 || pairs[fold(c) * 128 + fold(d)];
        }

        /** The case-folded form RE2 compares for ASCII, and a canonical form for the rest. */
        private static char fold(char c) {
            return Character.toLowerCase(Character.toUpperCase(c));
        }
    }

    private Known lookUp(String found) {
        Known known = literals.get(found.toLowerCase(Locale.ROOT));
        return known != null ? known : digits.get(digitsOf(found));
    }

    private Pattern compile() {
        List<String> alternatives = new ArrayList<>();
        literals.keySet().forEach(value -> alternatives.add(Pattern.quote(value)));
        for (String number : digits.keySet()) {
            StringBuilder gapped = new StringBuilder("[+(]?");
            for (int i = 0; i < number.length(); i++) {
                gapped.append(i == 0 ? "" : DIGIT_GAP).append(number.charAt(i));
            }
            alternatives.add(gapped.toString());
        }
        // at one position the first alternative that matches wins, so try longer values first
        alternatives.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        return Pattern.compile("(?i)(?:" + String.join("|", alternatives) + ")");
    }

    /** A value found inside a longer word or number is not that value. */
    private static boolean bounded(String text, int start, int end) {
        boolean before = start == 0 || !Character.isLetterOrDigit(text.codePointBefore(start)) || !Character.isLetterOrDigit(text.codePointAt(start));
        boolean after = end == text.length() || !Character.isLetterOrDigit(text.codePointAt(end)) || !Character.isLetterOrDigit(text.codePointBefore(end));
        return before && after;
    }

    private static String digitsOf(String text) {
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
