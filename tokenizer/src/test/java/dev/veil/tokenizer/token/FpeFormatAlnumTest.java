package dev.veil.tokenizer.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.tokenizer.token.FpeFormat.Alphabet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class FpeFormatAlnumTest {

    private static final String UPPER = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String MIXED = UPPER + LOWER.substring(10);

    private final TestKeys keys = new TestKeys();

    record Case(Alphabet alphabet, String value) {}

    @Property(tries = 300)
    void roundTripsExactlyAndKeepsAlphabetAndSeparators(@ForAll("cases") Case c) {
        FpeFormat format = FpeFormat.of(keys, "acme/fpe", "acme/order", c.alphabet());
        Token token = format.tokenize(c.value());
        String symbols = symbols(c.alphabet());

        assertThat(token.text()).hasSameSizeAs(c.value());
        for (int i = 0; i < c.value().length(); i++) {
            char original = c.value().charAt(i);
            char tokenChar = token.text().charAt(i);
            if (symbols.indexOf(original) >= 0) {
                assertThat(symbols.indexOf(tokenChar)).isNotNegative();
            } else {
                assertThat(tokenChar).isEqualTo(original);
            }
        }
        assertThat(format.detokenize(token.text(), token.keyVersion())).isEqualTo(c.value());
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(Alphabet.UPPER, Alphabet.LOWER, Alphabet.MIXED).flatMap(alphabet -> Arbitraries.strings()
                .withChars(symbols(alphabet).toCharArray()).ofMinLength(4).ofMaxLength(30)
                .flatMap(symbols -> Arbitraries.strings().withChars(" -_./:#").ofMaxLength(2)
                        .list().ofSize(symbols.length() + 1)
                        .map(separators -> interleave(symbols, separators)))
                .map(value -> new Case(alphabet, value)));
    }

    private static String interleave(String symbols, List<String> separators) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < symbols.length(); i++) {
            sb.append(separators.get(i)).append(symbols.charAt(i));
        }
        return sb.append(separators.get(symbols.length())).toString();
    }

    private static String symbols(Alphabet alphabet) {
        return switch (alphabet) {
            case UPPER -> UPPER;
            case LOWER -> LOWER;
            case MIXED -> MIXED;
            case DIGITS -> UPPER.substring(0, 10);
        };
    }

    @Test
    void tokensStayThoseMadeBeforeDigitsAndAlphanumericsShareOneClass() {
        // made by FpeAlphanumericFormat and FpeDigitsFormat before the merge, with the same test keys
        assertThat(FpeFormat.of(keys, "acme/fpe", "acme/order", Alphabet.UPPER).tokenize("ORD-7F3K-99QZ").text()).isEqualTo("I7E-TOHA-7TK9");
        assertThat(FpeFormat.of(keys, "acme/fpe", "acme/order", Alphabet.LOWER).tokenize("ord-7f3k-99qz").text()).isEqualTo("i7e-toha-7tk9");
        assertThat(FpeFormat.of(keys, "acme/fpe", "acme/order", Alphabet.MIXED).tokenize("Ord-7F3k-99Qz").text()).isEqualTo("k8j-iZub-sWg2");
        assertThat(FpeFormat.digits(keys, "acme/fpe", "acme/phone").tokenize("+1 (555) 010-4477").text()).isEqualTo("+7 (470) 591-1886");
    }

    @Test
    void mixedKeepsCaseExactlyThroughTheRoundTrip() {
        FpeFormat format = FpeFormat.of(keys, "acme/fpe", "", Alphabet.MIXED);
        String value = "aB3-xYz9-QQq";
        Token token = format.tokenize(value);
        assertThat(token.text()).isNotEqualTo(value).matches("[0-9A-Za-z]{3}-[0-9A-Za-z]{4}-[0-9A-Za-z]{3}");
        assertThat(format.detokenize(token.text(), 1)).isEqualTo(value);
    }

    @Test
    void refusesLettersOfACaseTheAlphabetLacks() {
        FpeFormat upper = FpeFormat.of(keys, "acme/fpe", "", Alphabet.UPPER);
        FpeFormat lower = FpeFormat.of(keys, "acme/fpe", "", Alphabet.LOWER);
        assertThatThrownBy(() -> upper.tokenize("AB12cd34"))
                .isInstanceOf(TokenizationException.class)
                .hasMessage("fpe-alnum with alphabet upper does not accept lowercase letters");
        assertThatThrownBy(() -> lower.tokenize("ab12CD34"))
                .isInstanceOf(TokenizationException.class)
                .hasMessage("fpe-alnum with alphabet lower does not accept uppercase letters");
    }

    @Test
    void refusesNonAsciiLettersInsteadOfLeavingThemInClear() {
        FpeFormat mixed = FpeFormat.of(keys, "acme/fpe", "", Alphabet.MIXED);
        for (String value : new String[] {"Muñoz-1234", "Mun\u0303oz-1234", "ABC\uD835\uDFCE1234"}) {
            assertThatThrownBy(() -> mixed.tokenize(value))
                    .isInstanceOf(TokenizationException.class)
                    .hasMessage("fpe-alnum accepts letters and digits only from A-Z, a-z and 0-9");
        }
    }

    @Test
    void refusesTooShortValuesWithoutNamingThem() {
        FpeFormat upper = FpeFormat.of(keys, "acme/fpe", "", Alphabet.UPPER);
        assertThatThrownBy(() -> upper.tokenize("A-B-C"))
                .isInstanceOf(TokenizationException.class)
                .hasMessageContaining("domain 36^3 is below FF1's minimum of 1,000,000")
                .hasMessageNotContaining("A-B-C");
        assertThat(upper.tokenize("A-B-C-D").text()).matches("\\w-\\w-\\w-\\w");
    }

    @Test
    void differentTweaksAndVersionsGiveDifferentTokens() {
        String value = "ORD-7F3K-99QZ-ALPHA";
        FpeFormat a = FpeFormat.of(keys, "acme/fpe", "acme/order", Alphabet.UPPER);
        FpeFormat b = FpeFormat.of(keys, "acme/fpe", "acme/ticket", Alphabet.UPPER);
        Token v1 = a.tokenize(value);
        assertThat(b.tokenize(value).text()).isNotEqualTo(v1.text());

        keys.rotate("acme/fpe");
        assertThat(a.tokenize(value).text()).isNotEqualTo(v1.text());
        assertThat(a.detokenize(v1.text(), 1)).isEqualTo(value);
        assertThat(a.detokenize(v1.text(), 2)).isNotEqualTo(value);
    }

    @Test
    void parsesAlphabetNames() {
        assertThat(Alphabet.of("upper")).isEqualTo(Alphabet.UPPER);
        assertThat(Alphabet.of("mixed").radix()).isEqualTo(62);
        assertThat(Alphabet.LOWER.policyName()).isEqualTo("lower");
        assertThatThrownBy(() -> Alphabet.of("UPPER")).hasMessage("alphabet: UPPER (expected: upper, lower or mixed)");
        // digits is fpe-digits' alphabet, not an option of fpe-alnum
        assertThatThrownBy(() -> Alphabet.of("digits")).hasMessage("alphabet: digits (expected: upper, lower or mixed)");
        assertThat(FpeFormat.of(keys, "acme/fpe", "", Alphabet.UPPER).name()).isEqualTo("fpe-alnum");
        assertThat(FpeFormat.of(keys, "acme/fpe", "", Alphabet.DIGITS).name()).isEqualTo("fpe-digits");
    }
}
