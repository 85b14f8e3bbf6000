package dev.veil.tokenizer.detect.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A word of a text is in the set exactly when its substring (lower-cased if asked) is. */
class WordSetTest {

    private static final Set<String> WORDS = Set.of("it", "the", "de", "tú", "señor", "i’m", "don't", "a");
    private final WordSet set = WordSet.of(WORDS);

    @Test
    void findsAWordInsideATextWithOrWithoutCase() {
        String text = "Ask THE Señor, de IT";
        assertThat(set.containsIgnoreCase(text.toCharArray(), 4, 7)).isTrue();
        assertThat(set.contains(text.toCharArray(), 4, 7)).isFalse();
        assertThat(set.containsIgnoreCase(text.toCharArray(), 8, 13)).isTrue();
        assertThat(set.contains(text.toCharArray(), 15, 17)).isTrue();
        assertThat(set.containsIgnoreCase(text.toCharArray(), 18, 20)).isTrue();
        assertThat(set.containsIgnoreCase(text.toCharArray(), 0, 3)).isFalse();
        assertThat(set.containsIgnoreCase(text.toCharArray(), 4, 6)).isFalse();
    }

    @Test
    void foldsCaseAsStringToLowerCaseDoesNotAsCharacterDoes() {
        // "İT" lower-cases to "i̇t" (with a combining dot), which is not "it"
        assertThat(set.containsIgnoreCase("İT".toCharArray(), 0, 2)).isFalse();
        assertThat(set.containsIgnoreCase("TÚ".toCharArray(), 0, 2)).isTrue();
        assertThat(set.containsIgnoreCase("I’M".toCharArray(), 0, 3)).isTrue();
    }

    @Test
    void answersAsTheSubstringWould() {
        String alphabet = "itheadsTHEADS’'ñúÑÚİ ";
        Random random = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(8);
            for (int k = 0; k < length; k++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            int start = random.nextInt(t.length());
            int end = start + random.nextInt(t.length() - start + 1);
            String word = t.substring(start, end);
            assertThat(set.containsIgnoreCase(t.toCharArray(), start, end)).as(word).isEqualTo(WORDS.contains(word.toLowerCase(Locale.ROOT)));
            assertThat(set.contains(t.toCharArray(), start, end)).as(word).isEqualTo(WORDS.contains(word));
        }
    }
}
