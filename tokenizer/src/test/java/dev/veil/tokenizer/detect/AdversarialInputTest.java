package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.detect.address.AddressDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Long hostile inputs must not make any detector backtrack or rescan: a generous hang guard, no timing. */
class AdversarialInputTest {

    private static final int SIZE = 100_000;

    static Stream<String> inputs() {
        return Stream.of(
                repeat("1 "), repeat("1"), repeat("1-"), repeat("12 "), repeat("1234 "), repeat("a@"), repeat("a."),
                repeat("1."), repeat("1.2."), repeat(":"), repeat("a:"), repeat("1:"), repeat("ff:"), repeat("::1 "),
                repeat("@"), repeat("a"), repeat("A1 "), repeat("AB12 "), repeat("ES91 "), repeat("X"), repeat("12345678"),
                repeat("1 Main "), repeat("1 Main Street "), repeat("Calle "), repeat("Calle Mayor "), repeat("C/ "),
                repeat("DOB "), repeat("born 1/"), repeat("phone "), repeat("phone 1 "), repeat("+1 ("), repeat("(1) "),
                repeat("Address: "), repeat("PO Box "), repeat("Apt 1, "), repeat("1, "), repeat(", "), repeat("\n"),
                repeat("ssn 1"), repeat("x@y.z"), repeat("a.b@"), repeat("-"), repeat("0"), repeat("SW1A "),
                repeat("<!--"), repeat("<!-- 1 -->"), repeat("<b"), repeat("&#"), repeat("%E2%"));
    }

    private static String repeat(String unit) {
        return repeat(unit, SIZE);
    }

    private static String repeat(String unit, int size) {
        return unit.repeat(size / unit.length() + 1).substring(0, size);
    }

    @ParameterizedTest
    @MethodSource("inputs")
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void registryFinishesOnHostileInput(String input) {
        DetectorRegistry registry = DetectorRegistry.defaults();
        List<Span> spans = registry.detect(input);

        // a whole answer, not just no hang: spans inside the text, sorted, never overlapping, of known types
        int end = 0;
        for (Span span : spans) {
            assertThat(span.start()).as("start of %s", span).isGreaterThanOrEqualTo(end);
            assertThat(span.end()).as("end of %s", span).isGreaterThan(span.start()).isLessThanOrEqualTo(input.length());
            assertThat(registry.types()).contains(span.type());
            end = span.end();
        }
    }

    /**
     * A mebibyte of streets, each with an unclosed parenthesis after its town, or of lower-case
     * "streets" each followed by a comma: every one once searched the rest of the text (for a ")"
     * or back for a line break), which took minutes at this size.
     */
    @ParameterizedTest
    @ValueSource(strings = {"12 Main Street, Dunmore (x ", "12 ab cd, "})
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void addressesLookOnlyABoundedWayForAClosingParenthesisOrALineBreak(String unit) {
        String input = repeat(unit, 1 << 20);
        List<Span> spans = new ArrayList<>();
        AddressDetector.defaults().detect(input, spans);
        assertThat(spans).allSatisfy(span -> assertThat(span.end()).isLessThanOrEqualTo(input.length()));
    }
}
