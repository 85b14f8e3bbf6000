package dev.veil.tokenizer.detect;

import java.util.List;

/**
 * Finds Spanish DNI/NIF numbers: eight digits (plain or dotted as {@code 12.345.678}) and the
 * mod-23 check letter, attached or after a dash or space; seven digits, other groupings, and (as a
 * near miss) a wrong check letter only next to a context word.
 */
public final class EsDniDetector implements IndexedDetector {

    static final ContextWords CONTEXT = ContextWords.of(
            "dni", "d.n.i.", "d.n.i", "nif", "n.i.f.", "n.i.f", "documento", "documento de identidad",
            "documento nacional de identidad", "doc. identidad", "identidad", "id", "id number", "national id",
            "identity card", "id card");
    private static final int CONTEXT_WINDOW = 40;
    /** The fewest characters a match takes (a DNI's digits and letter): the entry test and the loop share it. */
    private static final int SHORTEST = 8;

    @Override
    public PiiType type() {
        return PiiType.ES_DNI;
    }

    @Override
    public void detect(String text, TextIndex index, List<Span> out) {
        if (index.nextDigitStart(0, 0, SHORTEST) >= index.numberCount()) {
            return; // the loop's first step below finds no start: decided before its buffers are made
        }
        char[] chars = index.chars();
        int n = chars.length;
        DigitGroups run = new DigitGroups(8);
        int[] starts = index.numberStarts();
        int count = index.numberCount();
        NumberReads reads = index.numberReads();
        int next = 0;
        // eight characters at least: a DNI's digits and letter
        for (int k = 0; (k = index.nextDigitStart(k, next, SHORTEST)) < count; k++) {
            int start = starts[k];
            // seven digits at least: a shorter run is turned down before its groups are taken
            int end = reads.digits(k) < 7 ? start : match(chars, start, reads.read(k, 9, run), run, out);
            if (end > start) {
                next = end;
                continue;
            }
            next = start;
            while (next < n && (Chars.isWordChar(chars[next]) || chars[next] == '.')) {
                next++;
            }
        }
    }

    /** Reports a DNI whose digits, read up to nine, are {@code run}, from {@code start} to {@code pos}; returns its end, or {@code start}. */
    private static int match(char[] text, int start, int pos, DigitGroups run, List<Span> out) {
        int digits = run.digits();
        if (digits < 7 || digits > 8 || !run.complete()) {
            return start;
        }
        // "12345678" and "12.345.678" as printed; any other grouping, a line break too, only after a DNI word
        boolean dotted = run.count() == 3 && run.length(0) == 2 && run.length(1) == 3 && run.length(2) == 3
                && text[run.end(0)] == '.' && run.start(1) == run.end(0) + 1
                && text[run.end(1)] == '.' && run.start(2) == run.end(1) + 1;
        boolean grouped = run.count() > 1 && !dotted;
        if (dotted && digits != 8) {
            return start;
        }
        int number = SpanishIdNumbers.number(text, run, 0);
        int letter = SpanishIdNumbers.letterAt(text, pos);
        boolean looseLetter = false;
        if (letter < 0) {
            letter = SpanishIdNumbers.looseLetterAt(text, pos, run);
            looseLetter = letter >= 0;
        }
        if (letter < 0 || !Chars.numberEndsAt(text, letter + 1)) {
            return start;
        }
        boolean context = CONTEXT.before(text, start, CONTEXT_WINDOW);
        if ((digits == 7 || grouped || looseLetter) && !context) {
            return start;
        }
        if (!validate(number, text[letter])) {
            if (!context || digits != 8) {
                return start;
            }
            // a wrong check letter after a DNI word is a mistyped DNI, still personal data
            out.add(new Span(PiiType.ES_DNI, start, letter + 1, Confidence.NEAR_MISS));
            return letter + 1;
        }
        out.add(new Span(PiiType.ES_DNI, start, letter + 1, Confidence.checksum(context)));
        return letter + 1;
    }

    /** True if {@code letter} is the check letter of {@code number}. */
    static boolean validate(int number, char letter) {
        return SpanishIdNumbers.letterMatches(number, letter);
    }
}
