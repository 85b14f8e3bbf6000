package dev.veil.tokenizer.detect.address;

import dev.veil.tokenizer.detect.Chars;
import dev.veil.tokenizer.detect.TextIndex;
import dev.veil.tokenizer.detect.WordLists;
import java.util.function.IntUnaryOperator;

/**
 * What the address detectors share about one text: which of the word lists that start their
 * matches may have a phrase at each word start (one hash per word for all of them, where each
 * detector used to probe its own lists at every word), and where a scan that passes a word goes
 * on. Built per text and dropped with it: nothing is kept between texts.
 */
final class AddressScan {

    /** Bits of {@link #masks()}: one per list in {@link #LISTS}, in that order. */
    static final int BOX = 1;
    static final int MILITARY_UNIT = 1 << 1;
    static final int SHIP = 1 << 2;
    static final int MILITARY_POST = 1 << 3;
    static final int SPANISH_TYPE = 1 << 4;
    static final int LEAD_IN = 1 << 5;
    static final int APARTMENT = 1 << 6;
    static final int TYPE_BEFORE = 1 << 7;
    static final int CORNER_CUE = 1 << 8;

    private static final WordLists LISTS = WordLists.of(PostalBoxDetector.BOX, PostalBoxDetector.MILITARY_UNIT,
            PostalBoxDetector.SHIP, PostalBoxDetector.MILITARY_POST, SpanishAddressDetector.STREET_TYPES,
            NameFirstStreetDetector.LEAD_IN, NameFirstStreetDetector.APARTMENT, ContinentalStreetDetector.TYPE_BEFORE,
            IntersectionDetector.CUES);

    private final String text;
    private final TextIndex index;
    private final int[] masks;

    private AddressScan(String text, TextIndex index, int[] masks) {
        this.text = text;
        this.index = index;
        this.masks = masks;
    }

    /** The scan of {@code text}, whose index is {@code index}. */
    static AddressScan of(String text, TextIndex index) {
        return new AddressScan(text, index, LISTS.masks(text, index));
    }

    /** The index of the text. */
    TextIndex index() {
        return index;
    }

    /** Per word start of the index, the lists (bits above) that may have a phrase starting there. */
    int[] masks() {
        return masks;
    }

    /**
     * Calls {@code visit} with each word start whose mask meets {@code bits}, skipping those before
     * the position the previous call returned: the same calls, in the same order, as
     * {@link TextIndex#visit} over every word start with a visitor that returns {@code i + 1} at
     * every word whose mask misses {@code bits}, adding nothing.
     */
    void visitWords(int bits, IntUnaryOperator visit) {
        int[] starts = index.wordStarts();
        int count = index.wordCount();
        for (int k = 0; k < count; ) {
            k = (masks[k] & bits) != 0 ? TextIndex.seek(starts, count, k, visit.applyAsInt(starts[k])) : k + 1;
        }
    }

    /**
     * Calls {@code visit} with each word start that begins with an ASCII letter and whose mask meets
     * {@code bits}, skipping those before the position the previous call returned: the same calls,
     * in the same order, as {@link TextIndex#visit} over every word start with a visitor that returns
     * {@code i + 1} at a word not beginning with an ASCII letter and the end of the word's letters
     * ({@link AddressParts#wordEnd}) at every other word whose mask misses {@code bits}, adding nothing.
     */
    void visitLetterWords(int bits, IntUnaryOperator visit) {
        int[] starts = index.wordStarts();
        int count = index.wordCount();
        int k = 0;
        while (k < count) {
            boolean letter = Chars.isAsciiLetter(text.charAt(starts[k]));
            if (letter && (masks[k] & bits) != 0) {
                k = TextIndex.seek(starts, count, k, visit.applyAsInt(starts[k]));
            } else {
                k = letter ? afterLetters(starts, count, k) : k + 1;
            }
        }
    }

    /**
     * The index of the first word start at or after the end of the letters of word {@code k}: the
     * next one, unless a joiner glues the two ("Jean-Luc", "O'Brien"), since the character before a
     * word start is no word character and only a joiner carries {@link AddressParts#wordEnd} over it.
     */
    private int afterLetters(int[] starts, int count, int k) {
        int next = k + 1;
        if (next < count) {
            char before = text.charAt(starts[next] - 1);
            if (before == '\'' || before == '’' || before == '-') {
                return TextIndex.seek(starts, count, next, AddressParts.wordEnd(text, starts[k]));
            }
        }
        return next;
    }
}
