package dev.veil.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.policy.model.Action;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The start filter of known-value propagation finds exactly what an unfiltered RE2 search finds. */
class KnownValuesFilterTest {

    private static final String[] VALUES = {
        "Dana Whitfield", "dana.whitfield@example.com", "+1 415 555 0132", "123-45-6789", "Lucía García",
        "ſtraße 12", "KELVIN K", "İstanbul Cad.", "4111 1111 1111 1111", "ES76 2077 0024 0031 0257 5766", "(415) 555-0199",
    };
    private static final String[] NOISE = {
        "dana", "DANA WHITFIELD", "dana whitfield", "415 555 0132", "(415) 555-0132", "4155550132", "+14155550132",
        "1234567", "lucía garcía", "LUCÍA GARCÍA", "straße 12", "STRASSE", "kelvin k", "istanbul cad.", "İSTANBUL CAD.",
        "4111111111111111", "4111-1111-1111-1111", "es7620770024003102575766", "x", " ", ".", "-", "(", "+", "\n", "é", "ß",
        "Kelvin", "whitfield@example.com", "dana.whitfield@example.community", "a4155550199b", "415.555.0199", "1 415 555 0132",
    };

    @Test
    void theFilteredSearchFindsWhatTheUnfilteredOneFinds() {
        SplittableRandom random = new SplittableRandom(12);
        for (int round = 0; round < 300; round++) {
            KnownValues known = new KnownValues();
            int values = 1 + random.nextInt(VALUES.length);
            for (int i = 0; i < values; i++) {
                String value = VALUES[random.nextInt(VALUES.length)];
                known.add(value, new KnownValues.Known("<" + i + ">", "TYPE", Action.TOKENIZE, null, "rule", null, null));
            }
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(60);
            for (int i = 0; i < parts; i++) {
                String part = random.nextInt(3) == 0 ? VALUES[random.nextInt(VALUES.length)] : NOISE[random.nextInt(NOISE.length)];
                text.append(part).append(random.nextInt(4) == 0 ? "" : " ");
            }
            String t = text.toString();
            List<KnownValues.Hit> expected = known.findUnfiltered(t);
            assertThat(known.find(t)).as("text %s", t).isEqualTo(expected);
        }
    }

    @Test
    void aValueIsFoundInAnyCaseAndANumberInAnyGrouping() {
        KnownValues known = new KnownValues();
        known.add("Dana Whitfield", new KnownValues.Known("<name>", "PERSON", Action.TOKENIZE, null, "rule", null, null));
        known.add("+1 415 555 0132", new KnownValues.Known("<phone>", "PHONE", Action.TOKENIZE, null, "rule", null, null));
        String text = "DANA WHITFIELD called from (415) 555-0132 about dana whitfield's order";
        assertThat(known.find(text)).extracting(hit -> text.substring(hit.start(), hit.end()))
                .containsExactly("DANA WHITFIELD", "(415) 555-0132", "dana whitfield");
    }

    /**
     * The premise {@link KnownValues#literalEnd} rests on: under RE2's {@code (?i)} the only
     * characters outside ASCII that match an ASCII character are the Kelvin sign and the long s.
     */
    @Test
    void onlyTheKelvinSignAndTheLongSFoldIntoAscii() {
        com.google.re2j.Matcher ascii = com.google.re2j.Pattern.compile("(?i)[\\x00-\\x7f]").matcher("");
        List<Integer> folding = new java.util.ArrayList<>();
        for (int c = 0x80; c <= 0x10FFFF; c++) {
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                continue;
            }
            if (ascii.reset(new String(Character.toChars(c))).matches()) {
                folding.add(c);
            }
        }
        assertThat(folding).containsExactly(0x017F, 0x212A);
    }

    /** Where Java decides a literal by itself, RE2 decides the same: letters, digits and some punctuation against the first 12,288 characters. */
    @Test
    void javaDecidesALiteralAsRe2Does() {
        for (char l : "abcdefghijklmnopqrstuvwxyzKS0123456789 .-@'".toCharArray()) {
            String literal = String.valueOf(l).toLowerCase(java.util.Locale.ROOT) + "x";
            com.google.re2j.Matcher re2 = com.google.re2j.Pattern.compile("(?i)" + com.google.re2j.Pattern.quote(literal)).matcher("");
            for (int t = 0; t < 0x3000; t++) {
                if (Character.isSurrogate((char) t)) {
                    continue;
                }
                String text = (char) t + "X!";
                int end = KnownValues.literalEnd(text, 0, literal);
                if (end != -2) {
                    boolean matches = re2.reset(text).lookingAt();
                    assertThat(end >= 0).as("literal %s on U+%04X", literal, t).isEqualTo(matches);
                    if (matches) {
                        assertThat(end).isEqualTo(re2.end());
                    }
                }
            }
        }
    }
}
