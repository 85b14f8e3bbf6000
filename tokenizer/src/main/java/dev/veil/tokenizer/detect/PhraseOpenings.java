package dev.veil.tokenizer.detect;

import java.util.Arrays;

/**
 * The first three characters that lower-case phrases may open with, compared as the person cues'
 * trie and {@link ContextWords} compare them (ASCII letters in either case; a text character beyond
 * ASCII may stand for any): a word start whose first three characters open no phrase is turned down
 * by one bit test before the phrases are matched there. Two characters are a weak test ("th", "my",
 * "re", "do" open thousands of words a text), three turn down most of those ("thus", "des", "at ").
 * A phrase of one or two characters must end a word (no letter or digit follows it).
 */
public final class PhraseOpenings {

    /** The classes of an ASCII character: 26 letters (either case), digits, four listed others, any other. */
    private static final int CLASSES = 32;
    private static final int DIGIT = 26;
    private static final int FIRST_LISTED = 27;
    private static final int OTHER = 31;

    /** Per ASCII character its class; the walk lower-cases ASCII letters only, and so does this. */
    private final byte[] classes = new byte[128];
    private final long[] bits = new long[26 * CLASSES * CLASSES / 64];
    /** The first letters, a bit each: a word start with another is turned down before its next two characters are read. */
    private int firstLetters;
    /**
     * {@link #firstLetters} per ASCII character, either case: the first test is one load, as most
     * starts a scan asks of are turned down by it and the scans run over every word start.
     */
    private final boolean[] opens = new boolean[128];

    /** The openings of {@code phrases}: lower case, each opening with an ASCII letter, no {@code *} among the first three characters. */
    public PhraseOpenings(String... phrases) {
        Arrays.fill(classes, (byte) OTHER);
        for (char c = 'a'; c <= 'z'; c++) {
            classes[c] = (byte) (c - 'a');
            classes[c - 'a' + 'A'] = (byte) (c - 'a');
        }
        for (char c = '0'; c <= '9'; c++) {
            classes[c] = DIGIT;
        }
        int listed = FIRST_LISTED;
        for (String phrase : phrases) {
            for (int k = 1; k < Math.min(3, phrase.length()); k++) {
                char c = phrase.charAt(k);
                if (c == '*') {
                    throw new IllegalStateException("phrase opening: a wildcard among the first three characters");
                }
                if (c < 128 && classes[c] == OTHER) {
                    if (listed == OTHER) {
                        throw new IllegalStateException("phrase opening: more than four kinds of punctuation");
                    }
                    classes[c] = (byte) listed++;
                }
            }
        }
        for (String phrase : phrases) {
            add(phrase);
        }
        for (char c = 'a'; c <= 'z'; c++) {
            opens[c] = (firstLetters & 1 << (c - 'a')) != 0;
            opens[c - 'a' + 'A'] = opens[c];
        }
    }

    private void add(String phrase) {
        int letter = phrase.charAt(0) - 'a';
        if (letter < 0 || letter >= 26) {
            throw new IllegalStateException("phrase opening: not a lower-case ASCII letter");
        }
        firstLetters |= 1 << letter;
        // a phrase must end a word: after one or two characters, the next is no letter or digit;
        // a character beyond ASCII in the phrase is only ever matched by one beyond ASCII in the
        // text, which passes the test without a bit
        for (int second = 0; second < CLASSES; second++) {
            for (int third = 0; third < CLASSES; third++) {
                if (fits(phrase, 1, second) && (phrase.length() == 1 || fits(phrase, 2, third))) {
                    int bit = (letter * CLASSES + second) * CLASSES + third;
                    bits[bit >>> 6] |= 1L << bit;
                }
            }
        }
    }

    /** Whether a text character of class {@code type} at {@code k} may be read as the phrase's there. */
    private boolean fits(String phrase, int k, int type) {
        if (k >= phrase.length()) {
            return type > DIGIT; // no letter or digit
        }
        char c = phrase.charAt(k);
        return c < 128 && classes[c] == type;
    }

    /**
     * False where no phrase can open at {@code p}. A first character beyond ASCII answers {@code beyondAscii};
     * a second or third one beyond ASCII passes.
     */
    public boolean mayOpen(char[] text, int p, boolean beyondAscii) {
        char first = text[p];
        if (first >= 128) {
            return beyondAscii;
        }
        if (!opens[first]) {
            return false;
        }
        int letter = (first | 0x20) - 'a';
        // past the text's end reads as NUL, no letter or digit: the end ends a word
        int n = text.length;
        char second = p + 1 < n ? text[p + 1] : 0;
        char third = p + 2 < n ? text[p + 2] : 0;
        if ((second | third) >= 128) {
            return true;
        }
        int bit = (letter * CLASSES + classes[second]) * CLASSES + classes[third];
        return (bits[bit >>> 6] & 1L << bit) != 0;
    }
}
