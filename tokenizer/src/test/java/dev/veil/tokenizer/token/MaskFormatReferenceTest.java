package dev.veil.tokenizer.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The mask written into an array against the StringBuilder form it replaced (kept here as the
 * reference), on random texts of letters, digits, separators, combining marks, supplementary
 * characters and lone surrogates, under random settings and masks of one and two chars.
 */
class MaskFormatReferenceTest {

    private static final String PIECES = "aZé9٣ -.,/()\u0301\u0308\u20DD\u0903ß\uD835\uDC00\uD83D\uDE00\uD800\uDC00x\u00A0\t";
    private static final String[] MASKS = {"\u2022", "*", "#", "\uD83D\uDD12", "X"};

    @Test
    void masksAsTheStringBuilderFormDid() {
        Random random = new Random(7);
        for (int i = 0; i < 60_000; i++) {
            boolean firstInitial = random.nextInt(4) == 0;
            int keepFirst = firstInitial ? 0 : random.nextInt(4);
            int keepLast = firstInitial ? 0 : random.nextInt(5);
            String mask = MASKS[random.nextInt(MASKS.length)];
            boolean keepSeparators = random.nextBoolean();
            MaskFormat format = MaskFormat.builder().keepFirst(keepFirst).keepLast(keepLast).maskChar(mask)
                    .keepSeparators(keepSeparators).firstInitial(firstInitial).build();
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(20); n > 0; n--) {
                text.append(random.nextInt(8) == 0 ? (char) random.nextInt(0x10000) : PIECES.charAt(random.nextInt(PIECES.length())));
            }
            String value = text.toString();
            assertThat(format.tokenize(value).text()).as("text %d", i)
                    .isEqualTo(reference(value, keepFirst, keepLast, mask, keepSeparators, firstInitial));
        }
    }

    /** MaskFormat.tokenize as it was written with a StringBuilder. */
    private static String reference(String value, int keepFirst, int keepLast, String mask, boolean keepSeparators, boolean firstInitial) {
        String text = Normalizer.isNormalized(value, Normalizer.Form.NFC) ? value : Normalizer.normalize(value, Normalizer.Form.NFC);
        int total = 0;
        for (int i = 0; !firstInitial && i < text.length(); ) {
            int cp = text.codePointAt(i);
            total += Character.isLetterOrDigit(cp) ? 1 : 0;
            i += Character.charCount(cp);
        }
        boolean revealEnds = total > keepFirst + keepLast;
        StringBuilder out = new StringBuilder();
        int seen = 0;
        boolean previousWasWordChar = false;
        boolean previousShown = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK) {
                if (previousShown) {
                    out.appendCodePoint(cp);
                }
                continue;
            }
            if (Character.isLetterOrDigit(cp)) {
                boolean show = firstInitial ? !previousWasWordChar : revealEnds && (seen < keepFirst || seen >= total - keepLast);
                seen++;
                if (show) {
                    out.appendCodePoint(cp);
                } else {
                    out.append(mask);
                }
                previousWasWordChar = true;
                previousShown = show;
            } else {
                if (keepSeparators) {
                    out.appendCodePoint(cp);
                }
                previousWasWordChar = false;
                previousShown = keepSeparators;
            }
        }
        return out.toString();
    }
}
