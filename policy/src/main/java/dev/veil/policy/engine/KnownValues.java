package dev.veil.policy.engine;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
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
    private Pattern pattern;

    boolean isEmpty() {
        return literals.isEmpty() && digits.isEmpty();
    }

    /** Remembers that {@code value} was replaced by {@code known.replacement()}; the first replacement of a value wins. */
    void add(String value, Known known) {
        String trimmed = value.strip();
        if (trimmed.length() < MIN_LENGTH || literals.size() + digits.size() >= MAX_VALUES || trimmed.equals(known.replacement())) {
            return;
        }
        pattern = null;
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
        }
        List<Hit> hits = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        int from = 0;
        while (from < text.length() && matcher.find(from)) {
            int start = matcher.start();
            int end = matcher.end();
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
