package dev.veil.tokenizer.detect.address;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.detect.Chars;
import dev.veil.tokenizer.detect.TextIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class AddressScanTest {

    private static final String[] PIECES = {
        "Box", "box", "PO", "P.O.", "apo", "psc", "USS", "calle", "Calle", "C/", "at", "in", "on", "rue", "Rue", "via", "corner",
        "Jean", "Luc", "O", "Brien", "apt", "Apt", "suite", "the", "x", "12", "5B", "é", "Ünit", " ", " ", " ", "  ", "-", "'", "’",
        ", ", ".", "\n", "_", "#", "Teichweg", "STRASSE", "Straße", "u.", "ÚT", "Király", "M1", "1AE", "SW1A", "W1D", "2JU", "$",
        "€", "7", "000", "12-14", "Oak", "oak", "of", "broadway", "days", "Flat", "ſ", "K",
        // birth words, whose bit the scan's masks also carry and its visits never meet
        "born", "DOB", "fecha"};
    private static final int[] BITS = {WordClasses.BOX | WordClasses.MILITARY_UNIT | WordClasses.SHIP | WordClasses.MILITARY_POST,
        WordClasses.SPANISH_TYPE, WordClasses.LEAD_IN | WordClasses.APARTMENT, WordClasses.CORNER_CUE, WordClasses.TYPE_BEFORE, WordClasses.ADDRESS};

    /** Up to 41 of the {@link #PIECES}, in random order. */
    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int k = random.nextInt(40); k >= 0; k--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    /** Visiting only the words with a mask makes the calls a walk over every word start makes. */
    @Property(tries = 400)
    void visitsTheWordsAWalkOverEveryWordVisits(@ForAll long seed) {
        Random random = new Random(seed);
        String s = randomText(random);
        TextIndex index = TextIndex.of(s);
        AddressScan scan = AddressScan.of(s, index);
        int bits = BITS[random.nextInt(BITS.length)];
        int skip = random.nextInt(4);
        // a visitor returning a varied position past the one it gets: the next character, the
        // word's end or a few characters on
        IntUnaryOperator visitor = i -> i + 1 + (i * 31 + skip) % 6;

        List<Integer> letterCalls = new ArrayList<>();
        scan.visitLetterWords(bits, i -> {
            letterCalls.add(i);
            return visitor.applyAsInt(i);
        });
        List<Integer> expectedLetterCalls = new ArrayList<>();
        TextIndex.visit(index.wordStarts(), index.wordCount(), i -> {
            if (!Chars.isAsciiLetter(s.charAt(i))) {
                return i + 1;
            }
            if ((maskAt(scan, index, i) & bits) == 0) {
                return Math.max(i + 1, AddressParts.wordEnd(scan.text(), i));
            }
            expectedLetterCalls.add(i);
            return visitor.applyAsInt(i);
        });
        assertThat(letterCalls).as("letter words of %s", s).isEqualTo(expectedLetterCalls);

        List<Integer> wordCalls = new ArrayList<>();
        scan.visitWords(bits, i -> {
            wordCalls.add(i);
            return visitor.applyAsInt(i);
        });
        List<Integer> expectedWordCalls = new ArrayList<>();
        TextIndex.visit(index.wordStarts(), index.wordCount(), i -> {
            if ((maskAt(scan, index, i) & bits) == 0) {
                return i + 1;
            }
            expectedWordCalls.add(i);
            return visitor.applyAsInt(i);
        });
        assertThat(wordCalls).as("words of %s", s).isEqualTo(expectedWordCalls);
    }

    /** The blanks counted once per text are what a walk ahead from each word start counts. */
    @Property(tries = 400)
    void countsTheBlanksAWalkToTheNextNumberCounts(@ForAll long seed) {
        String s = randomText(new Random(seed));
        TextIndex index = TextIndex.of(s);
        AddressScan scan = AddressScan.of(s, index);
        int[] starts = index.wordStarts();
        int count = index.wordCount();
        for (int j = 1; j <= count; j++) {
            assertThat(scan.blanksToNumber(j)).as("word %d of [%s]", j, s).isEqualTo(walkedBlanks(s, starts, count, j));
        }
    }

    /** The walk {@code AddressScan.blanksToNumber} stands for, word by word. */
    private static int walkedBlanks(String s, int[] starts, int count, int from) {
        int blanks = 0;
        for (int j = from; j < count; j++) {
            char before = s.charAt(starts[j] - 1);
            if (before == ' ') {
                blanks++;
            } else if (before != '-' && before != '\'' && before != '’') {
                return AddressScan.MAX_BLANKS + 1;
            }
            if (Chars.isDigit(s.charAt(starts[j]))) {
                return before == ' ' ? Math.min(blanks, AddressScan.MAX_BLANKS + 1) : AddressScan.MAX_BLANKS + 1;
            }
        }
        return AddressScan.MAX_BLANKS + 1;
    }

    /** The candidates the scan finds in one pass are where each detector's own first tests hold, walked word by word. */
    @Property(tries = 400)
    void findsTheCandidatesEachDetectorsFirstTestsFind(@ForAll long seed) {
        String s = randomText(new Random(seed));
        TextIndex index = TextIndex.of(s);
        AddressScan scan = AddressScan.of(s, index);
        char[] chars = s.toCharArray();
        int[] starts = index.wordStarts();
        int count = index.wordCount();
        int[] masks = scan.masks();
        List<Integer> continental = new ArrayList<>();
        List<Integer> uk = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int p = starts[k];
            int following = (k + 1 < count ? masks[k + 1] : 0) | (k + 2 < count ? masks[k + 2] : 0);
            boolean afterNumber = p >= 2 && chars[p - 1] == ' ' && Chars.isDigit(chars[p - 2]);
            if (ContinentalStreetDetector.mayStart(chars[p], masks[k], following, walkedBlanks(s, starts, count, k + 1),
                    walkedStreet(scan.text(), starts, count, k + 1), afterNumber)) {
                continental.add(k);
            }
            if (UkPostcodeDetector.mayStart(chars, p)) {
                uk.add(k);
            }
        }
        assertThat(scan.continentalStarts()).as("continental in [%s]", s).containsExactly(ints(continental));
        assertThat(scan.ukPostcodeStarts()).as("UK in [%s]", s).containsExactly(ints(uk));
        List<Integer> streets = new ArrayList<>();
        List<Integer> blocks = new ArrayList<>();
        int[] numbers = index.numberStarts();
        for (int k = 0; k < index.numberCount(); k++) {
            int p = numbers[k];
            if (!Chars.isDigit(chars[p])) {
                continue;
            }
            if (StreetAddressDetector.mayStart(chars, p, AddressParts.houseNumberEnd(scan.text(), p))) {
                streets.add(k);
            }
            int digits = AddressParts.digitsEnd(scan.text(), p);
            if (digits - p <= 6 && digits + 1 < chars.length && chars[digits] == ' ') {
                blocks.add(k);
            }
        }
        assertThat(scan.streetStarts()).as("streets in [%s]", s).containsExactly(ints(streets));
        assertThat(scan.blockStarts()).as("blocks in [%s]", s).containsExactly(ints(blocks));
    }

    /** The street-word ending test is a case-insensitive comparison with every suffix and word, whatever it turns down first. */
    @Property(tries = 400)
    void findsAStreetWordEndingWhereSomeEndingMatches(@ForAll long seed) {
        Random random = new Random(seed);
        String s = randomText(random);
        Text text = Text.of(s);
        for (int end = 0; end <= s.length(); end++) {
            boolean expected = false;
            for (String ending : ContinentalStreetDetector.streetEndings()) {
                int from = end - ending.length();
                expected |= from >= 0 && s.regionMatches(true, from, ending, 0, ending.length());
            }
            assertThat(ContinentalStreetDetector.streetWordEndsAt(text, end)).as("at %d of [%s]", end, s).isEqualTo(expected);
        }
    }

    /** Like {@link #walkedBlanks}: whether the number a walk from word {@code from} reaches follows a street word. */
    private static boolean walkedStreet(Text text, int[] starts, int count, int from) {
        for (int j = from; j < count; j++) {
            char before = text.charAt(starts[j] - 1);
            if (before != ' ' && before != '-' && before != '\'' && before != '’') {
                return false;
            }
            if (Chars.isDigit(text.charAt(starts[j]))) {
                return before == ' ' && ContinentalStreetDetector.streetWordEndsAt(text, starts[j] - 1);
            }
        }
        return false;
    }

    /**
     * A number followed by digits alone starts no street (the groups of a card or a phone), which
     * holds because no street type or numbered road starts with a digit (checked here for an
     * ordinal after each digit); an ordinal or a number with a letter may start one.
     */
    @Test
    void aNumberFollowedByDigitsAloneStartsNoStreet() {
        assertThat(StreetAddressDetector.mayStart("4111 1111 1111".toCharArray(), 0, 4)).isFalse();
        assertThat(StreetAddressDetector.mayStart("555 0123, ok".toCharArray(), 0, 3)).isFalse();
        assertThat(StreetAddressDetector.mayStart("12 5th Avenue".toCharArray(), 0, 2)).isTrue();
        assertThat(StreetAddressDetector.mayStart("12 3-B Oak Street".toCharArray(), 0, 2)).isTrue();
        assertThat(StreetAddressDetector.mayStart("12 Oak Street".toCharArray(), 0, 2)).isTrue();
        for (char digit = '0'; digit <= '9'; digit++) {
            char[] type = (digit + "st Street").toCharArray();
            assertThat(StreetAddressDetector.STRONG_TYPES.matchAt(type, 0)).isEqualTo(-1);
            assertThat(StreetAddressDetector.WEAK_TYPES.matchAt(type, 0)).isEqualTo(-1);
            assertThat(StreetAddressDetector.NUMBERED_ROADS.matchAt(type, 0)).isEqualTo(-1);
        }
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int maskAt(AddressScan scan, TextIndex index, int position) {
        int k = Arrays.binarySearch(index.wordStarts(), 0, index.wordCount(), position);
        return scan.masks()[k];
    }
}
