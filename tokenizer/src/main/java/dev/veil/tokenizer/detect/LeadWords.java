package dev.veil.tokenizer.detect;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * The first words of a list of phrases, so that a scan can turn a word start down with one hash
 * look-up before it matches the phrases there: a phrase matches (case aside) only where the text's
 * word is the phrase's first word, and most words of a text are none of them ("then", "order").
 * It only ever says "no" for a word of ASCII letters, digits and {@code _}; a word with any other
 * letter is left to the matcher, whose case-insensitive rules for such letters ("K" for Kelvin,
 * "İ") it does not copy. So {@link #mayStartAt} is a necessary condition, never a different answer.
 */
public final class LeadWords {

    /** Characters per packed word: 5 bits each in a long. */
    private static final int MAX_PACKED = 12;
    /** The 5-bit code of an ASCII word character: a-z (either case) 1 to 26, a digit or {@code _} 27. */
    private static final byte[] CODE = new byte[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            CODE[c] = (byte) (c - 'a' + 1);
            CODE[c - 'a' + 'A'] = (byte) (c - 'a' + 1);
        }
        for (char c = '0'; c <= '9'; c++) {
            CODE[c] = 27;
        }
        // digits and '_' share a code: two words the codes cannot tell apart may both pass, never both fail
        CODE['_'] = 27;
    }

    /** A pair's second code that no character has: the pair marks a first character only. */
    private static final int OPENS_ONLY = 31;

    private final boolean underscore;
    /** Some phrase may start where this cannot tell: it passes every position. */
    private final boolean passAll;
    /** Some first word is longer than {@link #MAX_PACKED}: a longer word passes. */
    private final boolean passLong;
    /** The first two codes of every first word (0 for a one-letter word's second), as bits {@code 32 * first + second}. */
    private final long[] pairs;
    /** The ASCII characters a first word opens with (either case). */
    private final boolean[] firsts;
    private final long[] table;
    private final int shift;

    private LeadWords(boolean underscore, boolean passAll, boolean passLong, long[] pairs, long[] table) {
        this.underscore = underscore;
        this.passAll = passAll;
        this.passLong = passLong;
        this.pairs = pairs;
        this.table = table;
        this.firsts = new boolean[128];
        for (char c = 0; c < 128; c++) {
            int pair = 32 * CODE[c];
            firsts[c] = CODE[c] != 0 && (c != '_' || underscore) && (pairs[pair >>> 6] & (0xFFFFFFFFL << pair)) != 0;
        }
        this.shift = 64 - Integer.numberOfTrailingZeros(table.length);
    }

    /**
     * The first words of {@code phrases}, where a word is a run of letters and digits, and also of
     * {@code _} if {@code underscore} (as {@link Chars#isWordChar} reads words; else as
     * {@link Chars#isLetterOrDigit}).
     */
    public static LeadWords of(Iterable<String> phrases, boolean underscore) {
        requireNonNull(phrases, "phrases");
        boolean passAll = false;
        boolean passLong = false;
        int count = 0;
        for (String phrase : phrases) {
            count++;
        }
        long[] pairs = new long[32 * 32 / 64];
        long[] table = new long[Integer.highestOneBit(Math.max(count, 1) * 4) * 2];
        int shift = 64 - Integer.numberOfTrailingZeros(table.length);
        for (String phrase : phrases) {
            requireNonNull(phrase, "phrase");
            int end = 0;
            boolean ascii = true;
            while (end < phrase.length() && wordChar(phrase.charAt(end), underscore)) {
                char c = phrase.charAt(end);
                if (c >= 128 && (Character.toUpperCase(c) < 128 || Character.toLowerCase(c) < 128)) {
                    passAll = true; // a letter that matches an ASCII one case-insensitively ("ı" and "I")
                }
                ascii &= c < 128;
                end++;
            }
            if (end == 0) {
                passAll = true; // a phrase that opens with a mark: not a word start this can judge
            } else if (!ascii) {
                // only a word with a non-ASCII letter can match it, and such a word passes once that letter
                // is read; what comes before it must pass: its ASCII first two, or first, characters
                char first = phrase.charAt(0);
                if (first < 128) {
                    int pair = 32 * CODE[first] + (phrase.charAt(1) < 128 ? CODE[phrase.charAt(1)] : OPENS_ONLY);
                    pairs[pair >>> 6] |= 1L << pair;
                }
            } else if (end > MAX_PACKED) {
                passLong = true;
            } else {
                int pair = 32 * CODE[phrase.charAt(0)] + (end > 1 ? CODE[phrase.charAt(1)] : 0);
                pairs[pair >>> 6] |= 1L << pair;
                long key = 0;
                for (int k = 0; k < end; k++) {
                    key = key << 5 | CODE[phrase.charAt(k)];
                }
                int slot = slot(key, shift);
                while (table[slot] != 0 && table[slot] != key) {
                    slot = (slot + 1) & (table.length - 1);
                }
                table[slot] = key;
            }
        }
        if (passLong) {
            // a word longer than the packed ones passes whatever its first two letters
            Arrays.fill(pairs, -1L);
        }
        return new LeadWords(underscore, passAll, passLong, pairs, table);
    }

    private static boolean wordChar(char c, boolean underscore) {
        return underscore ? Chars.isWordChar(c) : Chars.isLetterOrDigit(c);
    }

    private static int slot(long key, int shift) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    /**
     * False where no first word opens with {@code c}, the character of a word start: a test cheap
     * enough to ask of every word start before {@link #mayStartAt}, which reads two characters.
     */
    public boolean mayOpenWith(char c) {
        return passAll || (c < 128 ? firsts[c] : Chars.isLetterOrDigit(c));
    }

    /**
     * False where none of the phrases can start at {@code i}: the word there is all ASCII and none
     * of their first words. True otherwise, the phrases then to be matched as before.
     */
    public boolean mayStartAt(String text, int i) {
        if (passAll) {
            return true;
        }
        // most words fail on their first two letters, read without the rest of the word
        int n = text.length();
        int first = code(text, i, n);
        if (first <= 0) {
            return first < 0; // a non-ASCII letter passes; no word at all does not
        }
        int second = code(text, i + 1, n);
        if (second < 0) {
            return true;
        }
        int pair = 32 * first + second;
        if ((pairs[pair >>> 6] & 1L << pair) == 0) {
            return false;
        }
        if (second == 0) {
            return true; // a one-letter word, which the pair tells exactly
        }
        long key = first << 5 | second;
        for (int j = i + 2; ; j++) {
            int code = code(text, j, n);
            if (code < 0) {
                return true;
            }
            if (code == 0) {
                break;
            }
            if (j - i == MAX_PACKED) {
                return passLong;
            }
            key = key << 5 | code;
        }
        for (int slot = slot(key, shift); ; slot = (slot + 1) & (table.length - 1)) {
            long entry = table[slot];
            if (entry == key) {
                return true;
            }
            if (entry == 0) {
                return false;
            }
        }
    }

    /** The code of the word character at {@code j}: 0 past the word's end, -1 for a letter or digit beyond ASCII. */
    private int code(String text, int j, int n) {
        if (j >= n) {
            return 0;
        }
        char c = text.charAt(j);
        if (c >= 128) {
            return Chars.isLetterOrDigit(c) ? -1 : 0;
        }
        return c == '_' && !underscore ? 0 : CODE[c];
    }
}
