package dev.veil.tokenizer.detect;

import java.util.List;

/**
 * Finds Spanish foreigner identity numbers (NIE): X, Y or Z, seven digits and the mod-23 check
 * letter (the prefix counting as 0, 1 or 2), with optional dashes or a space before the letter.
 */
public final class EsNieDetector implements IndexedDetector {

    static final ContextWords CONTEXT = ContextWords.of(
            "nie", "n.i.e.", "n.i.e", "número de identidad de extranjero", "identidad de extranjero", "extranjero",
            "tarjeta de residencia", "residencia", "tie", "foreigner", "residence permit", "nif", "documento", "id");
    private static final int CONTEXT_WINDOW = 40;

    @Override
    public PiiType type() {
        return PiiType.ES_NIE;
    }

    @Override
    public void detect(String text, TextIndex index, List<Span> out) {
        int n = text.length();
        TextIndex.visit(index.wordStarts(), index.wordCount(), i -> {
            if (i + 9 > n) {
                return n; // no room for a NIE from here on
            }
            char c = text.charAt(i);
            // x, y, z in either case: no other character upper-cases to X, Y or Z
            if ((c | 0x20) < 'x' || (c | 0x20) > 'z' || !Chars.wordStartsAt(text, i)) {
                return i + 1;
            }
            char prefix = (char) (c & ~0x20);
            int pos = i + 1;
            if (text.charAt(pos) == '-') {
                pos++;
            }
            int number = prefix - 'X';
            int digits = 0;
            while (pos < n && digits < 8 && Chars.isDigit(text.charAt(pos))) {
                number = number * 10 + (text.charAt(pos) - '0');
                digits++;
                pos++;
            }
            if (digits != 7) {
                return i + 1;
            }
            int letter = SpanishIdNumbers.letterAt(text, pos);
            if (letter < 0 || !Chars.numberEndsAt(text, letter + 1)) {
                return i + 1;
            }
            boolean context = CONTEXT.before(text, i, CONTEXT_WINDOW);
            boolean valid = validate(number, text.charAt(letter));
            if (!valid && !context) {
                return i + 1;
            }
            // a wrong check letter after a NIE word is a mistyped NIE, still personal data
            out.add(new Span(PiiType.ES_NIE, i, letter + 1, valid ? Confidence.checksum(context) : Confidence.NEAR_MISS));
            return letter + 1;
        });
    }

    /** True if {@code letter} is the check letter of the NIE whose prefix and digits make {@code number}. */
    static boolean validate(int number, char letter) {
        return SpanishIdNumbers.letterMatches(number, letter);
    }
}
