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
    /** The tries of this call's views, shared among them. */
    private final KnownScans scans;
    /** The alternation of the values known: a trie shared with the call's other views, with these values enabled; {@code null} after an add. */
    private KnownScans.Use trie;
    /** The whole alternation in RE2, compiled only when a position is one Java cannot decide; else {@code null}. */
    private Matcher matcher;
    /**
     * What {@link #lookUp} answers for a text each alternative of {@link #trie} matched, where that
     * does not depend on how the text is written ({@link #knownOf}); made on the first hit after
     * the trie, {@code null} before.
     */
    private Known[] byAlternative;

    /** Known values whose tries are this document's own. */
    KnownValues() {
        this(new KnownScans());
    }

    /** Known values that share their tries with the other views of one call ({@code scans}). */
    KnownValues(KnownScans scans) {
        this.scans = scans;
    }

    boolean isEmpty() {
        return literals.isEmpty() && digits.isEmpty();
    }

    /**
     * Whether {@link #add} may remember {@code value}: long enough, not added before, and room
     * left. Asked first so that a value recurring all over a document (an author id in every
     * comment) makes no {@link Known} only to be turned down.
     */
    boolean isNew(String value) {
        return mayAdd(value.strip());
    }

    private boolean mayAdd(String trimmed) {
        return trimmed.length() >= MIN_LENGTH && literals.size() + digits.size() < MAX_VALUES && !added.contains(trimmed);
    }

    /** Remembers that {@code value} was replaced by {@code known.replacement()}; the first replacement of a value wins. */
    void add(String value, Known known) {
        String trimmed = value.strip();
        if (!mayAdd(trimmed) || trimmed.equals(known.replacement())) {
            return; // a value added before (an author id in every comment) is known under every form already
        }
        added.add(trimmed);
        boolean grew = literals.putIfAbsent(trimmed.toLowerCase(Locale.ROOT), known) == null;
        if (mayBeNumber(trimmed)) {
            String onlyDigits = digitsOf(trimmed);
            grew |= digits.putIfAbsent(onlyDigits, known) == null;
            if (trimmed.startsWith("+")) {
                // the same number written nationally, without its 1 to 3 digit country code
                for (int cut = 1; cut <= 3 && onlyDigits.length() - cut >= MIN_DIGITS; cut++) {
                    grew |= digits.putIfAbsent(onlyDigits.substring(cut), known) == null;
                }
            }
        }
        if (grew) {
            // the trie is made again on the next find (and RE2's matcher when needed); the hits the
            // old one replayed are the old Use's, which no find asks for again. A value seen again
            // (an author id in every comment) changes nothing
            trie = null;
            matcher = null;
            byAlternative = null;
        }
    }

    /** Every recurrence of a known value in {@code text}, sorted, none overlapping; unmodifiable. */
    List<Hit> find(String text) {
        if (isEmpty()) {
            return List.of();
        }
        if (trie == null) {
            trie = scans.forValues(literals.keySet(), digits.keySet());
        }
        // every match of the (maybe larger) shared trie in the text, found once for all views; the
        // hits depend only on the text and the values known, so a text that recurs is replayed once
        ValueMatches matches = trie.shared().matches(text);
        if (matches.size() == 0) {
            return List.of();
        }
        List<Hit> hits = matches.replayed(trie);
        if (hits == null) {
            hits = search(text, matches);
            matches.replayed(trie, hits);
        }
        return hits;
    }

    private List<Hit> search(String text, ValueMatches matches) {
        boolean[] enabled = trie.enabled();
        List<Hit> hits = new ArrayList<>();
        int entry = 0;
        int from = 0;
        while (entry < matches.size()) {
            // the leftmost position from `from` where the alternation matches, as an unanchored
            // find(from) would return it, and where the alternative it takes there ends: decided
            // by the tries' matches, or by RE2 anchored there where they cannot tell
            int start = -1;
            int end = -1;
            int alternative = -1;
            while (entry < matches.size()) {
                int p = matches.position(entry);
                int next = matches.nextPosition(entry);
                if (p >= from) {
                    int best = matches.firstEnabled(entry, next, enabled);
                    int matched = -1;
                    int order = -1;
                    if (best == ValueTrie.UNDECIDED) {
                        matched = re2At(text, p); // RE2 says where, not which alternative: the text is looked up
                    } else if (best >= 0) {
                        matched = matches.end(best);
                        order = matches.order(best);
                    }
                    if (matched >= 0) {
                        start = p;
                        end = matched;
                        alternative = order;
                        break;
                    }
                }
                entry = next;
            }
            if (start < 0) {
                break;
            }
            from = addHit(hits, text, start, end, alternative);
        }
        return hits.isEmpty() ? List.of() : java.util.Collections.unmodifiableList(hits);
    }

    /** Where RE2's alternation, anchored at {@code p}, matches, or -1. */
    private int re2At(String text, int p) {
        if (matcher == null) {
            matcher = Pattern.compile(trie.shared().trie().regex(trie.enabled())).matcher("");
        }
        // the pattern has no look-around: cutting the input past the longest possible match changes nothing
        int limit = trie.shared().trie().limitAt(text, p);
        return matcher.reset(CharBuffer.wrap(text, p, limit)).lookingAt() ? p + matcher.end() : -1;
    }

    /**
     * {@link #find} without the tries: one unanchored RE2 search after another. Slow on long
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

    private Known lookUp(String found) {
        Known known = literals.get(found.toLowerCase(Locale.ROOT));
        return known != null ? known : digits.get(digitsOf(found));
    }

    /**
     * The reference pattern of {@link #findUnfiltered}, written as it always was: every alternative
     * in one alternation, longer regular expressions first, then in their natural order.
     */
    private Pattern compile() {
        List<String> regexes = new ArrayList<>();
        literals.keySet().forEach(value -> regexes.add(Pattern.quote(value)));
        for (String number : digits.keySet()) {
            StringBuilder gapped = new StringBuilder("[+(]?");
            for (int i = 0; i < number.length(); i++) {
                gapped.append(i == 0 ? "" : DIGIT_GAP).append(number.charAt(i));
            }
            regexes.add(gapped.toString());
        }
        regexes.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        return Pattern.compile("(?i)(?:" + String.join("|", regexes) + ")");
    }

    /** The reference pattern's text (for tests: the tries' fallback to RE2 must use the same). */
    String unfilteredRegex() {
        return compile().pattern();
    }

    /** The tries' alternation, as their fallback to RE2 compiles it (for tests). */
    String trieRegex() {
        return ValueTrie.of(literals.keySet(), digits.keySet()).regex();
    }

    /** Adds the hit at {@code [start, end)} if it is a known, bounded value; returns where to search next. */
    private int addHit(List<Hit> hits, String text, int start, int end) {
        return addHit(hits, text, start, end, -1);
    }

    /**
     * {@link #addHit(List, String, int, int)} of a hit the trie's alternative {@code alternative}
     * matched (-1: not known), looked up by that alternative where {@link #knownOf} can, without
     * a copy of the text in lower case.
     */
    private int addHit(List<Hit> hits, String text, int start, int end, int alternative) {
        Known known = alternative < 0 ? null : knownOf(alternative, text, start, end);
        if (known == null) {
            known = lookUp(text.substring(start, end));
        }
        if (known != null && end > start && bounded(text, start, end)) {
            hits.add(new Hit(start, end, known));
            return end;
        }
        return start + 1;
    }

    /**
     * What {@link #lookUp} answers for {@code text[start, end)}, which the trie's alternative
     * {@code alternative} matched, or {@code null} if only the text can tell. A literal matched
     * in ASCII text is the literal in lower case when the literal is ASCII too (outside ASCII, a
     * text matched as RE2 folds case may lower-case to another string, which the map does not
     * hold). A number's text holds its digits, so the digits' map answers, unless the text may
     * be a literal known as something else: a literal of digits and gaps with the same digits.
     */
    private Known knownOf(int alternative, String text, int start, int end) {
        if (byAlternative == null) {
            byAlternative = knownByAlternative();
        }
        Known known = byAlternative[alternative];
        if (known == null || trie.shared().trie().isNumber(alternative)) {
            return known;
        }
        for (int i = start; i < end; i++) {
            if (text.charAt(i) >= 128) {
                return null;
            }
        }
        return known;
    }

    private Known[] knownByAlternative() {
        ValueTrie values = trie.shared().trie();
        boolean[] enabled = trie.enabled();
        Set<String> ambiguous = new HashSet<>();
        for (Map.Entry<String, Known> literal : literals.entrySet()) {
            String value = literal.getKey();
            if (isNumberText(value) && literal.getValue() != digits.get(digitsOf(value))) {
                ambiguous.add(digitsOf(value));
            }
        }
        Known[] known = new Known[values.size()];
        for (int order = 0; order < known.length; order++) {
            if (enabled != null && !enabled[order]) {
                continue; // another view's value: never this view's hit
            }
            String value = values.value(order);
            if (values.isNumber(order)) {
                known[order] = ambiguous.contains(value) ? null : digits.get(value);
            } else if (isAscii(value)) {
                known[order] = literals.get(value);
            }
        }
        return known;
    }

    /** Whether {@code text} holds only what a number's pattern matches: digits, gaps and {@code +}. */
    private static boolean isNumberText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && "+( ).-".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
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

    /**
     * Whether {@code text} holds at least {@link #MIN_DIGITS} ASCII digits and no letter: a number
     * known under every grouping. One pass, before its digits are copied out (most values are not).
     */
    private static boolean mayBeNumber(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (Character.isLetter(c)) {
                return false;
            }
        }
        return digits >= MIN_DIGITS;
    }
}
