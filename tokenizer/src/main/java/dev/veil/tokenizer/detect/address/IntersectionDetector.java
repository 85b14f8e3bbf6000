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
 * Finds a place given as a street corner: "the corner of Elm Street and 5th Avenue", "the
 * intersection of Main and Oak", "la esquina de Alcalá con Goya". The two streets are read as
 * capitalised words, numbers and name particles on both sides of "and", "&", "con" or "y".
 */
public final class IntersectionDetector implements IndexedDetector, ScannedDetector {

    static final ContextWords CUES = ContextWords.of(
            "corner of", "intersection of", "junction of", "esquina de", "esquina entre", "cruce de", "cruce entre");
    private static final ContextWords JOINERS = ContextWords.of("and", "&", "con", "y");
    private static final ContextWords PARTICLES = ContextWords.of("de", "del", "la", "las", "los", "of", "the", "du", "des");
    private static final int MAX_WORDS = 5;
    private static final double CONFIDENCE = Confidence.PATTERN;

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
        scan.visitWords(WordClasses.CORNER_CUE, i -> {
            char c = text.charAt(i);
            if ((c | 0x20) != 'c' && (c | 0x20) != 'e' && (c | 0x20) != 'i' && (c | 0x20) != 'j' || !text.wordStartsAt(i)) {
                return i + 1;
            }
            int cue = CUES.matchAt(text.chars(), i);
            int end = cue > 0 ? intersection(text, AddressParts.skipBlanks(text, cue), out) : -1;
            return end > 0 ? end : i + 1;
        });
    }

    /** Reports {@code A and B} starting at {@code start}; returns its end or -1. */
    private static int intersection(Text text, int start, List<Span> out) {
        int first = streetEnd(text, start);
        if (first < 0 || first + 1 >= text.length() || text.charAt(first) != ' ') {
            return -1;
        }
        int joiner = JOINERS.matchAt(text.chars(), first + 1);
        if (joiner < 0 || joiner >= text.length() || text.charAt(joiner) != ' ') {
            return -1;
        }
        int second = streetEnd(text, joiner + 1);
        if (second < 0) {
            return -1;
        }
        boolean context = AddressParts.CONTEXT.before(text.chars(), start, AddressParts.CONTEXT_WINDOW);
        out.add(new Span(PiiType.ADDRESS, start, second, Confidence.boosted(CONFIDENCE, context)));
        return second;
    }

    /**
     * The end of one street of the corner: up to five words, numbers (with a final dot: {@code 39.})
     * or particles on one line, ending with a word or number that is not a particle, with at least
     * one capitalised word; -1 if none.
     */
    static int streetEnd(Text text, int p) {
        int n = text.length();
        int pos = p;
        int end = -1;
        boolean capitalised = false;
        for (int words = 0; words < MAX_WORDS && pos < n; words++) {
            int token = AddressParts.tokenEnd(text, pos);
            if (token == pos || JOINERS.matchAt(text.chars(), pos) == token) {
                break;
            }
            boolean upper = Chars.isUpper(text.charAt(pos));
            boolean number = Chars.isDigit(text.charAt(pos));
            if (upper || number) {
                capitalised |= upper;
                end = token < n && text.charAt(token) == '.' && number ? token + 1 : token;
            } else if (PARTICLES.matchAt(text.chars(), pos) != token) {
                // a short lower-case word of the name or type ("Csabai kapu 39.", "ul. Grochowa 80",
                // "Venizelou str"), inside the street or just before the joiner; longer ones end it
                boolean dot = token < n && text.charAt(token) == '.';
                if (token - pos > 4 && !dot) {
                    break;
                }
                int after = (dot ? token + 1 : token) + 1;
                if (after < n && text.charAt(after - 1) == ' ' && JOINERS.matchAt(text.chars(), after) > 0) {
                    end = after - 1;
                }
            }
            int next = token < n && text.charAt(token) == '.' ? token + 1 : token;
            if (next + 1 >= n || text.charAt(next) != ' ') {
                break;
            }
            pos = next + 1;
        }
        return capitalised ? end : -1;
    }
}
