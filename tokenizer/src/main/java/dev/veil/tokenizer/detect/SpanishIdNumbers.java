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
    static int letterAt(String text, int pos) {
        int n = text.length();
        if (pos >= n) {
            return -1;
        }
        char c = text.charAt(pos);
        if (Chars.isAsciiLetter(c)) {
            return pos;
        }
        if ((c == '-' || c == ' ') && pos + 1 < n && Chars.isAsciiLetter(text.charAt(pos + 1))) {
            return c == '-' || Character.isUpperCase(text.charAt(pos + 1)) ? pos + 1 : -1;
        }
        return -1;
    }
}
