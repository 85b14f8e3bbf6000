package dev.veil.policy.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.PiiType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Scanner#findsNothingIn} answers as {@link Scanner#detect} does and remembers only short texts without spans. */
class ScannerMemoryTest {

    private final Scanner scanner = new Scanner(DetectorRegistry.defaults().only(java.util.Set.of(PiiType.EMAIL, PiiType.CARD_NUMBER)),
            DetectorRegistry.builder().add(RegexDetector.of(PiiType.of("ORDER"), "AC-[0-9]{8}", 0.9)).build());

    @Test
    void answersAsDetectDoesTheFirstTimeAndEveryTimeAfter() {
        List<String> texts = List.of("created_at", "dana@example.com", "AC-12345678", "comments", "4111 1111 1111 1111", "author_id",
                "x".repeat(Scanner.MAX_REMEMBERED_LENGTH + 1));
        for (int round = 0; round < 3; round++) {
            for (String text : texts) {
                assertThat(scanner.findsNothingIn(text)).as(text).isEqualTo(scanner.detect(text).isEmpty());
            }
        }
        // created_at, comments, author_id: the texts with spans and the long one are not kept
        assertThat(scanner.remembered()).isEqualTo(3);
    }

    /** {@link Scanner#remembersClean} says yes only for what {@link Scanner#findsNothingIn} answered clean and kept. */
    @Test
    void remembersCleanOnlyTheShortTextsFoundClean() {
        String longText = "y".repeat(Scanner.MAX_REMEMBERED_LENGTH + 1);
        List<String> texts = List.of("updated_at", "dana@example.com", "AC-12345678", longText);
        texts.forEach(text -> assertThat(scanner.remembersClean(text)).as(text).isFalse());
        texts.forEach(scanner::findsNothingIn);
        assertThat(scanner.remembersClean("updated_at")).isTrue();
        assertThat(scanner.remembersClean("dana@example.com")).isFalse();
        assertThat(scanner.remembersClean("AC-12345678")).isFalse();
        assertThat(scanner.remembersClean(longText)).isFalse();
    }

    @Test
    void remembersAtMostItsBound() {
        for (int i = 0; i < Scanner.MAX_REMEMBERED + 100; i++) {
            assertThat(scanner.findsNothingIn("field_" + i)).isTrue();
        }
        assertThat(scanner.remembered()).isEqualTo(Scanner.MAX_REMEMBERED);
        assertThat(scanner.findsNothingIn("dana@example.com")).isFalse();
    }
}
