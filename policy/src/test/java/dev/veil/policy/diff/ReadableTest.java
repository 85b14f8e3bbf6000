package dev.veil.policy.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadableTest {

    private static int visible(String original, String shown) {
        return Readable.visible(Readable.alnum(original), Readable.shown(shown));
    }

    @Test
    void countsTheOriginalCharactersLeftReadableWhateverTheGrouping() {
        assertThat(visible("4111111111111111", "4111 1111 1111 1111")).isEqualTo(16);
        assertThat(visible("4111111111111111", "411111••••••1111")).isEqualTo(10);
        assertThat(visible("+1 415 555 0132", "+1 415 ••• 0132")).isEqualTo(8);
        assertThat(visible("Dana Whitfield", "Dana Whi••••••")).isEqualTo(7);
    }

    @Test
    void shortRunsPlaceholdersAndTokensCountAsNothing() {
        assertThat(visible("+1 415 555 0132", "+• ••• ••• ••32")).isZero();
        assertThat(visible("Dana Whitfield", "D••• W•••••••")).isZero();
        assertThat(visible("123-45-6789", "[REDACTED]")).isZero();
        assertThat(visible("dana.whitfield@example.com", "ctc_62lZRVU3PBbhTUijwWoRNE")).isZero();
        // each character of the output is read once: two copies of a run do not add up past the original
        assertThat(visible("0132", "0132 and 0132")).isEqualTo(4);
    }
}
