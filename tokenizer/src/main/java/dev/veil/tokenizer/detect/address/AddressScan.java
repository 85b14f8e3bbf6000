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
    private int[] letterHops;

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
        int[] hops = letterHops();
        int k = 0;
        while (k < count) {
            if ((masks[k] & bits) != 0 && Chars.isAsciiLetter(text.charAt(starts[k]))) {
                k = TextIndex.seek(starts, count, k, visit.applyAsInt(starts[k]));
            } else {
                k = hops[k];
            }
        }
    }

    /**
     * Per word start, the index of the word start a scan visits next when it passes this word
     * without a match: past the word's letters (and the joiners between them, "Jean-Luc") when the
     * word begins with an ASCII letter, else the next word start.
     */
    private int[] letterHops() {
        if (letterHops == null) {
            int[] starts = index.wordStarts();
            int count = index.wordCount();
            int[] hops = new int[count];
            for (int w = 0; w < count; w++) {
                int i = starts[w];
                int next = Chars.isAsciiLetter(text.charAt(i)) ? Math.max(i + 1, AddressParts.wordEnd(text, i)) : i + 1;
                // usually the next word start; a word joined to the next ("Jean-Luc") passes it
                int k = w + 1;
                while (k < count && starts[k] < next) {
                    k++;
                }
                hops[w] = k;
            }
            letterHops = hops;
        }
        return letterHops;
    }
}
