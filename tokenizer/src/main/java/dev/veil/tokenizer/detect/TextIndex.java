package dev.veil.tokenizer.detect;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * The candidate start positions of one text, found in a single pass so that detectors sharing a
 * registry visit only those positions instead of scanning every character again.
 */
public final class TextIndex {

    /**
     * Per BMP character: {@link #PLAIN_WORD}, {@link #WORD}, {@link #LETTER}, {@link #OPENER} bits
     * (64 KiB, of which a text's few hundred distinct characters are read): one load per character,
     * with no test for a Latin-1 fast path first.
     */
    private static final byte[] CLASSES = new byte[1 << 16];
    /** A word character other than {@code _}: it neither starts nor ends anything inside a word. */
    private static final int PLAIN_WORD = 1;
    /** A word character ({@link Chars#isWordChar}). */
    private static final int WORD = 2;
    /** An ASCII letter: where a cue may start. */
    private static final int LETTER = 4;
    /** {@code +} or {@code (}: a number may start there when a digit follows. */
    private static final int OPENER = 8;
    /** {@code .} or {@code :}: where the IP address detector looks for an address. */
    private static final int DOT_OR_COLON = 16;
    /**
     * A character where {@link NormalizedText}'s view may differ from the text: markup's
     * {@code < & %}, or one beyond ASCII that the view does not keep as it is; or (next bit) one
     * that may glue a prefix to the value after it. Such a word character is no {@link #PLAIN_WORD}.
     */
    private static final int NORMALIZES = 32;
    private static final int GLUE = 64;
    /** The kinds of non-word character that the pass notes somewhere. */
    private static final int RARE = DOT_OR_COLON | OPENER | NORMALIZES | GLUE;

    /** The most entries a list starts with (256 KiB): beyond it a list grows by doubling as it fills. */
    private static final int MOST_PRESIZED = 1 << 16;

    static {
        for (int k = 0; k < CLASSES.length; k++) {
            char c = (char) k;
            boolean word = Chars.isWordChar(c);
            boolean normalizes = NormalizedText.mayChange(c);
            boolean glue = NormalizedText.mayGlue(c);
            CLASSES[c] = (byte) ((word && c != '_' && !normalizes && !glue ? PLAIN_WORD : 0) | (word ? WORD : 0)
                    | (Chars.isAsciiLetter(c) ? LETTER : 0) | (c == '+' || c == '(' ? OPENER : 0)
                    | (c == '.' || c == ':' ? DOT_OR_COLON : 0) | (normalizes ? NORMALIZES : 0) | (glue ? GLUE : 0));
        }
    }

    /** The text's characters, copied once: detectors read them without a checked {@code charAt}. */
    private final char[] chars;
    private int[] numberStarts;
    private int numberCount;
    private int[] wordStarts;
    private int wordCount;
    private int[] cueStarts;
    private int cueCount;
    private int[] dotsAndColons;
    private int dotOrColonCount;
    /** Where {@link NormalizedText}'s one-pass view may differ from the text; see {@link #viewStops}. */
    private int[] viewStops;
    private int viewStopCount;
    /** The digit groups at the number starts, read on first ask; see {@link #numberReads}. */
    private NumberReads numberReads;
    /** The lists {@link #wordMasks} last answered for, and its answer. */
    private WordLists maskedBy;
    private int[] wordMasks;

    private TextIndex(char[] chars) {
        this.chars = chars;
        // most texts a registry sees are short field values: no list can hold more entries than the
        // text has characters, so a short text's lists are sized to it rather than to a long one's.
        // A long text's lists start at what prose fills (on the benchmark corpus a word start per 5 to 6
        // characters, a number and a dot or colon per 28, a view stop per 124): grown by doubling from
        // a short text's size, they cost about twice their final size in allocations and copies, the
        // largest allocations of a registry call over a long text
        int n = chars.length;
        numberStarts = new int[initialSize(n, 32, n >> 4)];
        wordStarts = new int[initialSize(n, 128, n >> 2)];
        cueStarts = new int[initialSize(n, 128, n >> 2)];
        dotsAndColons = new int[initialSize(n, 32, n >> 4)];
        viewStops = new int[initialSize(n, 16, n >> 6)];
    }

    /**
     * A list's first size for a text of {@code n} characters: {@code prose} entries, at least
     * {@code least}, at most one more than the characters; and at most {@link #MOST_PRESIZED}, so
     * that a huge text with few words (a pasted blob) does not hold lists sized for prose.
     */
    private static int initialSize(int n, int least, int prose) {
        return Math.min(Math.max(least, Math.min(prose, MOST_PRESIZED)), n + 1);
    }

