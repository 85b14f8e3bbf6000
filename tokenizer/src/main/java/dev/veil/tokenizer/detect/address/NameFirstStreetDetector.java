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
 * Finds streets written name first, as in most of continental Europe ({@code Koskikatu 25},
 * {@code Rooseveltlaan 110}, {@code Rákóczi út 66.}), when an apartment or suite follows on the same
 * or the next line: the unit is what tells such a street from any other word and number.
 */
public final class NameFirstStreetDetector implements IndexedDetector, ScannedDetector {

    static final ContextWords APARTMENT = ContextWords.of(
            "apt", "apt.", "apartment", "suite", "ste", "ste.", "flat", "unit", "piso", "puerta");
    /** Phrases after which a name and a number are a street even with no unit: "lives at Hoge Wei 32". */
    static final ContextWords LEAD_IN = ContextWords.of(
            "lives at", "live at", "living at", "lives on", "located at", "moved to", "ship to", "send to", "sent to",
            "deliver to", "address is", "address:", "vive en", "vivo en", "reside en", "enviar a", "envíenlo a",
            "dirección es", "domicilio en", "wohnt in", "habite au");
    private static final int MAX_WORDS = 4;
    private static final double CONFIDENCE = Confidence.FULL_ADDRESS;
    private static final double AFTER_LEAD_IN = Confidence.boosted(Confidence.PATTERN, true);

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
        scan.visitLetterWords(WordClasses.LEAD_IN | WordClasses.APARTMENT, i -> {
            char c = text.charAt(i);
            int leadIn = LEAD_IN.matchAt(text.chars(), i);
            if (leadIn > 0) {
                return Math.max(afterLeadIn(text, leadIn, out), leadIn);
            }
            int unit = Chars.isUpper(c) && APARTMENT.matchAt(text.chars(), i) > 0 ? AddressParts.unitEnd(text, i) : -1;
            if (unit < 0) {
                return Math.max(i + 1, AddressParts.wordEnd(text, i));
            }
            int start = streetStart(text, i);
            if (start < 0) {
                return unit;
            }
            int end = AddressParts.unitsEnd(text, unit);
            int locality = AddressParts.localityEnd(text, end);
            end = locality > 0 ? locality : AddressParts.blockEnd(text, end);
            boolean context = AddressParts.CONTEXT.before(text.chars(), start, AddressParts.CONTEXT_WINDOW);
            out.add(new Span(PiiType.ADDRESS, start, end, Confidence.boosted(CONFIDENCE, context)));
            return end;
        });
    }

    /**
     * Reports {@code [building number] Name Words 12} right after a lead-in phrase, ending at a
     * comma, a full stop, a line break or the end of the text; returns its end or {@code p}.
     */
    private static int afterLeadIn(Text text, int p, List<Span> out) {
        int n = text.length();
        int start = AddressParts.skipBlanks(text, p);
        int pos = start;
        int building = AddressParts.houseNumberEnd(text, pos);
        if (building > 0 && building < n && text.charAt(building) == ' ') {
            pos = building + 1;
        }
        int words = 0;
        while (words < MAX_WORDS && pos < n) {
            int word = AddressParts.wordEnd(text, pos);
            if (word == pos) {
                break;
            }
            if (words == 0 && !Chars.isLetter(text.charAt(pos))) {
                return p;
            }
            words++;
            pos = word < n && text.charAt(word) == '.' ? word + 1 : word;
            if (pos + 1 >= n || text.charAt(pos) != ' ') {
                return p;
            }
            pos++;
            if (Chars.isDigit(text.charAt(pos))) {
                break;
            }
        }
        if (words == 0 || !Chars.isUpper(text.charAt(building > 0 ? building + 1 : start)) && words > 2) {
            return p;
        }
        int number = pos;
        while (number < n && number - pos < 5 && Chars.isDigit(text.charAt(number))) {
            number++;
        }
        if (number == pos || number - pos > 4 || !AddressParts.closesClause(text, number)
                && !(number < n && text.charAt(number) == ' ')) {
            return p;
        }
        if (number < n && text.charAt(number) == ' ' && !AddressParts.closesClause(text, number)) {
            // "Hoge Wei 32 St." or "32 and ...": only a closing word may follow
            return p;
        }
        out.add(new Span(PiiType.ADDRESS, start, number, AFTER_LEAD_IN));
        return number;
    }

    /** The start of {@code Name Words 12} ending just before the unit at {@code unit}, or -1. */
    static int streetStart(Text text, int unit) {
        int p = AddressParts.lineContentBefore(text, unit);
        if (p == unit) {
            return -1;
        }
        // the house number, perhaps with a letter or a final dot: "25", "19.", "12B"
        int numberEnd = p;
        if (p > 0 && text.charAt(p - 1) == '.') {
            p--;
        }
        if (p > 0 && Chars.isAsciiLetter(text.charAt(p - 1)) && p > 1 && Chars.isDigit(text.charAt(p - 2))) {
            p--;
        }
        int digitsEnd = p;
        while (p > 0 && digitsEnd - p < 5 && Chars.isDigit(text.charAt(p - 1))) {
            p--;
        }
        if (p == digitsEnd || p == 0 || text.charAt(p - 1) != ' ' || numberEnd - p > 7) {
            return -1;
        }
        // the street name: one to four words, at least one capitalised, on this line
        int start = -1;
        boolean capitalized = false;
        int q = p - 1;
        for (int words = 0; words < MAX_WORDS && q > 0; words++) {
            int wordEnd = q;
            if (text.charAt(wordEnd - 1) == '.') {
                wordEnd--; // "u.", "ul."
            }
            int w = wordEnd;
            while (w > 0 && (Chars.isLetter(text.charAt(w - 1)) || text.charAt(w - 1) == '\'' || text.charAt(w - 1) == '-')) {
                w--;
            }
            if (w == wordEnd || wordEnd - w > 30) {
                break;
            }
            capitalized |= Chars.isUpper(text.charAt(w));
            start = w;
            if (w == 0 || text.charAt(w - 1) != ' ') {
                break;
            }
            q = w - 1;
        }
        if (start < 0 || !capitalized) {
            return -1;
        }
        // trim leading lower-case words ("lives at"), keep a building number before the name
        while (start < p && !Chars.isUpper(text.charAt(start))) {
            int next = text.indexOf(' ', start);
            if (next < 0 || next >= p) {
                return -1;
            }
            start = next + 1;
        }
        int b = start - 1;
        if (b > 0 && text.charAt(b) == ' ' && Chars.isDigit(text.charAt(b - 1))) {
            int d = b;
            while (d > 0 && b - d < 6 && Chars.isDigit(text.charAt(d - 1))) {
                d--;
            }
            if (Chars.numberStartsAt(text.chars(), d)) {
                start = d;
            }
        }
        return start;
    }
}
