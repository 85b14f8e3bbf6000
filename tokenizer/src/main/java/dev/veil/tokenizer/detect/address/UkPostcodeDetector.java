package dev.veil.tokenizer.detect.address;

import dev.veil.tokenizer.detect.Chars;
import dev.veil.tokenizer.detect.Confidence;
import dev.veil.tokenizer.detect.IndexedDetector;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import dev.veil.tokenizer.detect.TextIndex;
import java.util.List;

/**
 * Finds UK postcodes on their own ({@code SW1A 2AA}, {@code M1 1AE}): upper case, outward and inward
 * code separated by one space. Postcodes inside a full address are reported with the street instead.
 */
public final class UkPostcodeDetector implements IndexedDetector, ScannedDetector {

    private static final double CONFIDENCE = Confidence.PATTERN;
    /** Below a numbered street with the same postcode, so the street detector's span wins a tie. */
    private static final double WITH_STREET = Confidence.SPECIFIC_PATTERN;
    private static final int MAX_WORDS_BEFORE = 10;

    @Override
    public PiiType type() {
        return PiiType.ADDRESS;
    }

    @Override
    public void detect(String text, TextIndex index, List<Span> out) {
        AddressScan scan = AddressScan.of(text, index);
        detect(scan.text(), scan, out);
    }

    /**
     * Whether a postcode may start at word start {@code i} of {@code chars}: room for one, and an
     * outward code's start, one or two capitals and a digit ("M1", "SW1A"), which most words fail.
     */
    static boolean mayStart(char[] chars, int i) {
        if (i + 6 > chars.length) {
            return false;
        }
        char c = chars[i];
        char second = chars[i + 1];
        return c >= 'A' && c <= 'Z' && (Chars.isDigit(second) || (second >= 'A' && second <= 'Z' && Chars.isDigit(chars[i + 2])));
    }

    /** Reads the word starts where {@link #mayStart} holds, which the shared scan found in its pass over every word. */
    @Override
    public void detect(Text text, AddressScan scan, List<Span> out) {
        int[] starts = scan.index().wordStarts();
        int next = 0; // the scan goes on after the character following the last postcode
        for (int k : scan.ukPostcodeStarts()) {
            int i = starts[k];
            if (i < next || !text.wordStartsAt(i)) {
                continue;
            }
            int end = AddressParts.ukPostcodeEnd(text, i);
            // only the spaced form: "AB12CD"-like codes are product and order ids far more often
            if (end < 0 || !hasSpace(text, i, end) || !Chars.numberEndsAt(text.chars(), end)) {
                continue;
            }
            int from = streetBefore(text, i);
            int to = AddressParts.withCountry(text, end);
            boolean context = AddressParts.CONTEXT.before(text.chars(), from, AddressParts.CONTEXT_WINDOW);
            double base = from < i ? WITH_STREET : CONFIDENCE;
            out.add(new Span(PiiType.ADDRESS, from, from < i ? to : end, Confidence.boosted(base, context)));
            next = end + 1;
        }
    }

    /**
     * The start of the capitalised words before a postcode on the same line if they name a street
     * ({@code Marlborough Rd, St. James's, London SW1A 1BQ}), else {@code postcode}.
     */
    static int streetBefore(Text text, int postcode) {
        int p = postcode;
        int earliest = postcode;
        boolean street = false;
        for (int words = 0; words < MAX_WORDS_BEFORE; words++) {
            int q = p;
            while (q > 0 && text.charAt(q - 1) == ' ') {
                q--;
            }
            if (q > 0 && text.charAt(q - 1) == ',') {
                q--;
                while (q > 0 && text.charAt(q - 1) == ' ') {
                    q--;
                }
            }
            if (q == p && words > 0) {
                break;
            }
            int end = q;
            if (end > 0 && text.charAt(end - 1) == '.') {
                end--;
            }
            int w = end;
            while (w > 0 && (Chars.isLetterOrDigit(text.charAt(w - 1)) || text.charAt(w - 1) == '\'')) {
                w--;
            }
            if (w == end || !(Chars.isUpper(text.charAt(w)) || Chars.isDigit(text.charAt(w)))) {
                break;
            }
            street |= StreetAddressDetector.STRONG_TYPES.matchAt(text.chars(), w) > 0 || StreetAddressDetector.WEAK_TYPES.matchAt(text.chars(), w) > 0;
            earliest = w;
            p = w;
        }
        return street ? earliest : postcode;
    }

    private static boolean hasSpace(Text text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == ' ') {
                return true;
            }
        }
        return false;
    }
}
