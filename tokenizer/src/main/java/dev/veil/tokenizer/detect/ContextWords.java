package dev.veil.tokenizer.detect;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fixed set of words and short phrases (case-insensitive, whole words) that make a nearby match
 * more likely to be personal data, such as "card" or "tarjeta" before a card number.
 */
public final class ContextWords {

    private static final int BUCKETS = 128;

    /** Phrases grouped by their lower-case first character (non-ASCII first characters in the last bucket). */
    private final String[][] byFirstChar;
    /**
     * Per bucket, the lower-case Latin-1 second characters of its phrases as a 256-bit set (four
     * longs from {@code 4 * bucket}), so most word starts are turned down without a loop over the phrases.
     */
    private final long[] secondBits;
    /** Per bucket: a one-character phrase or a second character beyond Latin-1, which the set cannot rule out. */
    private final boolean[] anySecond;
    /**
     * Per bucket and phrase, the phrase's characters, its second and third characters (0 where it
     * is shorter) and whether it ends in a word character: {@link #matchAt} reads these arrays, not the strings.
     */
    private final char[][][] chars;
    private final char[][] seconds;
    private final char[][] thirds;
    private final boolean[][] wordEnds;
    /**
     * Per ASCII character, and in the last entry for every other one, its {@link #DIGIT},
     * {@link #WORD} and {@link #FIRST} bits: {@link #before}'s backwards scan reads one entry per
     * character. Beyond ASCII no character is a digit, and whether it is a word character is asked.
     */
    private final byte[] kinds = new byte[BUCKETS + 1];
    private static final int DIGIT = 1;
    private static final int WORD = 2;
    /** A phrase may start with the character: its bucket holds a phrase. */
    private static final int FIRST = 4;

    private ContextWords(String[][] byFirstChar) {
        this.byFirstChar = byFirstChar;
        this.chars = new char[BUCKETS][][];
        this.seconds = new char[BUCKETS][];
        this.thirds = new char[BUCKETS][];
        this.wordEnds = new boolean[BUCKETS][];
        for (int b = 0; b < BUCKETS; b++) {
            String[] bucket = byFirstChar[b];
            chars[b] = new char[bucket.length][];
            seconds[b] = new char[bucket.length];
            thirds[b] = new char[bucket.length];
            wordEnds[b] = new boolean[bucket.length];
            for (int k = 0; k < bucket.length; k++) {
                chars[b][k] = bucket[k].toCharArray();
                seconds[b][k] = bucket[k].length() > 1 ? bucket[k].charAt(1) : 0;
                thirds[b][k] = bucket[k].length() > 2 ? bucket[k].charAt(2) : 0;
                wordEnds[b][k] = Chars.isWordChar(bucket[k].charAt(bucket[k].length() - 1));
            }
        }
        for (char c = 0; c <= BUCKETS; c++) {
            boolean ascii = c < BUCKETS;
            boolean first = byFirstChar[ascii ? bucket(c) : BUCKETS - 1].length > 0;
            kinds[c] = (byte) ((ascii && Chars.isDigit(c) ? DIGIT : 0) | (ascii && Chars.isWordChar(c) ? WORD : 0)
                    | (first ? FIRST : 0));
        }
        this.secondBits = new long[BUCKETS * 4];
        this.anySecond = new boolean[BUCKETS];
        for (int b = 0; b < BUCKETS; b++) {
            for (String phrase : byFirstChar[b]) {
                char second = phrase.length() > 1 ? phrase.charAt(1) : 0;
                if (phrase.length() == 1 || second >= 256) {
                    anySecond[b] = true;
                } else {
                    secondBits[4 * b + (second >> 6)] |= 1L << (second & 63);
                }
            }
        }
    }

    public static ContextWords of(String... phrases) {
        List<List<String>> buckets = new ArrayList<>(BUCKETS);
        for (int i = 0; i < BUCKETS; i++) {
            buckets.add(new ArrayList<>());
        }
        for (String phrase : phrases) {
            requireNonNull(phrase, "phrase");
            if (phrase.isEmpty()) {
                throw new IllegalArgumentException("context phrase: empty (expected: at least one character)");
            }
            String lower = phrase.toLowerCase(Locale.ROOT);
            buckets.get(bucket(lower.charAt(0))).add(lower);
        }
        String[][] array = new String[BUCKETS][];
        for (int i = 0; i < BUCKETS; i++) {
            // longest first, so "date of birth" is preferred over "date"
            buckets.get(i).sort((a, b) -> b.length() - a.length());
            array[i] = buckets.get(i).toArray(new String[0]);
        }
        return new ContextWords(array);
    }

