package dev.veil.tokenizer.detect;

import java.util.List;

/**
 * Finds UK postcodes on their own ({@code SW1A 2AA}, {@code M1 1AE}): upper case, outward and inward
 * code separated by one space. Postcodes inside a full address are reported with the street instead.
 */
public final class UkPostcodeDetector implements Detector {

    private static final double CONFIDENCE = Confidence.PATTERN;

    @Override
    public PiiType type() {
        return PiiType.ADDRESS;
    }

    @Override
    public void detect(String text, List<Span> out) {
        int n = text.length();
        for (int i = 0; i + 6 <= n; i++) {
            char c = text.charAt(i);
            if (c < 'A' || c > 'Z' || !Chars.wordStartsAt(text, i)) {
                continue;
            }
            int end = AddressParts.ukPostcodeEnd(text, i);
            // only the spaced form: "AB12CD"-like codes are product and order ids far more often
            if (end < 0 || !hasSpace(text, i, end) || !Chars.numberEndsAt(text, end)) {
                continue;
            }
            boolean context = AddressParts.CONTEXT.before(text, i, AddressParts.CONTEXT_WINDOW);
            out.add(new Span(PiiType.ADDRESS, i, end, Confidence.boosted(CONFIDENCE, context)));
            i = end;
        }
    }

    private static boolean hasSpace(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == ' ') {
                return true;
            }
        }
        return false;
    }
}
