package dev.veil.tokenizer.detect;

import java.util.List;

/**
 * Finds Spanish foreigner identity numbers (NIE): X, Y or Z, seven digits and the mod-23 check
 * letter (the prefix counting as 0, 1 or 2), with optional dashes or a space before the letter;
 * any other grouping a person types, a line break too, only after a NIE word.
 */
public final class EsNieDetector implements IndexedDetector {

    static final ContextWords CONTEXT = ContextWords.of(
            "nie", "n.i.e.", "n.i.e", "número de identidad de extranjero", "identidad de extranjero", "extranjero",
            "tarjeta de residencia", "residencia", "tie", "foreigner", "residence permit", "nif", "documento", "id");
    private static final int CONTEXT_WINDOW = 40;
    /** The fewest characters a match takes (a NIE's letter, seven digits and letter): the entry test and the loop share it. */
    private static final int SHORTEST = 9;

    @Override
    public PiiType type() {
        return PiiType.ES_NIE;
    }

    @Override
    public void detect(String string, TextIndex index, List<Span> out) {
        char[] text = index.chars();
        int n = text.length;
        int[] starts = index.wordStarts();
        int count = index.wordCount();
        if (count == 0 || starts[0] + SHORTEST > n) {
            return; // the loop's first step below would return: decided before its buffers are made
        }
        DigitGroups run = new DigitGroups(7);
        int next = 0;
        // a plain loop over the word starts (what TextIndex.visit does, without a call per word)
        for (int k = 0; k < count; k++) {
            int i = starts[k];
            if (i < next) {
                continue;
            }
            if (i + SHORTEST > n) {
                return; // no room for a NIE from here on
            }
            char c = text[i];
            // x, y, z in either case: no other character upper-cases to X, Y or Z
            if ((c | 0x20) < 'x' || (c | 0x20) > 'z' || !Chars.wordStartsAt(text, i)) {
                next = i + 1;
                continue;
            }
            int end = match(text, i, run, out);
            next = end > i ? end : i + 1;
        }
    }

    /** Reports a NIE whose prefix letter is at {@code i}; returns its end, or {@code i}. */
    private static int match(char[] text, int i, DigitGroups run, List<Span> out) {
        char prefix = (char) (text[i] & ~0x20);
        int first = Chars.groupSeparatorEnd(text, i + 1);
        if (first >= text.length || !Chars.isDigit(text[first])) {
            return i;
        }
        int pos = run.read(text, first, 8, false);
        if (run.digits() != 7 || !run.complete()) {
            return i;
        }
        int number = SpanishIdNumbers.number(text, run, prefix - 'X');
        // "X1234567L", "X-1234567-L" and "X1234567 L" as printed; any other grouping only after a NIE word
        boolean printed = run.count() == 1 && (first == i + 1 || (first == i + 2 && text[i + 1] == '-'));
        int letter = SpanishIdNumbers.letterAt(text, pos);
        if (letter < 0) {
            letter = SpanishIdNumbers.looseLetterAt(text, pos, run);
            printed &= letter < 0;
        }
        if (letter < 0 || !Chars.numberEndsAt(text, letter + 1)) {
            return i;
        }
        boolean context = CONTEXT.before(text, i, CONTEXT_WINDOW);
        boolean valid = validate(number, text[letter]);
        if ((!valid || !printed) && !context) {
            return i;
        }
        // a wrong check letter after a NIE word is a mistyped NIE, still personal data
        out.add(new Span(PiiType.ES_NIE, i, letter + 1, valid ? Confidence.checksum(context) : Confidence.NEAR_MISS));
        return letter + 1;
    }

    /** True if {@code letter} is the check letter of the NIE whose prefix and digits make {@code number}. */
    static boolean validate(int number, char letter) {
        return SpanishIdNumbers.letterMatches(number, letter);
    }
}
