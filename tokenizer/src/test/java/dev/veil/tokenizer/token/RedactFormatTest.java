package dev.veil.tokenizer.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactFormatTest {

    @Test
    void replacesAnyValueWithThePlaceholder() {
        RedactFormat card = RedactFormat.of("CARD_NUMBER");
        assertThat(card.tokenize("4242 4242 4242 4242")).isEqualTo(new Token("[CARD_NUMBER]", 0));
        assertThat(card.tokenize("")).isEqualTo(new Token("[CARD_NUMBER]", 0));
        assertThat(card.placeholder()).isEqualTo("[CARD_NUMBER]");
        assertThat(RedactFormat.of().tokenize("María").text()).isEqualTo("[REDACTED]");
        assertThat(card.name()).isEqualTo("redact");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1CARD", "CARD NUMBER", "[CARD]", "CARD]", "ÉMAIL"})
    void refusesLabelsThatAreNotSimpleWords(String label) {
        assertThatThrownBy(() -> RedactFormat.of(label))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("label: ");
    }

    @Test
    void refusesOverlongLabels() {
        assertThat(RedactFormat.of("A".repeat(64)).placeholder()).hasSize(66);
        assertThatThrownBy(() -> RedactFormat.of("A".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }
}
