package dev.veil.tokenizer.detect.address;

import dev.veil.tokenizer.detect.Chars;
import dev.veil.tokenizer.detect.ContextWords;
import dev.veil.tokenizer.detect.Detector;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import dev.veil.tokenizer.detect.TextIndex;
import java.util.List;

/**
 * Finds the value of an address field in form-like text: {@code Address: ...}, {@code Domicilio: ...},
 * {@code Dirección: ...} up to the end of the line (or on the next line when the label stands alone).
 */
public final class LabelledAddressDetector implements Detector, ScannedDetector {

    static final ContextWords LABELS = ContextWords.of(
            "address", "home address", "street address", "postal address", "mailing address", "billing address",
            "shipping address", "delivery address", "dirección", "direccion", "dirección postal", "domicilio",
            "dirección de envío", "direccion de envio", "dirección de facturación", "domicilio social");
    private static final int MAX_VALUE = 120;
    private static final double CONFIDENCE = 0.8;

    @Override
    public PiiType type() {
        return PiiType.ADDRESS;
    }

    @Override
    public void detect(String text, List<Span> out) {
        detect(Text.of(text), TextIndex.of(text), out);
    }

    @Override
    public void detect(Text text, AddressScan scan, List<Span> out) {
        detect(text, scan.index(), out);
    }

    /**
     * Reads the value after every label that ends at a colon. The colons are those the index listed
     * in its one pass over the text (with the dots): no search of the text of its own.
     */
    private static void detect(Text text, TextIndex index, List<Span> out) {
        int n = text.length();
        int from = 0;
        int[] marks = index.dotsAndColons();
        int count = index.dotOrColonCount();
        for (int k = 0; k < count; k++) {
            int colon = marks[k];
            if (colon < from || text.charAt(colon) != ':') {
                continue;
            }
            from = colon + 1;
            int label = labelStart(text, colon);
            if (label < 0) {
                continue;
            }
            int start = AddressParts.skipBlanks(text, colon + 1);
            if (start < n && text.charAt(start) == '\r') {
                start++;
            }
            if (start < n && text.charAt(start) == '\n') {
                start = AddressParts.skipBlanks(text, start + 1);
            }
            int end = start;
            while (end < n && end - start < MAX_VALUE && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            if (end - start >= MAX_VALUE) {
                continue; // a paragraph, not a field value
            }
            while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '.' || text.charAt(end - 1) == ',')) {
                end--;
            }
            if (end - start < 4 || !(Chars.isUpper(text.charAt(start)) || Chars.isDigit(text.charAt(start)))
                    || !looksLikeAddress(text, start, end)) {
                continue;
            }
            out.add(new Span(PiiType.ADDRESS, start, end, CONFIDENCE));
            from = end;
        }
    }

    /** A house number or a street type somewhere in the value; a bare name is not an address. */
    private static boolean looksLikeAddress(Text text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (Chars.isDigit(c)) {
                return true;
            }
            if (text.wordStartsAt(i) && Chars.isLetter(c)
                    && (StreetAddressDetector.STRONG_TYPES.matchAt(text.chars(), i) > 0
                            || StreetAddressDetector.WEAK_TYPES.matchAt(text.chars(), i) > 0
                            || SpanishAddressDetector.STREET_TYPES.matchAt(text.chars(), i) > 0)) {
                return true;
            }
        }
        return false;
    }

    /** The start of a label that ends right before {@code colon} and begins a line or a clause, or -1. */
    private static int labelStart(Text text, int colon) {
        int p = colon;
        while (p > 0 && text.charAt(p - 1) == ' ') {
            p--;
        }
        int wordStart = p;
        // a label is at most three words
        for (int words = 0; words < 3 && wordStart > 0; words++) {
            int w = wordStart;
            while (w > 0 && Chars.isLetter(text.charAt(w - 1))) {
                w--;
            }
            if (w == wordStart) {
                break;
            }
            if (LABELS.matchAt(text.chars(), w) == p) {
                return w;
            }
            wordStart = w;
            if (wordStart > 0 && text.charAt(wordStart - 1) == ' ') {
                wordStart--;
            } else {
                break;
            }
        }
        return -1;
    }
}
