package dev.veil.tokenizer.detect.address;

import dev.veil.tokenizer.detect.DateOfBirthDetector;
import dev.veil.tokenizer.detect.TextIndex;
import dev.veil.tokenizer.detect.WordLists;

/**
 * The word lists that scans over every word start of a text probe, looked up together: one hash
 * per word for all of them, done once per text ({@link TextIndex#wordMasks}) and shared by the
 * address scan and the date-of-birth detector, where each used to probe its own lists at every word.
 *
 * <p>Only lists that rarely open a word belong here: a list of common words ("the", "and") lets
 * most words of a text past the table's first tests and would make every word's look-up dearer
 * than the look-ups it saves (measured in round 9 of issue 12, see the performance history).
 */
public final class WordClasses {

    /** Bits of {@link #of}: one per list in {@link #LISTS}, in that order. */
    static final int BOX = 1;
    static final int MILITARY_UNIT = 1 << 1;
    static final int SHIP = 1 << 2;
    static final int MILITARY_POST = 1 << 3;
    static final int SPANISH_TYPE = 1 << 4;
    static final int LEAD_IN = 1 << 5;
    static final int APARTMENT = 1 << 6;
    static final int TYPE_BEFORE = 1 << 7;
    static final int CORNER_CUE = 1 << 8;
    /** The address detectors' lists. */
    static final int ADDRESS = (1 << 9) - 1;
    /** A birth word ({@link DateOfBirthDetector}'s context) may start at the word. */
    public static final int BIRTH_WORD = 1 << 9;

    private static final WordLists LISTS = WordLists.of(PostalBoxDetector.BOX, PostalBoxDetector.MILITARY_UNIT,
            PostalBoxDetector.SHIP, PostalBoxDetector.MILITARY_POST, SpanishAddressDetector.STREET_TYPES,
            NameFirstStreetDetector.LEAD_IN, NameFirstStreetDetector.APARTMENT, ContinentalStreetDetector.TYPE_BEFORE,
            IntersectionDetector.CUES, DateOfBirthDetector.CONTEXT);

    private WordClasses() {}

    /**
     * Per word start of {@code index} (entry {@code k} for {@code index.wordStarts()[k]}), the lists
     * (bits above) that may have a phrase starting there: a clear bit means that list's
     * {@code matchAt} is -1 there. Shared by every caller over the same index: read it, never write it.
     */
    public static int[] of(TextIndex index) {
        return index.wordMasks(LISTS);
    }
}
