package dev.veil.tokenizer.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.tokenizer.vault.KeyUnavailableException;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FpeFormatDigitsTest {

    // NIST SP 800-38G FF1 samples 7 and 8 (AES-256); sample 8's tweak is the ASCII text "9876543210".
    private static final byte[] NIST_KEY = HexFormat.of().parseHex(
            "2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F7F036D6F04FC6A94");

    private final TestKeys keys = new TestKeys();
    private final FpeFormat format = FpeFormat.digits(keys, "acme/fpe", "acme/phone");

    @Test
    void isInteroperableWithNistFf1() {
        TestKeys nist = new TestKeys().with("nist", NIST_KEY);
        FpeFormat sample7 = FpeFormat.digits(nist, "nist", "");
        FpeFormat sample8 = FpeFormat.digits(nist, "nist", "9876543210");

        assertThat(sample7.tokenize("0123456789")).isEqualTo(new Token("6657667009", 1));
        assertThat(sample8.tokenize("0123456789")).isEqualTo(new Token("1001623463", 1));
        assertThat(sample8.tokenize("(012) 345-6789").text()).isEqualTo("(100) 162-3463");
        assertThat(sample8.detokenize("(100) 162-3463", 1)).isEqualTo("(012) 345-6789");
        assertThat(sample8.name()).isEqualTo("fpe-digits");
    }

    @Property(tries = 300)
    void roundTripsAndKeepsTheShape(@ForAll("digitStrings") String value) {
        Token token = format.tokenize(value);
        assertThat(token.keyVersion()).isEqualTo(1);
        assertThat(token.text()).hasSameSizeAs(value);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isDigit(c)) {
                assertThat(token.text().charAt(i)).isBetween('0', '9');
            } else {
                assertThat(token.text().charAt(i)).isEqualTo(c);
            }
        }
        assertThat(format.detokenize(token.text(), token.keyVersion())).isEqualTo(value);
    }

    @Provide
    Arbitrary<String> digitStrings() {
        return Arbitraries.strings().numeric().ofMinLength(6).ofMaxLength(40).flatMap(digits ->
                Arbitraries.strings().withChars(" -.()+/x").ofMaxLength(2).list().ofSize(digits.length() + 1)
                        .map(separators -> {
                            StringBuilder sb = new StringBuilder();
                            for (int i = 0; i < digits.length(); i++) {
                                sb.append(separators.get(i)).append(digits.charAt(i));
                            }
                            return sb.append(separators.get(digits.length())).toString();
                        }));
    }

    @Test
    void isDeterministicAndChangesTheDigits() {
        String value = "+34 612 345 678";
        String token = format.tokenize(value).text();
        assertThat(format.tokenize(value).text()).isEqualTo(token);
        assertThat(token).isNotEqualTo(value).startsWith("+").matches("\\+\\d\\d \\d{3} \\d{3} \\d{3}");
    }

    @Test
    void differentTweaksGiveDifferentTokens() {
        FpeFormat other = FpeFormat.digits(keys, "acme/fpe", "acme/account");
        String value = "0049 1234 5678 90";
        assertThat(other.tokenize(value).text()).isNotEqualTo(format.tokenize(value).text());
    }

    @Test
    void tokensSurviveRotationAndWrongVersionsDoNotRecoverTheValue() {
        String value = "555-010-4477-12";
        Token v1 = format.tokenize(value);
        keys.rotate("acme/fpe");
        Token v2 = format.tokenize(value);

        assertThat(v2.keyVersion()).isEqualTo(2);
        assertThat(v2.text()).isNotEqualTo(v1.text());
        assertThat(format.detokenize(v1.text(), 1)).isEqualTo(value);
        assertThat(format.detokenize(v2.text(), 2)).isEqualTo(value);
        assertThat(format.detokenize(v1.text(), 2)).isNotEqualTo(value);
        assertThatThrownBy(() -> format.detokenize(v1.text(), 3))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageNotContaining(v1.text());
        assertThatThrownBy(() -> format.detokenize(v1.text(), 0))
                .isInstanceOf(KeyVersionUnknownException.class)
                .hasMessageNotContaining(v1.text())
                .extracting(e -> ((KeyVersionUnknownException) e).code()).isEqualTo(KeyVersionUnknownException.UNKNOWN);
        assertThatThrownBy(() -> format.detokenize(v1.text(), -1))
                .isInstanceOf(TokenizationException.class)
                .hasMessage("keyVersion: -1 (expected: >= 1, or 0 when not known)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "ab-12-34", "", "no digits at all"})
    void refusesTooFewDigitsWithoutNamingThem(String value) {
        assertThatThrownBy(() -> format.tokenize(value))
                .isInstanceOf(TokenizationException.class)
                .hasMessageStartingWith("fpe-digits: domain 10^")
                .hasMessageContaining("is below FF1's minimum of 1,000,000")
                .satisfies(e -> {
                    if (!value.isEmpty()) {
                        assertThat(e.getMessage()).doesNotContain(value);
                    }
                });
    }

    @Test
    void refusesNonAsciiDigitsInsteadOfLeavingThemInClear() {
        String value = "\u0661\u0662\u0663 456 789";
        assertThatThrownBy(() -> format.tokenize(value))
                .isInstanceOf(TokenizationException.class)
                .hasMessage("fpe-digits accepts only the ASCII digits 0-9");
    }

    @Test
    void refusesKeysThatAreNot256Bits() {
        TestKeys shortKeys = new TestKeys().with("acme/short", new byte[16]);
        assertThatThrownBy(() -> FpeFormat.digits(shortKeys, "acme/short", "").tokenize("0123456789"))
                .isInstanceOf(TokenizationException.class)
                .hasMessage("key acme/short v1 is not an exportable 256-bit key");
    }

    @Test
    void validatesItsParameters() {
        assertThatThrownBy(() -> FpeFormat.digits(keys, " ", "t")).hasMessageStartingWith("keyId: blank");
        assertThatThrownBy(() -> FpeFormat.digits(keys, "k", "x".repeat(257)))
                .hasMessage("tweak: 257 UTF-8 bytes (expected: at most 256)");
        assertThatThrownBy(() -> FpeFormat.digits(null, "k", "t")).isInstanceOf(NullPointerException.class);
    }
}