    public static TextIndex of(String text) {
        int n = text.length();
        // one bulk copy is cheaper than a checked charAt per character, here and in every detector
        char[] chars = new char[n];
        text.getChars(0, n, chars, 0);
        TextIndex index = new TextIndex(chars);
        // the text word by word: a word's inner characters, the most of a text, cost one table test
        // each, as inside a word nothing starts but a cue after '_' (the same positions as a test of
        // every character against the previous one)
        boolean lineStart = true; // the text start counts as a line start
        int i = 0;
        while (i < n) {
            // here the text starts, or the previous character ends a word or is not a word character (an
            // opener glued to a word is turned down by Chars.numberStartsAt)
            char c = chars[i];
            int kind = kind(c);
            if ((kind & WORD) == 0) {
                if (lineStart) {
                    index.addCue(i);
                }
                if ((kind & RARE) != 0) { // not a space, comma, dash or line break
                    if ((kind & DOT_OR_COLON) != 0) {
                        index.addDotOrColon(i); // a non-word character: noted in the same pass
                    }
                    if ((kind & (NORMALIZES | GLUE)) != 0) {
                        index.noteViewStop(kind, i);
                    }
                    if ((kind & OPENER) != 0 && i + 1 < n && Chars.isDigit(chars[i + 1])
                            && Chars.numberStartsAt(chars, i)) {
                        index.addNumber(i);
                    }
                }
                lineStart = c == '\n';
                i++;
                continue;
            }
            if (lineStart || (kind & LETTER) != 0) {
                index.addCue(i);
            }
            index.addWord(i);
            if (Chars.isDigit(c) && Chars.numberStartsAt(chars, i)) {
                index.addNumber(i);
            }
            if ((kind & (NORMALIZES | GLUE)) != 0) {
                index.noteViewStop(kind, i);
            }
            lineStart = false;
            i++;
            boolean afterUnderscore = c == '_';
            while (true) {
                if (afterUnderscore && i < n && Chars.isAsciiLetter(chars[i])) {
                    index.addCue(i); // "user_Name": a letter after '_' may start a cue
                }
                int inner = 0;
                while (i < n && ((inner = kind(chars[i])) & PLAIN_WORD) != 0) {
                    i++;
                }
                if (i >= n || (inner & WORD) == 0) {
                    break; // the word ends
                }
                // '_', or a rare word character the view may change or that may glue (º, ª)
                afterUnderscore = chars[i] == '_';
                if ((inner & (NORMALIZES | GLUE)) != 0) {
                    index.noteViewStop(inner, i);
                }
                i++;
            }
        }
        return index;
    }

    private static int kind(char c) {
        return CLASSES[c];
    }

    /**
     * The indexed text's characters, shared by every detector of one registry call: callers read them
     * and must never write them.
     */
    public char[] chars() {
        return chars;
    }

    /**
     * Positions, ascending, where a digit, or a {@code +} or {@code (} followed by a digit, stands and
     * {@link Chars#numberStartsAt} holds; only the first {@link #numberCount()} entries are valid.
     */
    public int[] numberStarts() {
        return numberStarts;
    }

    public int numberCount() {
        return numberCount;
    }

    /**
     * The first entry, from entry {@code k} on, of the {@link #numberStarts()} that stands at or after
     * {@code from} on a digit with {@code length} characters of the indexed text left from it, or
     * {@link #numberCount()} if none does. The digit-led detectors step through the number starts with
     * it in a plain loop: small enough to inline, where {@link #visit} costs a lambda call per number.
     */
    public int nextDigitStart(int k, int from, int length) {
        int last = chars.length - length;
        for (; k < numberCount; k++) {
            int start = numberStarts[k];
            if (start > last) {
                return numberCount; // the starts ascend: no room from here on
            }
            if (start >= from && Chars.isDigit(chars[start])) {
                return k;
            }
        }
        return numberCount;
    }

    /**
     * The digit groups at this text's number starts, each read once on the first ask and then shared
     * by every digit-led detector the registry runs over the text. Filled lazily, so an index is
     * confined to the call (and thread) that made it, as the registry's is.
     */
    NumberReads numberReads() {
        if (numberReads == null) {
            numberReads = new NumberReads(this);
        }
        return numberReads;
    }

    /**
     * {@link WordLists#masks} of {@code lists} over this text's word starts, computed on the first ask
     * and shared by every later one with the same lists: the scans that probe every word of a text ask
     * one combined table once per word instead of each their own. Filled lazily, like
     * {@link #numberReads}; callers read the array and must never write it.
     */
    public int[] wordMasks(WordLists lists) {
        if (maskedBy != lists) {
            wordMasks = lists.masks(chars, this);
            maskedBy = lists;
        }
        return wordMasks;
    }

    /**
     * Positions, ascending, of word characters where {@link Chars#wordStartsAt} holds; only the first
     * {@link #wordCount()} entries are valid.
     */
    public int[] wordStarts() {
        return wordStarts;
    }

    public int wordCount() {
        return wordCount;
    }

