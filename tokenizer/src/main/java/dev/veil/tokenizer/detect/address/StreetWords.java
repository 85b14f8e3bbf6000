package dev.veil.tokenizer.detect.address;

/**
 * Tells whether a word is a street type in English or Spanish ("Street", "Lodge", "Calle"), for
 * detectors of other types that must not read a street name as something else ("Norman Lodge").
 */
public final class StreetWords {

    private StreetWords() {}

    /** Whether {@code text[start, end)} is exactly one street type word, in any case. */
    public static boolean isStreetType(String text, int start, int end) {
        return StreetAddressDetector.STRONG_TYPES.matchAt(text, start) == end
                || StreetAddressDetector.WEAK_TYPES.matchAt(text, start) == end
                || SpanishAddressDetector.STREET_TYPES.matchAt(text, start) == end;
    }
}
