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

class AddressScanTest {

    private static final String[] PIECES = {
        "Box", "box", "PO", "P.O.", "apo", "psc", "USS", "calle", "Calle", "C/", "at", "in", "on", "rue", "Rue", "via", "corner",
        "Jean", "Luc", "O", "Brien", "apt", "Apt", "suite", "the", "x", "12", "5B", "é", "Ünit", " ", " ", " ", "  ", "-", "'", "’",
        ", ", ".", "\n", "_", "#"};
    private static final int[] BITS = {AddressScan.BOX | AddressScan.MILITARY_UNIT | AddressScan.SHIP | AddressScan.MILITARY_POST,
        AddressScan.SPANISH_TYPE, AddressScan.LEAD_IN | AddressScan.APARTMENT, AddressScan.CORNER_CUE, AddressScan.TYPE_BEFORE, -1};

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

    private static int maskAt(AddressScan scan, TextIndex index, int position) {
        int k = Arrays.binarySearch(index.wordStarts(), 0, index.wordCount(), position);
        return scan.masks()[k];
    }
}
