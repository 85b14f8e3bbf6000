package dev.veil.tokenizer.detect;

/** Character tests shared by the hand-written scanners; ASCII fast paths, no allocation. */
public final class Chars {

    private static final boolean[] LATIN1_WORD = new boolean[256];
    private static final boolean[] LATIN1_LETTER = new boolean[256];
    /**
     * {@link Character#isLetterOrDigit(char)} and {@link Character#isLetter(char)} of every
     * basic-plane character as bits (8 KiB each): text beyond Latin-1 (a euro sign, a curly quote)
     * would otherwise ask the JDK's Unicode tables at every character of every scanner.
     */
    private static final long[] BMP_LETTER_OR_DIGIT = new long[1 << 10];
    private static final long[] BMP_LETTER = new long[1 << 10];

    static {
        for (char c = 0; c < 256; c++) {
            LATIN1_WORD[c] = c < 128 ? isAsciiAlnum(c) || c == '_' : Character.isLetterOrDigit(c);
            LATIN1_LETTER[c] = Character.isLetter(c);
        }
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (Character.isLetterOrDigit((char) c)) {
                BMP_LETTER_OR_DIGIT[c >>> 6] |= 1L << c;
            }
            if (Character.isLetter((char) c)) {
                BMP_LETTER[c >>> 6] |= 1L << c;
            }
        }
    }

    private Chars() {}

    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isAsciiLetter(char c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    public static boolean isAsciiAlnum(char c) {
        return isDigit(c) || isAsciiLetter(c);
    }

    public static boolean isHex(char c) {
        return isDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
    }

    /** A letter or digit, or {@code _}; Latin-1 by a table (the scanners' hottest test), the rest by the JDK. */
    public static boolean isWordChar(char c) {
        return c < 256 ? LATIN1_WORD[c] : bit(BMP_LETTER_OR_DIGIT, c);
    }

    /** Same as {@link Character#isLetter(char)}, Latin-1 by a table. */
    public static boolean isLetter(char c) {
        return c < 256 ? LATIN1_LETTER[c] : bit(BMP_LETTER, c);
    }

    /** Same as {@link Character#isLetterOrDigit(char)}, Latin-1 by a table. */
    public static boolean isLetterOrDigit(char c) {
        return c < 256 ? LATIN1_WORD[c] && c != '_' : bit(BMP_LETTER_OR_DIGIT, c);
    }

    private static boolean bit(long[] bits, char c) {
        return (bits[c >>> 6] & 1L << c) != 0; // a shift by c uses its low six bits
    }

    public static boolean isUpper(char c) {
        return c < 128 ? c >= 'A' && c <= 'Z' : Character.isUpperCase(c);
    }

    /** Where the first code point of {@code text[from, to)} that passes {@code test} starts, or -1. */
    static int indexOfCodePoint(CharSequence text, int from, int to, java.util.function.IntPredicate test) {
        for (int i = from; i < to; ) {
            int c = Character.codePointAt(text, i);
            if (test.test(c)) {
                return i;
            }
            i += Character.charCount(c);
        }
        return -1;
    }

    /** The bit of {@link #groupSeparator} set for a separator that holds a line break. */
    static final long SEPARATOR_BREAKS = 1L << 32;

    // The tests below read a char[] (a TextIndex's chars()), not a String: on a text holding any
    // character beyond Latin-1, String.charAt pays a bounds check on a UTF-16 array that the JIT
    // often keeps (once the detection profile's largest leaf frame), where an array read in a loop
    // is checked once.

    /**
     * True if a number may start at {@code i}: the previous character is not part of a word, and
     * not a joiner ({@code . - / @ _ : #}) glued to one, so {@code ZD-129384}, {@code v2.10},
     * {@code #483920} or {@code a@1234} never start a match.
     */
    public static boolean numberStartsAt(char[] text, int i) {
        if (i == 0) {
            return true;
        }
        char prev = text[i - 1];
        if (isWordChar(prev) || prev == '#') {
            return false;
        }
        if (prev == '.' || prev == '-' || prev == '/' || prev == '@') {
            return i < 2 || !isWordChar(text[i - 2]);
        }
        if (prev == ':' || prev == ',') {
            return i < 2 || !isDigit(text[i - 2]);
        }
        return true;
    }

    /**
     * True if a number may end at {@code end} (exclusive): the next character is not part of a
     * word, and not a joiner glued to a digit or letter ({@code 1.5}, {@code 12-ab}, {@code 3@x}).
     */
    public static boolean numberEndsAt(char[] text, int end) {
        if (end >= text.length) {
            return true;
        }
        char next = text[end];
        if (isWordChar(next) || next == '@') {
            return false;
        }
        if (next == '.' || next == '-' || next == '/' || next == ',' || next == ':' || next == '_') {
            return end + 1 >= text.length || !isAsciiAlnum(text[end + 1]);
        }
        return true;
    }

    /**
     * The end of the separator that a person may type between two groups of one value (a card, an
     * IBAN, an id) starting at {@code pos}: one to three spaces, tabs, {@code - . /} and at most one
     * line break, in any mix; {@code pos} when there is none. What follows is not checked.
     */
    public static int groupSeparatorEnd(char[] text, int pos) {
        return (int) groupSeparator(text, pos);
    }

    /**
     * {@link #groupSeparatorEnd} in the low 32 bits, and {@link #SEPARATOR_BREAKS} set if that
     * separator holds a line break ({@code \r} or {@code \n}): one pass for a reader that must
     * know both ({@link DigitGroups}), rather than a second copy of the loop.
     */
    static long groupSeparator(char[] text, int pos) {
        int n = text.length;
        int p = pos;
        boolean newline = false;
        long breaks = 0;
        while (p < n && p - pos < 3) {
            char c = text[p];
            if (c == ' ' || c == '-' || c == '.' || c == '/' || c == '\t') {
                p++;
            } else if (c == '\r' && !newline) {
                breaks = SEPARATOR_BREAKS;
                p++;
            } else if (c == '\n' && !newline) {
                newline = true;
                breaks = SEPARATOR_BREAKS;
                p++;
            } else {
                break;
            }
        }
        return breaks | p;
    }

    /**
     * True if a digit group ends right before {@code start}, joined to it by one to three of the
     * separators a person types between groups ({@code space - . /}, no line break): the digits at
     * {@code start} are then the tail of a longer number ({@code 917 767 28 8629}), not a value.
     */
    public static boolean followsGroup(char[] text, int start) {
        int p = start;
        while (p > 0 && start - p < 3) {
            char c = text[p - 1];
            if (c != ' ' && c != '-' && c != '.' && c != '/') {
                break;
            }
            p--;
        }
        return p < start && p > 0 && isDigit(text[p - 1]);
    }

    /** True if a word starts at {@code i} (the previous character is not a letter or digit). */
    public static boolean wordStartsAt(char[] text, int i) {
        return i == 0 || !isWordChar(text[i - 1]);
    }

    /** True if a word ends at {@code end} (the next character is not a letter or digit). */
    public static boolean wordEndsAt(char[] text, int end) {
        return end >= text.length || !isWordChar(text[end]);
    }

    /** True if the text holds at least {@code atLeast} ASCII digits; stops as soon as it has seen them. */
    public static boolean hasDigits(char[] text, int atLeast) {
        int count = 0;
        for (int i = 0; i < text.length && count < atLeast; i++) {
            if (isDigit(text[i])) {
                count++;
            }
        }
        return count >= atLeast;
    }

    /** Number of ASCII digits in the text; used as a cheap pre-filter. */
    public static int countDigits(char[] text, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (isDigit(text[i])) {
                count++;
            }
        }
        return count;
    }

    /**
     * Same as {@code String.regionMatches(true, ...)} over the region of {@code text}, without the
     * JDK's per-character case mapping while both sides are ASCII; anything else is left to the JDK.
     */
    public static boolean regionMatchesIgnoreCase(char[] text, int offset, String other, int otherOffset, int length) {
        if (offset < 0 || otherOffset < 0 || offset > (long) text.length - length
                || otherOffset > (long) other.length() - length) {
            return false; // as String.regionMatches answers for a region out of bounds
        }
        for (int k = 0; k < length; k++) {
            char a = text[offset + k];
            char b = other.charAt(otherOffset + k);
            if (a == b) {
                continue;
            }
            if ((a | b) >= 128) {
                return new String(text, offset, length).regionMatches(true, 0, other, otherOffset, length);
            }
            if (!isAsciiLetter(a) || (a | 0x20) != (b | 0x20)) {
                return false;
            }
        }
        return true;
    }

}
