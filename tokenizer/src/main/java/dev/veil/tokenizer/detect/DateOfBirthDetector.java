package dev.veil.tokenizer.detect;

import dev.veil.tokenizer.detect.address.WordClasses;
import java.util.List;

/**
 * Finds dates of birth: a calendar date in a common English or Spanish form ({@code 1985-03-12},
 * {@code 12/03/1985}, {@code March 12, 1985}, {@code 12 de marzo de 1985} ...) shortly after a
 * birth word such as "DOB", "date of birth", "born", "fecha de nacimiento" or "nacida el".
 * Dates without such a word are not reported: most dates in a ticket are not birthdays.
 */
public final class DateOfBirthDetector implements IndexedDetector {

    /** The birth words; {@link WordClasses} looks up their first words with the address lists'. */
    public static final ContextWords CONTEXT = ContextWords.of(
            "dob", "d.o.b.", "d.o.b", "date of birth", "birth date", "birthdate", "born", "born on", "birthday",
            "b-day", "bday", "fecha de nacimiento", "fecha nacimiento", "f. nacimiento", "f. de nacimiento",
            "f. nac.", "f.nac.", "f. nac", "fecha nac.", "fecha nac", "fec. nac.", "fnac", "nacimiento", "nacido",
            "nacida", "nació", "nacio", "nací", "naci", "cumpleaños", "cumple", "birth", "natalicio");
    /** How far from the birth word the date may stand, within its sentence ("born in Madrid on the ..."). */
    private static final int WINDOW = 64;
    private static final double CONFIDENCE = Confidence.boosted(Confidence.SPECIFIC_PATTERN, true);

    @Override
    public PiiType type() {
        return PiiType.DATE_OF_BIRTH;
    }

    @Override
    public void detect(String source, TextIndex index, List<Span> out) {
        // the index's copy of the characters: no checked charAt (a text with any character beyond
        // Latin-1 pays a coder and bounds test per call) in the scans below and in DateParser
        char[] text = index.chars();
        int n = text.length;
        int from = 0;
        int taken = 0; // dates before this position are already reported
        int[] starts = index.wordStarts();
        int count = index.wordCount();
        // the first words that may open a birth word, looked up once per text with the address lists'
        int[] classes = WordClasses.of(index);
        int k = 0;
        while (from < n) {
            // the first context phrase at a word start from here on, turning most starts down by their first word
            k = TextIndex.seek(starts, count, k, from);
            for (; k < count; k++) {
                if ((classes[k] & WordClasses.BIRTH_WORD) != 0 && CONTEXT.matchAt(text, starts[k]) >= 0) {
                    break;
                }
            }
            if (k == count) {
                return;
            }
            int contextStart = starts[k];
            int contextEnd = CONTEXT.matchAt(text, contextStart);
            int next = contextEnd;
            // the date usually follows the word ("DOB: ..."), else it comes first ("12/03/1985 is my birthday")
            long found = dateAfter(text, contextEnd, sentenceEnd(text, contextEnd, Math.min(n, contextEnd + WINDOW)));
            if (found < 0) {
                found = dateBefore(text, Math.max(taken, sentenceStart(text, contextStart, Math.max(0, contextStart - WINDOW))),
                        contextStart);
            }
            if (found >= 0) {
                int start = (int) (found >>> 32);
                int end = (int) found;
                out.add(new Span(PiiType.DATE_OF_BIRTH, start, end, CONFIDENCE));
                taken = Math.max(taken, end);
                next = Math.max(next, end);
            }
            from = next;
        }
    }

    /** The first date starting in {@code [from, limit)}, as start and end packed in a long, or -1. */
    private static long dateAfter(char[] text, int from, int limit) {
        for (int p = from; p < limit; p++) {
            if (!Chars.isAsciiAlnum(text[p]) || !Chars.wordStartsAt(text, p)) {
                continue;
            }
            int end = DateParser.parse(text, p);
            if (end > 0) {
                return ((long) p << 32) | end;
            }
        }
        return -1;
    }

    /** The last date that starts in {@code [from, limit)} and ends before {@code limit}, or -1. */
    private static long dateBefore(char[] text, int from, int limit) {
        long found = -1;
        for (int p = from; p < limit; p++) {
            if (!Chars.isAsciiAlnum(text[p]) || !Chars.wordStartsAt(text, p)) {
                continue;
            }
            int end = DateParser.parse(text, p);
            if (end > 0 && end <= limit) {
                found = ((long) p << 32) | end;
                p = end - 1;
            }
        }
        return found;
    }

    /** The end of the sentence that runs from {@code from}, at most {@code limit}: a line break or a full stop before a space. */
    private static int sentenceEnd(char[] text, int from, int limit) {
        for (int p = from; p < limit; p++) {
            if (breaksSentence(text, p)) {
                return p;
            }
        }
        return limit;
    }

    /** The start of the sentence that holds {@code pos}, at least {@code limit}. */
    private static int sentenceStart(char[] text, int pos, int limit) {
        for (int p = pos - 1; p >= limit; p--) {
            if (breaksSentence(text, p)) {
                return p + 1;
            }
        }
        return limit;
    }

    private static boolean breaksSentence(char[] text, int p) {
        char c = text[p];
        if (c == '\n') {
            return true;
        }
        // a dot inside a date (12.03.1985) or after an abbreviation's letter run is no break unless a space follows
        return (c == '.' || c == '!' || c == '?' || c == ';') && (p + 1 >= text.length || text[p + 1] == ' ')
                && !(c == '.' && p > 0 && abbreviation(text, p));
    }

    /** "Mar." or "f. nac.": a short letter run before a dot is an abbreviation, not a sentence end. */
    private static boolean abbreviation(char[] text, int dot) {
        int p = dot;
        while (p > 0 && Chars.isAsciiLetter(text[p - 1])) {
            p--;
        }
        return dot - p >= 1 && dot - p <= 4 && Character.isLowerCase(text[dot - 1]) && DateParser.monthEnd(text, p) > 0
                || dot - p == 1;
    }
}
