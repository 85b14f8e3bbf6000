package dev.veil.tokenizer.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class MaskFormatTest {

    private static final MaskFormat LAST4 = MaskFormat.builder().keepLast(4).build();
    private static final MaskFormat INITIALS = MaskFormat.builder().firstInitial(true).build();

    @Test
    void masksACardKeepingTheLastFourAndTheGrouping() {
        assertThat(LAST4.tokenize("4242 4242 4242 4242")).isEqualTo(new Token("•••• •••• •••• 4242", 0));
        assertThat(MaskFormat.builder().keepLast(4).keepSeparators(false).build().tokenize("4242-4242-4242-4242")
                .text()).isEqualTo("••••••••••••4242");
        assertThat(MaskFormat.builder().keepFirst(6).keepLast(4).maskChar("*").build()
                .tokenize("5555 5555 5555 4444").text()).isEqualTo("5555 55** **** 4444");
        assertThat(LAST4.name()).isEqualTo("mask");
    }

    @Test
    void keepsFirstInitials() {
        assertThat(INITIALS.tokenize("María García").text()).isEqualTo("M•••• G•••••");
        assertThat(INITIALS.tokenize("Jean-Luc  O'Neill").text()).isEqualTo("J•••-L••  O'N••••");
    }

    @Test
    void countsComposedCharactersOnceWhateverTheNormalization() {
        String decomposed = "Mari\u0301a Garci\u0301a";
        assertThat(INITIALS.tokenize(decomposed).text()).isEqualTo("M•••• G•••••");
        // U+0331 has no precomposed form with 'e': the mark is shown or dropped with its base letter.
        assertThat(INITIALS.tokenize("e\u0331va").text()).isEqualTo("e\u0331••");
        assertThat(INITIALS.tokenize("ae\u0331a").text()).isEqualTo("a••");
    }

    @Test
    void neverSplitsSurrogatePairs() {
        String boldAbcd = "\uD835\uDC00\uD835\uDC01\uD835\uDC02\uD835\uDC03";
        String masked = MaskFormat.builder().keepLast(1).build().tokenize(boldAbcd + " \uD83D\uDE00").text();
        assertThat(masked).isEqualTo("•••\uD835\uDC03 \uD83D\uDE00");
        String emojiMask = MaskFormat.builder().maskChar("\uD83D\uDD12").build().tokenize("ab").text();
        assertThat(emojiMask).isEqualTo("\uD83D\uDD12\uD83D\uDD12");
    }

    @Test
    void neverShowsAWholeValue() {
        assertThat(LAST4.tokenize("4242").text()).isEqualTo("••••");
        assertThat(LAST4.tokenize("42-42").text()).isEqualTo("••-••");
        assertThat(LAST4.tokenize("1-4242").text()).isEqualTo("•-4242");
    }

    @Property(tries = 300)
    void outputIsWellFormedAndHidesEveryMaskedCharacter(@ForAll String value) {
        String masked = LAST4.tokenize(value).text();
        for (int i = 0; i < masked.length(); i++) {
            char c = masked.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < masked.length() && Character.isLowSurrogate(masked.charAt(i + 1))).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).isFalse();
            }
        }
        long shown = masked.codePoints().filter(Character::isLetterOrDigit).count();
        assertThat(shown).isLessThanOrEqualTo(4);
    }

    @Test
    void validatesItsParameters() {
        assertThatThrownBy(() -> MaskFormat.builder().keepLast(20).build()).hasMessage("keepLast: 20 (expected: 0 to 8)");
        assertThatThrownBy(() -> MaskFormat.builder().keepFirst(-1).build())
                .hasMessage("keepFirst: -1 (expected: 0 to 8)");
        assertThatThrownBy(() -> MaskFormat.builder().firstInitial(true).keepLast(2).build())
                .hasMessageStartingWith("firstInitial: true");
        assertThatThrownBy(() -> MaskFormat.builder().maskChar("**").build())
                .hasMessage("maskChar: 2 code points (expected: 1)");
        assertThatThrownBy(() -> MaskFormat.builder().maskChar("7").build()).hasMessageStartingWith("maskChar: U+0037");
        assertThatThrownBy(() -> MaskFormat.builder().maskChar(" ").build()).hasMessageStartingWith("maskChar: U+0020");
        assertThat(MaskFormat.builder().maskChar("X").keepLast(2).build().tokenize("abc-123").text()).isEqualTo("XXX-X23");
    }
}
