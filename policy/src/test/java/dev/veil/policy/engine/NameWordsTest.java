package dev.veil.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A name's words are split as {@code String.split("\\s+")} split them before. */
class NameWordsTest {

    @Test
    void wordsAreWhatSplittingAtRegexWhitespaceGives() {
        String alphabet = "ab Z\t\n\u000B\f\r\u00A0\u2007\u2003\u3000\u0085\u001Cé-";
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String stripped = text.toString().strip();
            String[] split = stripped.split("\\s+");
            assertThat(Sanitizer.words(stripped)).as("[%s]", stripped)
                    .isEqualTo(stripped.isEmpty() ? List.of() : Arrays.asList(split));
        }
    }
}
