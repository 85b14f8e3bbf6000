package dev.veil.tokenizer.detect;

import static java.util.Objects.requireNonNull;

/**
 * Several {@link ContextWords} lists looked up together: one hash of the word at a position tells
 * which lists may have a phrase starting there, so a scan that probes many lists at every word
 * start pays one lookup per word instead of one per list and word.
 *
 * <p>The answer is a filter, never a verdict: a clear bit means that list's
 * {@link ContextWords#matchAt} is -1 at that position; a set bit means it may match, and the
 * caller still asks the list. Why a clear bit is safe: a phrase's first word (its leading word
 * characters) can match the text only where the text's word at that position (its leading word
 * characters) has the same length and the same characters up to case, compared the way
 * {@link String#regionMatches(boolean, int, String, int, int)} compares them (upper case, then
 * lower case, of each character), and that comparison never pairs a word character with any other
 * for the Latin-1 phrases hashed here. A list holding a phrase that is not a Latin-1 word followed
 * by anything is marked as possible everywhere.
 */
public final class WordLists {

    /** The FNV-1a 64-bit offset basis and prime. */
    private static final long SEED = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    /** Per ASCII character, its lower case if it is a word character, else 0. */
    private static final char[] ASCII_KEY = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_KEY[c] = Chars.isWordChar(c) ? Character.toLowerCase(c) : 0;
        }
    }

    private final int lists;
    /** Open addressing: a first word's hash (never 0) and the lists that have a phrase starting with that word. */
    private final long[] keys;
    private final int[] masks;
    private final int shift;
    /** Lists that may match anywhere, whatever the word there: their phrases cannot be hashed. */
    private final int everywhere;
    /**
     * Per first character (as {@link #key} gives it, when below 128), bit {@code min(length, 63)} set
     * for the lengths of the first words starting with it: most words of a text are no first word
     * of any phrase, and this tells so before the table is probed.
     */
    private final long[] firstLengths;
    /**
     * The bit {@link #prefixBit} of each first word's first three keys (as {@link #key} gives them;
     * 0 past the word's end) set: three table reads turn most words of a text down before a
     * character of them is hashed.
     */
    private final long[] firstPrefixes;
    /**
     * Per pair of ASCII characters {@code c0}, {@code c1} opening a word (entry {@code c0 << 7 | c1};
     * {@code c1} is 0 at the text's end), bit {@code k & 63} set for the third key {@code k} (as
     * {@link #key} gives it; 0 past the word's end) of each first word whose first two keys are
     * those of {@code c0} and {@code c1}: for a word of ASCII text, one read with no case folding and
     * no hashing turns it down where no first word opens like it.
     */
    private final long[] asciiOpenings;

    private WordLists(int lists, long[] keys, int[] masks, int everywhere, long[] firstLengths, long[] firstPrefixes,
            long[] asciiOpenings) {
        this.lists = lists;
        this.keys = keys;
        this.masks = masks;
        this.shift = 64 - Integer.numberOfTrailingZeros(keys.length);
        this.everywhere = everywhere;
        this.firstLengths = firstLengths;
        this.firstPrefixes = firstPrefixes;
        this.asciiOpenings = asciiOpenings;
    }

    /** The lists, bit {@code k} of every mask standing for {@code lists[k]}; at most 32. */
    public static WordLists of(ContextWords... lists) {
        requireNonNull(lists, "lists");
        if (lists.length > 32) {
            throw new IllegalArgumentException("word lists: " + lists.length + " (expected at most 32)");
        }
        int phrases = 0;
        for (ContextWords list : lists) {
            phrases += requireNonNull(list, "list").phrases().size();
        }
        int capacity = Integer.highestOneBit(Math.max(16, phrases * 4) - 1) << 1;
        long[] keys = new long[capacity];
        int[] masks = new int[capacity];
        int shift = 64 - Integer.numberOfTrailingZeros(capacity);
        int everywhere = 0;
        long[] firstLengths = new long[128];
        long[] firstPrefixes = new long[PREFIX_BITS / 64];
        long[] asciiOpenings = new long[128 * 128];
        for (int k = 0; k < lists.length; k++) {
            for (String phrase : lists[k].phrases()) {
                long hash = firstWordHash(phrase);
                if (hash == 0) {
                    everywhere |= 1 << k;
                    continue;
                }
                int slot = slot(hash, shift);
                while (keys[slot] != 0 && keys[slot] != hash) {
                    slot = (slot + 1) & (capacity - 1);
                }
                keys[slot] = hash;
                masks[slot] |= 1 << k;
                char first = key(phrase.charAt(0));
                int length = firstWordLength(phrase);
                if (first < 128) {
                    firstLengths[first] |= lengthBit(length);
                }
                char second = length > 1 ? key(phrase.charAt(1)) : 0;
                char third = length > 2 ? key(phrase.charAt(2)) : 0;
                int prefix = prefixBit(first, second, third);
                firstPrefixes[prefix >>> 6] |= 1L << prefix;
                addAsciiOpenings(asciiOpenings, first, second, third);
            }
        }
        return new WordLists(lists.length, keys, masks, everywhere, firstLengths, firstPrefixes, asciiOpenings);
    }

    /**
     * Marks in {@code openings} every pair of ASCII characters whose keys are {@code first} and
     * {@code second} (0: any ASCII character that is no word character, or the text's end) with the
     * bit of {@code third}. A key beyond ASCII is the key of no ASCII character: then no pair.
     */
    private static void addAsciiOpenings(long[] openings, char first, char second, char third) {
        for (char c0 = 0; c0 < 128; c0++) {
            if (ASCII_KEY[c0] != first) {
                continue;
            }
            for (char c1 = 0; c1 < 128; c1++) {
                if (ASCII_KEY[c1] == second) {
                    openings[c0 << 7 | c1] |= 1L << third;
                }
            }
        }
    }

    /** The hash of the phrase's first word, or 0 if it has none or holds a character beyond Latin-1. */
    private static long firstWordHash(String phrase) {
        for (int i = 0; i < phrase.length(); i++) {
            if (phrase.charAt(i) >= 256) {
                return 0;
            }
        }
        int end = 0;
        while (end < phrase.length() && Chars.isWordChar(phrase.charAt(end))) {
            end++;
        }
        if (end == 0) {
            return 0;
        }
        long hash = SEED;
        for (int i = 0; i < end; i++) {
            hash = (hash ^ key(phrase.charAt(i))) * PRIME;
        }
        return hash == 0 ? 1 : hash;
    }

    /** The number of leading word characters of a phrase. */
    private static int firstWordLength(String phrase) {
        int end = 0;
        while (end < phrase.length() && Chars.isWordChar(phrase.charAt(end))) {
            end++;
        }
        return end;
    }

    private static long lengthBit(int length) {
        return 1L << Math.min(length, 63);
    }

    /**
     * Whether no phrase's first word starts with the key {@code first} and has {@code length}
     * characters: equal words have equal keys and lengths, so then no hash of the table can be theirs.
     */
    private boolean noFirstWord(char first, int length) {
        return first < 128 && (firstLengths[first] & lengthBit(length)) == 0;
    }

    /** The number of bits of {@link #firstPrefixes} (8 KiB): a few hundred first words leave most clear. */
    private static final int PREFIX_BITS = 1 << 16;

    /** A hash of a word's first three keys, 0 standing for each past the word's end, below {@link #PREFIX_BITS}. */
    private static int prefixBit(char first, char second, char third) {
        return ((first * 0x9E3779B1 + second) * 0x85EBCA6B + third) * 0xC2B2AE35 >>> 16;
    }

    /**
     * Whether no phrase's first word starts with the keys {@code first}, {@code second} and
     * {@code third} (0 past the word's end): equal words have equal keys, so then no hash of the
     * table can be theirs.
     */
    private boolean noFirstPrefix(char first, char second, char third) {
        int prefix = prefixBit(first, second, third);
        return (firstPrefixes[prefix >>> 6] & 1L << prefix) == 0;
    }

    /** The key of a word character, or 0 for any other character: {@code 0} stands for the text's end too. */
    private static char wordKey(char c) {
        return c < 128 ? ASCII_KEY[c] : Chars.isWordChar(c) ? key(c) : 0;
    }

    /** The character as {@link String#regionMatches(boolean, int, String, int, int)} compares it. */
    private static char key(char c) {
        return c < 128 ? ASCII_KEY[c] : Character.toLowerCase(Character.toUpperCase(c));
    }

    private static int slot(long hash, int shift) {
        return (int) ((hash * 0x9E3779B97F4A7C15L) >>> shift);
    }

    /** The number of lists. */
    public int size() {
        return lists;
    }

    /**
     * {@link #maskAt} of each word start of {@code index}, which must be the index of the text whose
     * characters are {@code chars}: entry {@code k} for {@code index.wordStarts()[k]}.
     */
    public int[] masks(char[] chars, TextIndex index) {
        int[] starts = index.wordStarts();
        int count = index.wordCount();
        int[] result = new int[count];
        for (int k = 0; k < count; k++) {
            result[k] = maskAt(chars, starts[k]);
        }
        return result;
    }

    /**
     * The lists (bit {@code k} for the {@code k}-th) that may have a phrase starting at {@code start}
     * of a text's characters (a {@link TextIndex#chars()}).
     */
    public int maskAt(char[] chars, int start) {
        int n = chars.length;
        if (start < n) {
            char c0 = chars[start];
            char c1 = start + 1 < n ? chars[start + 1] : 0;
            if ((c0 | c1) < 128) {
                // most words of a text are ASCII and open like no first word: one read turns them down
                long thirds = asciiOpenings[c0 << 7 | c1];
                if (thirds == 0 || (thirds & 1L << (ASCII_KEY[c1] != 0 && start + 2 < n ? wordKey(chars[start + 2]) : 0)) == 0) {
                    return everywhere;
                }
            }
        }
        // the rest are turned down by their first three characters, before the word is read
        char first = start < n ? wordKey(chars[start]) : 0;
        char second = first != 0 && start + 1 < n ? wordKey(chars[start + 1]) : 0;
        if (first == 0 || noFirstPrefix(first, second, second != 0 && start + 2 < n ? wordKey(chars[start + 2]) : 0)) {
            return everywhere;
        }
        long hash = SEED;
        int end = start;
        while (end < n) {
            char c = chars[end];
            if (c < 128) {
                char key = ASCII_KEY[c];
                if (key == 0) {
                    break;
                }
                hash = (hash ^ key) * PRIME;
            } else if (Chars.isWordChar(c)) {
                hash = (hash ^ key(c)) * PRIME;
            } else {
                break;
            }
            end++;
        }
        return noFirstWord(first, end - start) ? everywhere : lookup(hash == 0 ? 1 : hash);
    }

    private int lookup(long hash) {
        int mask = keys.length - 1;
        for (int slot = slot(hash, shift); keys[slot] != 0; slot = (slot + 1) & mask) {
            if (keys[slot] == hash) {
                return masks[slot] | everywhere;
            }
        }
        return everywhere;
    }
}