    private static int bucket(char c) {
        char lower = c < 128 ? (char) (c | ((c >= 'A' && c <= 'Z') ? 0x20 : 0)) : 0;
        return lower == 0 ? BUCKETS - 1 : lower;
    }

    /**
     * True if one of the phrases occurs within {@code window} characters before {@code pos} with no
     * digit in between, so a word applies only to the first number after it ("SSN 1, 2": only 1).
     */
    public boolean before(char[] text, int pos, int window) {
        // One pass backwards from pos, up to the window or a digit: it asks the same positions as
        // a forward scan of that stretch would, only in another order, and the answer is whether any
        // phrase starts there. A phrase starts where its bucket is not empty, and not inside a word.
        // Each character's kind is read once: the one left of p is read for p's word-start test
        // and carried to the next step.
        int limit = Math.max(0, pos - window);
        if (pos - 1 < limit) {
            return false;
        }
        int kind = kindOf(text[pos - 1]);
        for (int p = pos - 1; p >= limit; p--) {
            if ((kind & DIGIT) != 0) {
                return false;
            }
            int left = p > 0 ? kindOf(text[p - 1]) : 0;
            if ((kind & FIRST) != 0 && ((kind & WORD) == 0 || (left & WORD) == 0) && matchAt(text, p) >= 0) {
                return true;
            }
            kind = left;
        }
        return false;
    }

    /** The {@link #kinds} bits of {@code c}. */
    private int kindOf(char c) {
        return c < BUCKETS ? kinds[c] : kinds[BUCKETS] | (Chars.isWordChar(c) ? WORD : 0);
    }

    /** The end of the phrase that starts exactly at {@code i} of a text's characters (a {@link TextIndex#chars()}), or -1. */
    public int matchAt(char[] text, int i) {
        int bucket = bucket(text[i]);
        char[][] candidates = chars[bucket];
        if (candidates.length == 0) {
            return -1;
        }
        int n = text.length;
        char raw = i + 1 < n ? text[i + 1] : 0;
        char second = lower(raw);
        if (!anySecond[bucket] && (second >= 256 || ((secondBits[4 * bucket + (second >> 6)] >>> (second & 63)) & 1) == 0)) {
            return -1;
        }
        char[] bucketSeconds = seconds[bucket];
        char[] bucketThirds = thirds[bucket];
        char third = i + 2 < n ? text[i + 2] : 0;
        char thirdLower = third >= 'A' && third <= 'Z' ? (char) (third | 0x20) : third;
        int verified = bucket == BUCKETS - 1 ? 0 : raw < 128 ? 2 : 1;
        for (int k = 0; k < candidates.length; k++) {
            char[] phrase = candidates[k];
            int end = i + phrase.length;
            if (end <= n
                    && (phrase.length == 1 || bucketSeconds[k] == second)
                    && (phrase.length < 3 || third >= 128 || bucketThirds[k] >= 128 || bucketThirds[k] == thirdLower)
                    && matches(text, i, phrase, byFirstChar[bucket][k], verified)
                    && (!wordEnds[bucket][k] || Chars.wordEndsAt(text, end))) {
                return end;
            }
        }
        return -1;
    }

    /** Every phrase, in lower case, for {@link WordLists} to hash. */
    List<String> phrases() {
        List<String> all = new ArrayList<>();
        for (String[] bucket : byFirstChar) {
            all.addAll(List.of(bucket));
        }
        return all;
    }

    /** Same as {@link Character#toLowerCase(char)}, without the JDK's table for ASCII. */
    private static char lower(char c) {
        return c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c) : Character.toLowerCase(c);
    }

    /** {@link #matches(String, int, char[], String, int)} over a text's characters. */
    private static boolean matches(char[] text, int i, char[] phrase, String phraseString, int verified) {
        for (int k = Math.min(verified, phrase.length); k < phrase.length; k++) {
            char a = text[i + k];
            char b = phrase[k];
            if (a == b) {
                continue;
            }
            if ((a | b) >= 128) {
                // the JDK's case folding, over just the compared characters (rare: a non-ASCII letter)
                return new String(text, i, phrase.length).regionMatches(true, 0, phraseString, 0, phrase.length);
            }
            if (!Chars.isAsciiLetter(a) || (a | 0x20) != (b | 0x20)) {
                return false;
            }
        }
        return true;
    }
}
