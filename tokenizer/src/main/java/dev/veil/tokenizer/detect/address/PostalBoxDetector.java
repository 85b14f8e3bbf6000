package dev.veil.tokenizer.detect.address;

import dev.veil.tokenizer.detect.Chars;
import dev.veil.tokenizer.detect.Confidence;
import dev.veil.tokenizer.detect.ContextWords;
import dev.veil.tokenizer.detect.IndexedDetector;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import dev.veil.tokenizer.detect.TextIndex;
import java.util.List;

/**
 * Finds post office boxes ({@code P.O. Box 1234}, {@code PO Box 77}, {@code Apartado de correos 20134},
 * {@code Apdo. 45}) and US military addresses ({@code PSC 3294, Box 9168, APO AA 61487}).
 */
public final class PostalBoxDetector implements IndexedDetector, ScannedDetector {

    static final ContextWords BOX = ContextWords.of(
            "p.o. box", "p. o. box", "p.o.box", "p o box", "po box", "pobox", "post office box", "p.o.b.",
            "apartado de correos", "apartado postal", "apdo. de correos", "apdo de correos", "apdo.", "apdo",
            "apartado", "casilla", "case postale", "pmb");
    /** Military post: the unit line before and the APO/FPO/DPO line. */
    static final ContextWords MILITARY_UNIT = ContextWords.of("psc", "unit", "cmr");
    static final ContextWords MILITARY_POST = ContextWords.of("apo", "fpo", "dpo");
    static final ContextWords SHIP = ContextWords.of("uss", "usns", "uscgc");
    private static final double BOX_ONLY = Confidence.SPECIFIC_PATTERN;
    private static final double FULL = Confidence.FULL_ADDRESS;

    @Override
    public PiiType type() {
        return PiiType.ADDRESS;
    }

    @Override
    public void detect(String text, TextIndex index, List<Span> out) {
        AddressScan scan = AddressScan.of(text, index);
        detect(scan.text(), scan, out);
    }

    @Override
    public void detect(Text text, AddressScan scan, List<Span> out) {
        // a box or military address starts with one of these words
        int words = WordClasses.BOX | WordClasses.MILITARY_UNIT | WordClasses.SHIP | WordClasses.MILITARY_POST;
        scan.visitLetterWords(words, i -> {
            int end = box(text, i, out);
            if (end <= i) {
                end = military(text, i, out);
            }
            return end > i ? end : Math.max(i + 1, AddressParts.wordEnd(text, i));
        });
    }

    private static int box(Text text, int start, List<Span> out) {
        int word = BOX.matchAt(text.chars(), start);
        if (word < 0 || !(Chars.isUpper(text.charAt(start)) || text.charAt(start) == 'p')) {
            return start;
        }
        int q = AddressParts.skipBlanks(text, word);
        if (q < text.length() && (text.charAt(q) == '#' || text.charAt(q) == ':')) {
            q = AddressParts.skipBlanks(text, q + 1);
        }
        if (Chars.regionMatchesIgnoreCase(text.chars(), q, "nº", 0, 2) || Chars.regionMatchesIgnoreCase(text.chars(), q, "no.", 0, 3)) {
            q = AddressParts.skipBlanks(text, q + (text.charAt(q + 1) == 'º' ? 2 : 3));
        }
        int number = digitsEnd(text, q, 1, 8);
        if (number < 0 || q == word) {
            return start;
        }
        int end = number;
        int locality = AddressParts.localityEnd(text, end);
        int postcode = SpanishAddressDetector.postcodeTownEnd(text, end);
        end = Math.max(end, Math.max(locality, postcode));
        boolean context = AddressParts.CONTEXT.before(text.chars(), start, AddressParts.CONTEXT_WINDOW);
        out.add(new Span(PiiType.ADDRESS, start, end, Confidence.boosted(end > number ? FULL : BOX_ONLY, context)));
        return end;
    }

    /**
     * {@code PSC 3294, Box 9168}, {@code Unit 5146 Box 1772} or a ship ({@code USNS Comfort}), then
     * {@code APO AA 61487} on the same or the next line. The whole pattern is distinctive enough to
     * be read in lower case too ({@code psc 5420, box 2708 apo aa 33879}).
     */
    private static int military(Text text, int start, List<Span> out) {
        int unit = MILITARY_UNIT.matchAt(text.chars(), start);
        int ship = unit < 0 ? SHIP.matchAt(text.chars(), start) : -1;
        int p = start;
        if (ship > 0) {
            // the ship's name: one to three words on the line
            int q = ship;
            for (int words = 0; words < 3 && q < text.length() && text.charAt(q) == ' '; words++) {
                int word = AddressParts.wordEnd(text, q + 1);
                if (word == q + 1 || MILITARY_POST.matchAt(text.chars(), q + 1) == word) {
                    break;
                }
                q = word;
            }
            if (q == ship) {
                return start;
            }
            p = AddressParts.skipSeparator(text, q);
        } else if (unit > 0) {
            int number = digitsEnd(text, AddressParts.skipBlanks(text, unit), 3, 5);
            if (number < 0) {
                return start;
            }
            int q = AddressParts.skipSeparator(text, number);
            if (!Chars.regionMatchesIgnoreCase(text.chars(), q, "box", 0, 3)) {
                return start;
            }
            int box = digitsEnd(text, AddressParts.skipBlanks(text, q + 3), 3, 5);
            if (box < 0) {
                return start;
            }
            p = AddressParts.skipSeparator(text, box);
        }
        // the ship's name or the box may end the text, leaving no room for the post line
        int post = p < text.length() ? MILITARY_POST.matchAt(text.chars(), p) : -1;
        if (post < 0 || (p == start && !Chars.isUpper(text.charAt(p)))) {
            return start;
        }
        int q = AddressParts.skipBlanks(text, post);
        if (q + 2 > text.length() || !(Chars.regionMatchesIgnoreCase(text.chars(), q, "AA", 0, 2) || Chars.regionMatchesIgnoreCase(text.chars(), q, "AE", 0, 2)
                || Chars.regionMatchesIgnoreCase(text.chars(), q, "AP", 0, 2))) {
            return start;
        }
        int zip = AddressParts.zipEnd(text, AddressParts.skipBlanks(text, q + 2));
        if (zip < 0) {
            return start;
        }
        boolean context = AddressParts.CONTEXT.before(text.chars(), start, AddressParts.CONTEXT_WINDOW);
        out.add(new Span(PiiType.ADDRESS, start, zip, Confidence.boosted(FULL, context)));
        return zip;
    }

    private static int digitsEnd(Text text, int p, int min, int max) {
        int end = p;
        while (end < text.length() && end - p <= max && Chars.isDigit(text.charAt(end))) {
            end++;
        }
        int length = end - p;
        return length >= min && length <= max && Chars.numberEndsAt(text.chars(), end) ? end : -1;
    }
}
