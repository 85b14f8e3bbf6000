package dev.veil.tokenizer.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnicodeTextTest {

    private static final String PAIR = "\uD83D\uDE00"; // one character outside the BMP

    @Test
    void textWithoutSurrogatesOrWithWholePairsIsWellFormed() {
        assertThat(UnicodeText.isWellFormed("")).isTrue();
        assertThat(UnicodeText.isWellFormed("plain text, caf\u00e9 \u2022")).isTrue();
        assertThat(UnicodeText.isWellFormed(PAIR)).isTrue();
        assertThat(UnicodeText.isWellFormed("before " + PAIR + " between " + PAIR + PAIR + " after")).isTrue();
    }

    @Test
    void aLoneSurrogateAnywhereIsRefused() {
        // after a run of other text (where the first surrogate is looked for), at the start and at the end
        assertThat(UnicodeText.isWellFormed("some text \uD83D and more")).isFalse();
        assertThat(UnicodeText.isWellFormed("some text \uDE00 and more")).isFalse();
        assertThat(UnicodeText.isWellFormed("\uDE00")).isFalse();
        assertThat(UnicodeText.isWellFormed("ends in a high half \uD83D")).isFalse();
        assertThat(UnicodeText.isWellFormed(PAIR + "\uDE00")).isFalse();
        assertThat(UnicodeText.isWellFormed("\uDE00\uD83D")).isFalse(); // low then high is no pair
    }
}
