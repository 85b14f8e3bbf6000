package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpanAndPiiTypeTest {

    @Test
    void spanRejectsEmptyOrNegativeRanges() {
        assertThatThrownBy(() -> new Span(PiiType.EMAIL, 3, 3, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("span: [3, 3) (expected: 0 <= start < end)");
        assertThatThrownBy(() -> new Span(PiiType.EMAIL, -1, 3, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Span(PiiType.EMAIL, 5, 2, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spanRejectsConfidenceOutsideZeroToOne() {
        assertThatThrownBy(() -> new Span(PiiType.EMAIL, 0, 1, 1.01))
                .hasMessage("confidence: 1.01 (expected: 0 to 1)");
        assertThatThrownBy(() -> new Span(PiiType.EMAIL, 0, 1, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Span(PiiType.EMAIL, 0, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Span(null, 0, 1, 0.5)).isInstanceOf(NullPointerException.class).hasMessage("type");
    }

    @Test
    void spanOverlapIsHalfOpen() {
        Span a = new Span(PiiType.EMAIL, 0, 5, 0.9);
        assertThat(a.overlaps(new Span(PiiType.PHONE, 4, 8, 0.9))).isTrue();
        assertThat(a.overlaps(new Span(PiiType.PHONE, 5, 8, 0.9))).isFalse();
        assertThat(a.length()).isEqualTo(5);
    }

    @Test
    void typeNamesAreUpperCaseIdentifiers() {
        assertThat(PiiType.of("ACME_ORDER").name()).isEqualTo("ACME_ORDER");
        assertThat(PiiType.of("CARD_NUMBER")).isEqualTo(PiiType.CARD_NUMBER);
        assertThatThrownBy(() -> PiiType.of("acme")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("PII type name: acme (expected:");
        assertThatThrownBy(() -> PiiType.of("1CARD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PiiType.of("A".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PiiType.of(null)).isInstanceOf(NullPointerException.class);
    }
}
