package dev.veil.tokenizer.detect;

import java.util.List;

/**
 * Finds dates of birth: a calendar date in a common English or Spanish form ({@code 1985-03-12},
 * {@code 12/03/1985}, {@code March 12, 1985}, {@code 12 de marzo de 1985} ...) shortly after a
 * birth word such as "DOB", "date of birth", "born", "fecha de nacimiento" or "nacida el".
 * Dates without such a word are not reported: most dates in a ticket are not birthdays.
 */
public final class DateOfBirthDetector implements IndexedDetector {

    static final ContextWords CONTEXT = ContextWords.of(
            "dob", "d.o.b.", "d.o.b", "date of birth", "birth date", "birthdate", "born", "born on", "birthday",
            "b-day", "bday", "fecha de nacimiento", "fecha nacimiento", "f. nacimiento", "f. de nacimiento",
            "f. nac.", "f.nac.", "f. nac", "fecha nac.", "fecha nac", "fec. nac.", "fnac", "nacimiento", "nacido",
            "nacida", "nació", "nacio", "cumpleaños", "cumple");
    /** How far after the birth word the date may start ("born in Madrid on the ..."). */
    private static final int WINDOW = 24;
    private static final double CONFIDENCE = Confidence.boosted(Confidence.SPECIFIC_PATTERN, true);

    @Override
    public PiiType type() {
        return PiiType.DATE_OF_BIRTH;
    }

    @Override
    public void detect(String text, TextIndex index, List<Span> out) {
        int n = text.length();
        int from = 0;
        while (from < n) {
            int contextEnd = CONTEXT.findEnd(text, index, from);
            if (contextEnd < 0) {
                return;
            }
            int next = contextEnd;
            int limit = Math.min(n, contextEnd + WINDOW);
            for (int p = contextEnd; p < limit; p++) {
                if (!Chars.isAsciiAlnum(text.charAt(p)) || !Chars.wordStartsAt(text, p)) {
                    continue;
                }
                int end = DateParser.parse(text, p);
                if (end > 0) {
                    out.add(new Span(PiiType.DATE_OF_BIRTH, p, end, CONFIDENCE));
                    next = end;
                    break;
                }
            }
            from = Math.max(next, contextEnd);
        }
    }
}
