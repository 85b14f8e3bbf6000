package dev.veil.tokenizer.detect.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The capitalised-word reader that folds as it reads gives what the two separate reads give. */
class NameWordsTest {

    @Test
    void foldingWhileReadingACapitalisedWordGivesItsEndItsHashAndWhetherItIsAscii() {
        // capitals, lower case, accents typed whole or as a combining mark, ß and æ, apostrophes and
        // hyphens (inside a word, or before a possessive "s"), digits, '@' and '.', characters
        // beyond Latin-1 (İ, ı, the Kelvin sign) and blanks
        String alphabet = "AaBbÉéÑñOoSsZz\u0301ßæÆ'’-s09@._ İıK\u00A0Дд\n";
        Random random = new Random(7);
        int words = 0;
        NameWords.FoldedWord word = new NameWords.FoldedWord();
        for (int round = 0; round < 100_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int k = 0; k < length; k++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextInt(3) == 0) {
                text.insert(random.nextInt(text.length() + 1), random.nextBoolean() ? "O'Neill" : "Åberg-Pérez");
            }
            char[] chars = text.toString().toCharArray();
            int i = random.nextInt(chars.length);
            int end = NameWords.capitalisedWordEnd(chars, i);
            assertThat(NameWords.capitalisedWordEnd(chars, i, word)).as("%s at %d", text, i).isEqualTo(end);
            if (end >= 0) {
                words++;
                assertThat(word.hash).as("%s at %d", text, i).isEqualTo(Fold.hash(chars, i, end));
                boolean ascii = true;
                for (int k = i; k < end; k++) {
                    ascii &= chars[k] < 0x80;
                }
                assertThat(word.ascii).as("%s at %d", text, i).isEqualTo(ascii);
            }
        }
        assertThat(words).isGreaterThan(5_000);
    }
}
