package dev.veil.tokenizer.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LuhnTest {

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424242", "5555555555554444", "378282246310005", "6011111111111117",
        "36227206271667", "6205500000000000004", "79927398713"})
    void acceptsPublishedTestCards(String number) {
        assertThat(Luhn.isValid(number)).isTrue();
        String payload = number.substring(0, number.length() - 1);
        assertThat(Luhn.checkDigit(payload)).isEqualTo(number.charAt(number.length() - 1) - '0');
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424241", "79927398710", "1234567812345678", "0", ""})
    void rejectsNumbersFailingTheCheck(String number) {
        assertThat(Luhn.isValid(number)).isFalse();
    }

    @Property(tries = 300)
    void everySingleDigitChangeBreaksTheCheck(
            @ForAll @NumericChars @StringLength(min = 1, max = 30) String payload,
            @ForAll @IntRange(min = 0, max = 30) int position, @ForAll @IntRange(min = 1, max = 9) int delta) {
        String valid = payload + Luhn.checkDigit(payload);
        assertThat(Luhn.isValid(valid)).isTrue();
        int at = position % valid.length();
        char changed = (char) ('0' + (valid.charAt(at) - '0' + delta) % 10);
        String broken = valid.substring(0, at) + changed + valid.substring(at + 1);
        assertThat(Luhn.isValid(broken)).isFalse();
    }

    @Property(tries = 300)
    void digitForInvertsContribution(@ForAll @IntRange(min = 0, max = 9) int digit,
            @ForAll @IntRange(min = 0, max = 18) int fromRight) {
        int contribution = Luhn.contribution(digit, fromRight);
        assertThat(Luhn.digitFor(contribution, fromRight)).isEqualTo(digit);
        assertThat(Luhn.digitFor(contribution - 10, fromRight)).isEqualTo(digit);
    }

    @Test
    void refusesNonDigitsWithoutEchoingThem() {
        assertThatThrownBy(() -> Luhn.isValid("4242 4242"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("digits: character at index 4 is not 0-9");
        assertThatThrownBy(() -> Luhn.checkDigit("")).isInstanceOf(IllegalArgumentException.class);
    }
}