    /**
     * The index of the first of the {@code count} ascending {@code starts} at or after {@code i},
     * or {@code count}; searches from {@code k}, either way, so a scan may also step back.
     */
    public static int seek(int[] starts, int count, int k, int i) {
        // the usual moves, small enough to inline into every scan: on to the next entry after a
        // visited one, or staying at an entry that is already the answer
        if (k < count) {
            if (starts[k] < i) {
                if (k + 1 == count || starts[k + 1] >= i) {
                    return k + 1;
                }
            } else if (k == 0 || starts[k - 1] < i) {
                return k;
            }
        }
        return seekFar(starts, count, k, i);
    }

    private static int seekFar(int[] starts, int count, int k, int i) {
        // a few linear steps cover the usual short move; a long one (a scan restarting from the
        // first entry) gallops and then bisects, so repeated seeks never turn quadratic
        for (int steps = 0; steps < 8; steps++) {
            if (k > 0 && starts[k - 1] >= i) {
                k--;
            } else if (k < count && starts[k] < i) {
                k++;
            } else {
                return k;
            }
        }
        boolean back = k > 0 && starts[k - 1] >= i;
        if (!back && (k >= count || starts[k] >= i)) {
            return k;
        }
        int low;
        int high;
        if (back) {
            // the answer is in [low, k - 1]: starts[k - 1] >= i
            high = k - 1;
            int step = 1;
            low = high - step;
            while (low > 0 && starts[low - 1] >= i) {
                high = low - 1;
                step <<= 1;
                low = high - step;
            }
            low = Math.max(low, 0);
        } else {
            // the answer is in [k + 1, count]: starts[k] < i
            low = k + 1;
            int step = 1;
            high = low + step;
            while (high < count && starts[high - 1] < i) {
                low = high;
                step <<= 1;
                high = low + step;
            }
            high = Math.min(high, count);
        }
        // the first entry >= i in [low, high]; high is a valid answer (count, or an entry >= i)
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (starts[mid] < i) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * Calls {@code visit} with each of the {@code count} ascending {@code starts} in turn, skipping
     * those before the position the previous call returned (which must be past the one it got).
     * Detectors use it to visit only candidate positions: a position that is not a candidate
     * would have failed their own first test.
     */
    public static void visit(int[] starts, int count, IntUnaryOperator visit) {
        int i = 0;
        int k = 0;
        while ((k = seek(starts, count, k, i)) < count) {
            i = visit.applyAsInt(starts[k]);
        }
    }

    /**
     * Positions, ascending, where a person cue may start: the text start, a line start, or an ASCII
     * letter after a character that is not a letter or digit; only the first {@link #cueCount()}
     * entries are valid.
     */
    public int[] cueStarts() {
        return cueStarts;
    }

    public int cueCount() {
        return cueCount;
    }

    /**
     * Positions, ascending, of every {@code .} and {@code :} of the text (found in the index's one
     * pass, instead of a search of the text per character kind); only the first
     * {@link #dotOrColonCount()} entries are valid.
     */
    public int[] dotsAndColons() {
        return dotsAndColons;
    }

    public int dotOrColonCount() {
        return dotOrColonCount;
    }

    /**
     * Positions, ascending, that {@link NormalizedText} must look at to make this text's view: every
     * character the view may change (markup, or beyond ASCII and not kept), and every value start
     * ({@link NormalizedText#mayStartValue}) after a character that may glue a prefix to it. Every
     * other character the view keeps as it is, so the view's builder skips from one to the next
     * instead of testing each character again. Only the first {@link #viewStopCount()} are valid.
     */
    int[] viewStops() {
        return viewStops;
    }

    int viewStopCount() {
        return viewStopCount;
    }

    /** Notes the view stop that the character at {@code i}, of kind {@code kind}, makes. */
    private void noteViewStop(int kind, int i) {
        if ((kind & NORMALIZES) != 0) {
            addViewStop(i);
        }
        if ((kind & GLUE) != 0 && i + 1 < chars.length && NormalizedText.mayStartValue(chars[i + 1])) {
            addViewStop(i + 1); // a value start neither NORMALIZES nor glues, so the stops ascend
        }
    }

    private void addViewStop(int i) {
        if (viewStopCount == viewStops.length) {
            viewStops = Arrays.copyOf(viewStops, viewStopCount * 2);
        }
        viewStops[viewStopCount++] = i;
    }

    private void addDotOrColon(int i) {
        if (dotOrColonCount == dotsAndColons.length) {
            dotsAndColons = Arrays.copyOf(dotsAndColons, dotOrColonCount * 2);
        }
        dotsAndColons[dotOrColonCount++] = i;
    }

    private void addCue(int i) {
        if (cueCount == cueStarts.length) {
            cueStarts = Arrays.copyOf(cueStarts, cueCount * 2);
        }
        cueStarts[cueCount++] = i;
    }

    private void addNumber(int i) {
        if (numberCount == numberStarts.length) {
            numberStarts = Arrays.copyOf(numberStarts, numberCount * 2);
        }
        numberStarts[numberCount++] = i;
    }

    private void addWord(int i) {
        if (wordCount == wordStarts.length) {
            wordStarts = Arrays.copyOf(wordStarts, wordCount * 2);
        }
        wordStarts[wordCount++] = i;
    }
}
