package dev.veil.tokenizer.detect.address;

import dev.veil.tokenizer.detect.WordLists;

/**
 * Tells whether a word is a street type in English or Spanish ("Street", "Lodge", "Calle"), for
 * detectors of other types that must not read a street name as something else ("Norman Lodge").
 */
public final class StreetWords {

    /** The three lists, looked up at once: a list whose bit is clear has no phrase there. */
    private static final WordLists TYPES = WordLists.of(StreetAddressDetector.STRONG_TYPES,
            StreetAddressDetector.WEAK_TYPES, SpanishAddressDetector.STREET_TYPES);

    private StreetWords() {}

    /** Whether {@code text[start, end)} (a text's characters) is exactly one street type word, in any case. */
    public static boolean isStreetType(char[] text, int start, int end) {
        int lists = TYPES.maskAt(text, start);
        return (lists & 1) != 0 && StreetAddressDetector.STRONG_TYPES.matchAt(text, start) == end
                || (lists & 2) != 0 && StreetAddressDetector.WEAK_TYPES.matchAt(text, start) == end
                || (lists & 4) != 0 && SpanishAddressDetector.STREET_TYPES.matchAt(text, start) == end;
    }
}
