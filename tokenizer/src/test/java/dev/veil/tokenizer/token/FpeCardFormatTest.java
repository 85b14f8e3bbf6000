package dev.veil.tokenizer.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FpeCardFormatTest {

    private final TestKeys keys = new TestKeys();
    private final FpeCardFormat last4 = FpeCardFormat.builder(keys, "acme/fpe").tweak("acme/card").build();
    private final FpeCardFormat bin6last4 = FpeCardFormat.builder(keys, "acme/fpe").tweak("acme/card")
            .keepFirst(6).keepLast(4).build();

    /** Published sandbox test cards (Stripe, Braintree); none is a real account. */
    @ParameterizedTest
    @ValueSource(strings = {"4242 4242 4242 4242", "5555-5555-5555-4444", "378282246310005", "3622 720627 1667",
        "6011111111111117", "4111111111111111", "6205500000000000004"})
    void tokenizesPublishedTestCards(String card) {
        Token token = last4.tokenize(card);
        String tokenDigits = digits(token.text());
        String cardDigits = digits(card);

        assertThat(token.keyVersion()).isEqualTo(1);
        assertThat(token.text()).hasSameSizeAs(card).isNotEqualTo(card);
        assertThat(separatorPositions(token.text())).isEqualTo(separatorPositions(card));
        assertThat(tokenDigits).endsWith(cardDigits.substring(cardDigits.length() - 4));
        assertThat(Luhn.isValid(tokenDigits)).isFalse();
        assertThat(last4.detokenize(token.text(), 1)).isEqualTo(card);
    }

    @Test
    void keepsTheBinWhenAskedOnLongEnoughCards() {
        String card = "6205 5000 0000 0000 004";
        Token token = bin6last4.tokenize(card);
        assertThat(token.text()).startsWith("6205 50").endsWith("0 004").matches("[\\d ]{23}");
        assertThat(Luhn.isValid(digits(token.text()))).isFalse();
        assertThat(bin6last4.detokenize(token.text(), 1)).isEqualTo(card);
        assertThat(bin6last4.minDigits()).isEqualTo(17);
        assertThat(last4.minDigits()).isEqualTo(13);
    }

    @Test
    void refusesCardsWithTooFewFreeDigitsAndSaysWhy() {
        String card = "4242424242424242";
        assertThatThrownBy(() -> bin6last4.tokenize(card))
                .isInstanceOf(TokenizationException.class)
                .hasMessage("fpe-card with keepFirst 6 and keepLast 4 leaves 5 free digits in a 16-digit card number:"
                        + " domain 10^5 is below FF1's minimum of 1,000,000 (expected: at least 6 numerals of radix 10)");
    }

    record CardCase(String card, int keepFirst, int keepLast) {}

    @Property(tries = 400)
    void tokensRoundTripKeepWhatWasAskedAndNeverPassLuhn(@ForAll("cardCases") CardCase c) {
        FpeCardFormat format = FpeCardFormat.builder(keys, "acme/fpe").tweak("acme/card")
                .keepFirst(c.keepFirst()).keepLast(c.keepLast()).build();
        Token token = format.tokenize(c.card());
        String cardDigits = digits(c.card());
        String tokenDigits = digits(token.text());
        int n = cardDigits.length();

        assertThat(token.text()).hasSameSizeAs(c.card());
        assertThat(separatorPositions(token.text())).isEqualTo(separatorPositions(c.card()));
        assertThat(Luhn.isValid(tokenDigits)).isFalse();
        assertThat(tokenDigits.substring(0, c.keepFirst())).isEqualTo(cardDigits.substring(0, c.keepFirst()));
        assertThat(tokenDigits.substring(n - c.keepLast())).isEqualTo(cardDigits.substring(n - c.keepLast()));
        assertThat(format.detokenize(token.text(), token.keyVersion())).isEqualTo(c.card());
    }

    @Provide
    Arbitrary<CardCase> cardCases() {
        return Combinators.combine(Arbitraries.of(0, 6), Arbitraries.integers().between(0, 4)).flatAs((first, last) -> {
            int minDigits = Math.max(13, first + last + 7);
            return Arbitraries.integers().between(minDigits, 19).flatMap(n -> Combinators.combine(
                            Arbitraries.strings().numeric().ofLength(n - 1),
                            Arbitraries.of("", " ", "-", "random"),
                            Arbitraries.integers().between(0, Integer.MAX_VALUE))
                    .as((payload, grouping, seed) -> group(payload + Luhn.checkDigit(payload), grouping, seed)))
                    .map(card -> new CardCase(card, first, last));
        });
    }

    @Test
    void theKeptDigitsAreInTheTweak() {
        String a = "4000056655665556";
        String b = withLastFour(a, "123");
        String middleA = digits(last4.tokenize(a).text()).substring(0, 12);
        String middleB = digits(last4.tokenize(b).text()).substring(0, 12);
        assertThat(digits(a).substring(0, 12)).isEqualTo(digits(b).substring(0, 12));
        assertThat(middleA).isNotEqualTo(middleB);
    }

    @Test
    void differentTweaksGiveDifferentTokens() {
        FpeCardFormat other = FpeCardFormat.builder(keys, "acme/fpe").tweak("globex/card").build();
        String card = "5200828282828210";
        assertThat(other.tokenize(card).text()).isNotEqualTo(last4.tokenize(card).text());
    }

    @Test
    void tokensSurviveRotation() {
        String card = "3566 0020 2036 0505";
        Token v1 = last4.tokenize(card);
        keys.rotate("acme/fpe");
        Token v2 = last4.tokenize(card);

        assertThat(v2.keyVersion()).isEqualTo(2);
        assertThat(v2.text()).isNotEqualTo(v1.text());
        assertThat(last4.detokenize(v1.text(), 1)).isEqualTo(card);
        assertThat(last4.detokenize(v2.text(), 2)).isEqualTo(card);
        assertThat(last4.detokenize(v1.text(), 2)).isNotEqualTo(card);
    }

    @Test
    void distinctCardsGiveDistinctTokens() {
        List<String> cards = IntStream.range(0, 2000)
                .mapToObj(i -> String.format("4000%08d", i))
                .map(p -> p + "111")
                .map(p -> p + Luhn.checkDigit(p))
                .toList();
        Set<String> tokens = cards.stream().map(c -> last4.tokenize(c).text()).collect(Collectors.toSet());
        assertThat(tokens).hasSameSizeAs(cards);
    }

    @Test
    void isSafeToShareBetweenThreads() {
        String card = "4988438843884305";
        String expected = last4.tokenize(card).text();
        List<String> tokens = IntStream.range(0, 200).parallel()
                .mapToObj(i -> last4.tokenize(card).text()).toList();
        assertThat(tokens).containsOnly(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424241", "4242 4242 4242 4243"})
    void refusesNumbersFailingLuhnWithoutNamingThem(String card) {
        assertThatThrownBy(() -> last4.tokenize(card))
                .isInstanceOf(TokenizationException.class)
                .hasMessage("fpe-card needs a Luhn-valid card number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"424242424242", "42424242424242424242", "4242-4242-4242-4242-4242", ""})
    void refusesWrongDigitCounts(String card) {
        assertThatThrownBy(() -> last4.tokenize(card))
                .isInstanceOf(TokenizationException.class)
                .hasMessageMatching("fpe-card: \\d+ digits \\(expected: 13 to 19\\)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("4242"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242.4242.4242.4242", "4242424242424242x", "４２４２424242424242"})
    void refusesOtherCharacters(String card) {
        assertThatThrownBy(() -> last4.tokenize(card))
                .isInstanceOf(TokenizationException.class)
                .hasMessage("fpe-card accepts only digits, spaces and dashes");
    }

    @Test
    void detokenizeRefusesValuesThatAreNotTokens() {
        assertThatThrownBy(() -> last4.detokenize("4242424242424242", 1))
                .isInstanceOf(TokenizationException.class)
                .hasMessage("fpe-card: not a token of this format (its Luhn sum is wrong)");
    }

    @Test
    void validatesItsParameters() {
        assertThatThrownBy(() -> FpeCardFormat.builder(keys, "k").keepFirst(4).build())
                .hasMessage("keepFirst: 4 (expected: 0 or 6)");
        assertThatThrownBy(() -> FpeCardFormat.builder(keys, "k").keepLast(5).build())
                .hasMessage("keepLast: 5 (expected: 0 to 4)");
        assertThatThrownBy(() -> FpeCardFormat.builder(keys, "k").keepLast(-1).build())
                .hasMessage("keepLast: -1 (expected: 0 to 4)");
        assertThatThrownBy(() -> FpeCardFormat.builder(keys, "").build()).hasMessageStartingWith("keyId: blank");
        assertThat(FpeCardFormat.builder(keys, "k").keepFirst(6).keepLast(4).build().name()).isEqualTo("fpe-card");
    }

    private static String withLastFour(String card, String newThree) {
        String payload = card.substring(0, card.length() - 4) + newThree;
        return payload + Luhn.checkDigit(payload);
    }

    private static String group(String digits, String grouping, int seed) {
        if (grouping.isEmpty()) {
            return digits;
        }
        StringBuilder sb = new StringBuilder();
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0) {
                if (grouping.equals("random")) {
                    sb.append(random.nextInt(4) == 0 ? (random.nextBoolean() ? " " : "-") : "");
                } else if (i % 4 == 0) {
                    sb.append(grouping);
                }
            }
            sb.append(digits.charAt(i));
        }
        return sb.toString();
    }

    private static String digits(String s) {
        return s.replaceAll("[^0-9]", "");
    }

    private static List<Integer> separatorPositions(String s) {
        return IntStream.range(0, s.length()).filter(i -> !Character.isDigit(s.charAt(i))).boxed().toList();
    }
}
