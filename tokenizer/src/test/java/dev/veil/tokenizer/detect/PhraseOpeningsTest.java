package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PhraseOpeningsTest {

    private static final String[] PHRASES = {"d", "mr", "my name is", "at", "arroba", "i'm", "i am", "doña", "f. nac", "b-day",
        "dob"};

    @Test
    void turnsDownWhatOpensNoPhraseByThreeCharacters() {
        PhraseOpenings openings = new PhraseOpenings(PHRASES);
        assertThat(openings.mayOpen("My name".toCharArray(), 0, false)).isTrue();
        assertThat(openings.mayOpen("myself".toCharArray(), 0, false)).isFalse();
        assertThat(openings.mayOpen("at home".toCharArray(), 0, false)).isTrue();
        assertThat(openings.mayOpen("attic".toCharArray(), 0, false)).isFalse();
        assertThat(openings.mayOpen("D. Ruiz".toCharArray(), 0, false)).isTrue();
        assertThat(openings.mayOpen("Dx".toCharArray(), 0, false)).isFalse();
        assertThat(openings.mayOpen("mr".toCharArray(), 0, false)).isTrue(); // the text's end ends a word
        assertThat(openings.mayOpen("zoo".toCharArray(), 0, false)).isFalse(); // no phrase opens with z
        assertThat(openings.mayOpen("Éa".toCharArray(), 0, false)).isFalse();
        assertThat(openings.mayOpen("Éa".toCharArray(), 0, true)).isTrue();
        assertThat(openings.mayOpen("İ'm".toCharArray(), 1, false)).isFalse(); // "'m" opens nothing
    }

    @Test
    void neverTurnsDownAPlaceWhereAPhraseStandsAsRegionMatchesReadsIt() {
        PhraseOpenings openings = new PhraseOpenings(PHRASES);
        String alphabet = "dmrynaeisto'. -bfcñÑ\u0130\u212AADMRYNT9_,";
        Random random = new Random(5);
        int matched = 0;
        for (int round = 0; round < 200_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(8);
            for (int k = 0; k < length; k++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextInt(4) == 0) {
                text.insert(random.nextInt(text.length() + 1), PHRASES[random.nextInt(PHRASES.length)]);
            }
            String t = text.toString();
            int p = random.nextInt(t.length());
            if (Character.isLetter(t.charAt(p)) && t.charAt(p) < 128 && stands(t, p)) {
                matched++;
                assertThat(openings.mayOpen(t.toCharArray(), p, false)).as("%s at %d", t, p).isTrue();
            }
        }
        assertThat(matched).isGreaterThan(10_000);
    }

    /** A phrase stands at {@code p} as String.regionMatches compares, one or two characters ending a word. */
    private static boolean stands(String text, int p) {
        for (String phrase : PHRASES) {
            int end = p + phrase.length();
            if (text.regionMatches(true, p, phrase, 0, phrase.length())
                    && (phrase.length() > 2 || end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void refusesPhrasesItCannotTell() {
        assertThatCode(() -> new PhraseOpenings("name on the *")).doesNotThrowAnyException();
        assertThatThrownBy(() -> new PhraseOpenings("a*b")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new PhraseOpenings("9am")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new PhraseOpenings("a!", "b?", "c;", "d:", "e/")).isInstanceOf(IllegalStateException.class);
    }
}
