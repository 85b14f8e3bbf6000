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

    @Override
    public PiiType type() {
        return PiiType.ES_DNI;
    }

    @Override
    public void detect(String text, TextIndex index, List<Span> out) {
        int n = text.length();
        TextIndex.visit(index.numberStarts(), index.numberCount(), start -> {
            if (start + 8 > n) {
                return n; // no room for a DNI from here on
            }
            if (!Chars.isDigit(text.charAt(start))) {
                return start + 1;
            }
            int end = match(text, start, out);
            if (end > start) {
                return end;
            }
            int next = start;
            while (next < n && (Chars.isWordChar(text.charAt(next)) || text.charAt(next) == '.')) {
                next++;
            }
            return next;
        });
    }

    private static int match(String text, int start, List<Span> out) {
        int n = text.length();
        int number = 0;
        int digits = 0;
        int pos = start;
        boolean dotted = false;
        boolean grouped = false;
        while (pos < n && digits <= 8) {
            char c = text.charAt(pos);
            if (Chars.isDigit(c)) {
                number = number * 10 + (c - '0');
                digits++;
                pos++;
            } else if (c == '.' && (digits == 2 || digits == 5) && (digits == 2 || dotted)
                    && pos + 3 < n && Chars.isDigit(text.charAt(pos + 1))) {
                dotted = true;
                pos++;
            } else if (digits >= 1 && digits < 8 && Chars.groupSeparatorEnd(text, pos) > pos
                    && Chars.groupSeparatorEnd(text, pos) < n && Chars.isDigit(text.charAt(Chars.groupSeparatorEnd(text, pos)))) {
                grouped = true; // any other grouping, a line break too: counted only after a DNI word
                pos = Chars.groupSeparatorEnd(text, pos);
            } else {
                break;
            }
        }
        if (digits < 7 || digits > 8 || (dotted && digits != 8)) {
            return start;
        }
        int letter = SpanishIdNumbers.letterAt(text, pos);
        if (letter < 0 || !Chars.numberEndsAt(text, letter + 1)) {
            return start;
        }
        boolean context = CONTEXT.before(text, start, CONTEXT_WINDOW);
        if ((digits == 7 || grouped) && !context) {
            return start;
        }
        if (!validate(number, text.charAt(letter))) {
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
