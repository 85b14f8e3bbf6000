package dev.veil.tokenizer.detect;

import java.util.Arrays;
import java.util.List;

/**
 * Finds US Social Security numbers: {@code AAA-GG-SSSS}, {@code AAA GG SSSS} or any other separators
 * a person types between the three groups, with a valid area (not 000, 666 or 9xx), group (not 00)
 * and serial (not 0000); nine bare digits only next to a context word, where an invalid area or group
 * is reported as a near miss.
 */
public final class UsSsnDetector implements IndexedDetector {

    static final ContextWords CONTEXT = ContextWords.of(
            "ssn", "ssns", "ss#", "ss #", "social security", "social security number", "social security no",
            "social sec", "ssa", "tax id", "taxpayer", "tin", "itin",
            "seguro social", "número de seguro social", "numero de seguro social", "seguridad social");
    private static final int CONTEXT_WINDOW = 40;
    /** The fewest characters a match takes (an SSN's nine digits): the entry test and the loop share it. */
    private static final int SHORTEST = 9;
    private static final double DASHED = Confidence.SPECIFIC_PATTERN;
    private static final double SPACED = Confidence.PATTERN;
    private static final double BARE = 0.5;
    private static final double MIXED = 0.51;

    @Override
    public PiiType type() {
        return PiiType.US_SSN;
    }

    @Override
    public void detect(String text, TextIndex index, List<Span> out) {
        if (index.nextDigitStart(0, 0, SHORTEST) >= index.numberCount()) {
            return; // the loop's first step below finds no start: decided before its buffers are made
        }
        DigitGroups run = new DigitGroups(9);
        int[] starts = index.numberStarts();
        int count = index.numberCount();
        NumberReads reads = index.numberReads();
        char[] chars = index.chars();
        int next = 0;
        // nine characters at least: an SSN's digits
        for (int k = 0; (k = index.nextDigitStart(k, next, SHORTEST)) < count; k++) {
            int start = starts[k];
            // nine digits in any grouping a person types ("123-45-6789", "53 622 8461", a line break inside);
            // a shorter run is turned down before its groups are taken
            int end = reads.digits(k) < 9 ? start : match(chars, start, reads.read(k, 9, run), run, out);
            // past a failed start the next number start is found by the index: none stands inside
            // the word at start (a number starts only after a character that is no word character)
            next = end > start ? end : start + 1;
        }
    }

    /**
     * Reports an SSN starting at {@code start} whose digits, read up to nine, are {@code run}, ending
     * at {@code end}; returns its end, or {@code start} if there is none.
     */
    private static int match(char[] text, int start, int end, DigitGroups run, List<Span> out) {
        int n = text.length;
        if (run.digits() != 9) {
            return start;
        }
        double base;
        if (run.count() == 1) {
            base = BARE;
        } else if (run.count() == 3 && run.length(0) == 3 && run.length(1) == 2 && run.length(2) == 4) {
            // "123-45-6789" and "123 45 6789" as printed; any other mix a person types counts less
            int first = run.start(1) - run.end(0);
            char separator = text[run.end(0)];
            boolean same = first == run.start(2) - run.end(1)
                    && Arrays.equals(text, run.end(0), run.start(1), text, run.end(1), run.start(2));
            base = !same || first != 1 ? MIXED : separator == '-' ? DASHED : separator == ' ' ? SPACED : MIXED;
        } else {
            base = MIXED;
        }
        if (!Chars.numberEndsAt(text, end) || Chars.followsGroup(text, start)) {
            return start; // glued to more, or the tail of a longer run ("917 767 28 8629")
        }
        // a following group makes it part of a longer number (a phone, an account)
        // (a line break ends it: the next line may start with a house number)
        int after = Chars.groupSeparatorEnd(text, end);
        if (after > end && after < n && Chars.isDigit(text[after]) && !DigitGroups.hasLineBreak(text, end, after)) {
            return start;
        }
        boolean context = CONTEXT.before(text, start, CONTEXT_WINDOW);
        if (!validate(text, start, end)) {
            if (!context) {
                return start;
            }
            // an impossible area or group after an SSN word is a mistyped SSN, still personal data
            out.add(new Span(PiiType.US_SSN, start, end, Confidence.NEAR_MISS));
            return end;
        }
        // SSNs have no checksum: bare digits and unusual separators count only after an SSN word
        if ((base == BARE || base == MIXED) && !context) {
            return start;
        }
        // a published sample number is skipped as an example, unless the text calls it an SSN: then
        // it is what a customer gave (fail closed; "SSN 123-45-6789" in a ticket is somebody's claim)
        if (sample(text, start, end) && !context) {
            return start;
        }
        out.add(new Span(PiiType.US_SSN, start, end, Confidence.boosted(base, context)));
        return end;
    }

    /** True for valid area, group and serial numbers; the 9 digits are read skipping separators. */
    static boolean validate(char[] text, int start, int end) {
        int[] d = new int[9];
        int k = 0;
        for (int i = start; i < end && k < 9; i++) {
            char c = text[i];
            if (Chars.isDigit(c)) {
                d[k++] = c - '0';
            }
        }
        if (k != 9) {
            return false;
        }
        int area = d[0] * 100 + d[1] * 10 + d[2];
        int group = d[3] * 10 + d[4];
        int serial = d[5] * 1000 + d[6] * 100 + d[7] * 10 + d[8];
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
            return false;
        }
        boolean allSame = true;
        for (int i = 1; i < 9; i++) {
            allSame &= d[i] == d[0];
        }
        return !allSame;
    }

    /** True for the advertised sample numbers 123-45-6789 and 078-05-1120, never issued to anyone. */
    static boolean sample(char[] text, int start, int end) {
        return digitsAre(text, start, end, "123456789") || digitsAre(text, start, end, "078051120");
    }

    /** Whether the digits between {@code start} and {@code end}, separators skipped, are {@code digits}; compared in place. */
    private static boolean digitsAre(char[] text, int start, int end, String digits) {
        int k = 0;
        for (int i = start; i < end; i++) {
            char c = text[i];
            if (Chars.isDigit(c) && (k == digits.length() || c != digits.charAt(k++))) {
                return false;
            }
        }
        return k == digits.length();
    }
}
