package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.token.Luhn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumberDetectorTest {

    private final CardNumberDetector detector = new CardNumberDetector();

    @Test
    void findsPublicSandboxCardsOfEveryListedNetwork() throws IOException {
        String list;
        try (InputStream in = getClass().getResourceAsStream("/detect/test_cards.txt")) {
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int checked = 0;
        for (String line : list.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String number = line.split(" ")[0];
            assertThat(Found.values(detector, "Pay with " + number + " please")).as(line).containsExactly(number);
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void findsGroupedCardsWithExactSpans() {
        String text = "Card: 4111 1111 1111 1111, exp 12/27. Tarjeta 5555-5555-5555-4444.";
        List<Span> spans = Found.spans(detector, text);
        assertThat(spans).hasSize(2);
        assertThat(spans.get(0).start()).isEqualTo(6);
        assertThat(spans.get(0).end()).isEqualTo(25);
        assertThat(text.substring(spans.get(1).start(), spans.get(1).end())).isEqualTo("5555-5555-5555-4444");
        assertThat(spans).allSatisfy(span -> assertThat(span.confidence()).isEqualTo(0.99));
    }

    @Test
    void catchesLongCardsAndMastercardTwoSeries() {
        assertThat(Found.values(detector, "19 digits 4000 0000 0000 0000 006 and 2-series 2720 9900 0000 0007"))
                .containsExactly("4000 0000 0000 0000 006", "2720 9900 0000 0007");
        assertThat(Found.values(detector, "UnionPay 6205500000000000004")).containsExactly("6205500000000000004");
    }

    @Test
    void amexLayoutAndCardFollowedByYear() {
        assertThat(Found.values(detector, "amex 3782 822463 10005")).containsExactly("3782 822463 10005");
        assertThat(Found.values(detector, "4242 4242 4242 4242 2027")).containsExactly("4242 4242 4242 4242");
    }

    @Test
    void contextRaisesConfidence() {
        assertThat(Found.confidenceOf(detector, "my tarjeta de crédito es 4242424242424242", "4242424242424242"))
                .isEqualTo(0.99);
        assertThat(Found.confidenceOf(detector, "ref 4242424242424242", "4242424242424242")).isEqualTo(0.95);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "order 4242424242424241 shipped",          // Luhn fails
        "tracking 1Z999AA10123456784",              // letters inside
        "epoch 1715000000 and 1715000000123",       // timestamps
        "id 9999999999999995",                      // Luhn-valid but no network starts with 9
        "phone 4242 4242 4242 42424",              // wrong grouping
        "total $4242424242424242.00",               // glued to an amount
        "ref ZD-4242424242424242",                  // part of a ticket id
        "x4242424242424242y",                       // inside a word
        "12345678901234567890123",                  // too long
        "uuid 4242a424-2424-4242-4242-424242424242",
    })
    void doesNotFlagLookAlikes(String text) {
        assertThat(Found.values(detector, text)).isEmpty();
    }

    @Test
    void unlistedIssuerOrTwelveDigitMaestroOnlyAfterACardWord() {
        // Luhn-valid 16 digits starting 3502 (outside the JCB range 3528-3589)
        assertThat(Found.values(detector, "number 3502162941615515")).isEmpty();
        assertThat(Found.values(detector, "my card 3502162941615515 was lost")).containsExactly("3502162941615515");
        assertThat(Found.confidenceOf(detector, "my card 3502162941615515", "3502162941615515")).isEqualTo(0.85);
        assertThat(Found.values(detector, "ref 501864667909")).isEmpty();
        assertThat(Found.values(detector, "maestro card 501864667909")).containsExactly("501864667909");
    }

    @Property(tries = 200)
    void everyLuhnValidVisaIsFound(@ForAll @IntRange(min = 0, max = 999_999_999) int body) {
        String payload = String.format("4%014d", (long) body * 10_007L % 100_000_000_000_000L);
        String number = payload + Luhn.checkDigit(payload);
        assertThat(Found.values(detector, "card " + number)).containsExactly(number);
    }

    @Test
    void anyGroupingAndSeparatorsAPersonTypes() {
        for (String card : new String[] {"5355.6840.6927.1105", "5355-6840 6927.1105", "535568 4069 271105",
                "5355  6840  6927  1105", "5355 6840\n6927 1105", "5355/6840/6927/1105", "5355 - 6840 - 6927 - 1105"}) {
            assertThat(Found.values(detector, "pay with " + card + " today")).as(card).containsExactly(card);
        }
        assertThat(Found.values(detector, "order 12 5355 6840 6927 1105")).containsExactly("5355 6840 6927 1105");
        assertThat(Found.values(detector, "p = 0.5355684069271105")).isEmpty();
    }

    @Test
    void luhnInvalidCardLengthIsANearMissOnlyAfterACardWord() {
        assertThat(Found.values(detector, "order 4480 3972 4297 7039")).isEmpty();
        assertThat(Found.confidenceOf(detector, "mi tarjeta es la 4480 3972 4297 7039", "4480 3972 4297 7039"))
                .isEqualTo(Confidence.NEAR_MISS);
        // a dropped digit
        assertThat(Found.confidenceOf(detector, "card 4480 3972 4297 703", "4480 3972 4297 703"))
                .isEqualTo(Confidence.NEAR_MISS);
        assertThat(Found.values(detector, "card 1234 5678")).isEmpty();
    }
}
