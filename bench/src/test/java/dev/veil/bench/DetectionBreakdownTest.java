package dev.veil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.detect.DetectorRegistry;
import org.junit.jupiter.api.Test;

class DetectionBreakdownTest {

    @Test
    void aCorpusWithoutItsSpansKeepsItsLengthAndTheTextAroundThem() {
        DetectorRegistry registry = DetectorRegistry.defaults();
        String text = "Please refund card 4111 1111 1111 1111 and write to jane.doe@example.com today.";
        assertThat(registry.detect(text)).isNotEmpty();

        String stripped = DetectionBreakdown.withoutSpans(text, registry);

        assertThat(stripped).hasSameSizeAs(text)
                .isEqualTo("Please refund card xxxx xxxx xxxx xxxx and write to qqqq.qqqqqqqqqqq.qqq today.");
        assertThat(registry.detect(stripped)).isEmpty();
    }
}
