package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.detect.address.UkPostcodeDetector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TextIndexTest {

    @Test
    void charsClassifiesEveryBmpCharacterAsTheJdkDoes() {
        for (char c = 0; c < 0xFFFF; c++) {
            boolean expected = c < 128 ? Character.isLetterOrDigit(c) || c == '_' : Character.isLetterOrDigit(c);
            if (dev.veil.tokenizer.detect.Chars.isWordChar(c) != expected
                    || dev.veil.tokenizer.detect.Chars.isLetter(c) != Character.isLetter(c)
                    || dev.veil.tokenizer.detect.Chars.isLetterOrDigit(c) != Character.isLetterOrDigit(c)) {
                assertThat(c).as("character classes of U+%04X", (int) c).isNull();
            }
        }
    }

    @Property(tries = 1000)
    void seekFindsTheFirstStartAtOrAfterThePositionFromAnyStartingEntry(
            @ForAll @net.jqwik.api.constraints.Size(max = 300) List<@net.jqwik.api.constraints.IntRange(max = 50) Integer> gaps,
            @ForAll @net.jqwik.api.constraints.IntRange(max = 400) int from,
            @ForAll @net.jqwik.api.constraints.IntRange(min = -5, max = 20_000) int position) {
        int[] starts = new int[gaps.size() + 7]; // room after count, as in a TextIndex
        int at = 0;
        for (int k = 0; k < gaps.size(); k++) {
            at += gaps.get(k) + (k == 0 ? 0 : 1);
            starts[k] = at;
        }
        int count = gaps.size();
        int expected = 0;
        while (expected < count && starts[expected] < position) {
            expected++;
        }

        assertThat(TextIndex.seek(starts, count, Math.min(from, count), position)).isEqualTo(expected);
    }

    @Property(tries = 500)
    void numberStartsAreExactlyThePositionsWhereANumberOrOpenerMayStart(
            @ForAll @Chars({'1', '7', 'a', 'X', 'é', ' ', '.', '-', '/', '@', ':', ',', '#', '+', '(', '_'})
            @StringLength(max = 40) String text) {
        TextIndex index = TextIndex.of(text);

        assertThat(Arrays.copyOf(index.numberStarts(), index.numberCount())).containsExactly(expectedNumberStarts(text));
    }

    @Property(tries = 500)
    void wordStartsAreExactlyTheWordCharactersAfterANonWordCharacter(
            @ForAll @Chars({'1', 'a', 'Z', 'é', 'ß', ' ', '.', '-', '_', '\n'}) @StringLength(max = 40) String text) {
        TextIndex index = TextIndex.of(text);

        List<Integer> expected = new ArrayList<>();
        char[] chars = text.toCharArray();
        for (int i = 0; i < text.length(); i++) {
            if (dev.veil.tokenizer.detect.Chars.isWordChar(text.charAt(i))
                    && dev.veil.tokenizer.detect.Chars.wordStartsAt(chars, i)) {
                expected.add(i);
            }
        }
        assertThat(Arrays.copyOf(index.wordStarts(), index.wordCount())).containsExactly(
                expected.stream().mapToInt(Integer::intValue).toArray());
    }

    @Property(tries = 500)
    void cueStartsAreLineStartsAndAsciiLettersNotAfterALetterOrDigit(
            @ForAll @Chars({'1', 'a', 'Z', 'é', ' ', '_', '\n', '-', ':'}) @StringLength(max = 40) String text) {
        TextIndex index = TextIndex.of(text);

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char previous = i == 0 ? '\n' : text.charAt(i - 1);
            if (previous == '\n' || (dev.veil.tokenizer.detect.Chars.isAsciiLetter(text.charAt(i))
                    && !Character.isLetterOrDigit(previous))) {
                expected.add(i);
            }
        }
        assertThat(Arrays.copyOf(index.cueStarts(), index.cueCount())).containsExactly(
                expected.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void growsPastItsInitialCapacity() {
        String text = "1 a ".repeat(300);

        TextIndex index = TextIndex.of(text);

        assertThat(index.numberCount()).isEqualTo(300);
        assertThat(index.wordCount()).isEqualTo(600);
        assertThat(index.numberStarts()[299]).isEqualTo(4 * 299);
    }

    @Test
    void seekFindsTheFirstStartAtOrAfterAPositionInEitherDirection() {
        int[] starts = {2, 5, 9, 0};

        assertThat(TextIndex.seek(starts, 3, 0, 6)).isEqualTo(2);
        assertThat(TextIndex.seek(starts, 3, 2, 5)).isEqualTo(1);
        assertThat(TextIndex.seek(starts, 3, 2, 0)).isEqualTo(0);
        assertThat(TextIndex.seek(starts, 3, 1, 10)).isEqualTo(3);
    }

    @Test
    void nextDigitStartSkipsOpenersEarlierStartsAndStartsWithoutRoom() {
        String text = "(12 +34 56 789";
        TextIndex index = TextIndex.of(text);
        int[] starts = index.numberStarts();

        assertThat(starts[index.nextDigitStart(0, 0, 1)]).isEqualTo(1);
        assertThat(starts[index.nextDigitStart(0, 2, 1)]).isEqualTo(5); // past "(12" and the '+'
        assertThat(starts[index.nextDigitStart(0, 9, 1)]).isEqualTo(11);
        assertThat(starts[index.nextDigitStart(0, 6, 6)]).isEqualTo(8);
        assertThat(index.nextDigitStart(0, 9, 4)).isEqualTo(index.numberCount()); // "789" is too short
    }

    @Test
    void registryFindsTheSameSpansAsEachDetectorAlone() {
        String text = "Card 4111 1111 1111 1111, SSN 536-22-8741, DNI 12345678Z, NIE X1234567L, "
                + "IBAN GB82 WEST 1234 5698 7654 32, call +44 20 7946 0958, post to 10 Downing St, London SW1A 2AA.";
        DetectorRegistry.Builder builder = DetectorRegistry.builder();
        List<Span> alone = new ArrayList<>();
        for (Detector detector : List.of(new CardNumberDetector(), new UsSsnDetector(), new EsDniDetector(),
                new EsNieDetector(), new IbanDetector(), new PhoneDetector(), new UkPostcodeDetector())) {
            List<Span> found = new ArrayList<>();
            detector.detect(text, found);
            assertThat(found).as(detector.getClass().getSimpleName()).isNotEmpty();
            alone.addAll(found);
            builder.add(detector);
        }

        assertThat(builder.build().detect(text)).isEqualTo(Overlaps.resolve(PreparedText.of(text), alone));
    }

    private static int[] expectedNumberStarts(String text) {
        List<Integer> expected = new ArrayList<>();
        char[] chars = text.toCharArray();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean opener = (c == '+' || c == '(') && i + 1 < text.length()
                    && dev.veil.tokenizer.detect.Chars.isDigit(text.charAt(i + 1));
            if ((dev.veil.tokenizer.detect.Chars.isDigit(c) || opener)
                    && dev.veil.tokenizer.detect.Chars.numberStartsAt(chars, i)) {
                expected.add(i);
            }
        }
        return expected.stream().mapToInt(Integer::intValue).toArray();
    }
}
