package dev.veil.tokenizer.detect;

/** The check letter shared by the Spanish DNI/NIF and NIE (Ministerio del Interior): number mod 23. */
final class SpanishIdNumbers {

    private static final String LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    private SpanishIdNumbers() {}

    static char checkLetter(int number) {
        return LETTERS.charAt(number % 23);
    }

    static boolean letterMatches(int number, char letter) {
        return Character.toUpperCase(letter) == checkLetter(number);
    }

    /**
     * Reads the check letter after the digits ending at {@code pos}: attached, or after one dash, or
     * (upper case only) after one space. Returns the index of the letter, or -1.
     */
    static int letterAt(char[] text, int pos) {
        int n = text.length;
        if (pos >= n) {
            return -1;
        }
        char c = text[pos];
        if (Chars.isAsciiLetter(c)) {
            return pos;
        }
        if ((c == '-' || c == ' ') && pos + 1 < n && Chars.isAsciiLetter(text[pos + 1])) {
            return c == '-' || Character.isUpperCase(text[pos + 1]) ? pos + 1 : -1;
        }
        return -1;
    }

    /**
     * Reads the check letter after any separator a person types after the digits ending at
     * {@code pos} ({@code "76 - 8003 - 73 - S"}), upper case only and never past a second line
     * break in {@code run}. Returns the index of the letter, or -1.
     */
    static int looseLetterAt(char[] text, int pos, DigitGroups run) {
        int sep = Chars.groupSeparatorEnd(text, pos);
        if (sep > pos && sep < text.length && Chars.isAsciiLetter(text[sep]) && Character.isUpperCase(text[sep])
                && !(run.lineBreak() && DigitGroups.hasLineBreak(text, pos, sep))) {
            return sep;
        }
        return -1;
    }

    /** The number that {@code leading} followed by every digit of {@code run} makes. */
    static int number(char[] text, DigitGroups run, int leading) {
        int number = leading;
        for (int g = 0; g < run.count(); g++) {
            for (int i = run.start(g); i < run.end(g); i++) {
                number = number * 10 + (text[i] - '0');
            }
        }
        return number;
    }
}
