package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class NumberReadsTest {

    /** The limits and capacities the digit-led detectors read with, and some beside them. */
    private static final int[] LIMITS = {1, 2, 6, 8, 9, 12, 19, 20, 21, 40, Integer.MAX_VALUE};
    private static final int[] CAPACITIES = {1, 2, 7, 8, 9, 16, 20, 24};

    @Property(tries = 2000)
    void aSharedReadingGivesWhatEachDetectorsOwnReadWouldHave(
            @ForAll @Chars({'1', '2', '0', '9', ' ', ' ', '-', '.', '/', '\t', '\n', '\r', 'a', ',', '(', ')'})
            @StringLength(max = 80) String text,
            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        TextIndex index = TextIndex.of(text);
        NumberReads reads = index.numberReads();
        // the detectors ask in any order, each start several times with different limits
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < index.numberCount(); k++) {
                int start = index.numberStarts()[k];
                if (!dev.veil.tokenizer.detect.Chars.isDigit(text.charAt(start))) {
                    continue;
                }
                int limit = LIMITS[(seed + k + round) % LIMITS.length];
                int capacity = CAPACITIES[(seed + 3 * k + round) % CAPACITIES.length];
                DigitGroups own = new DigitGroups(capacity);
                DigitGroups shared = new DigitGroups(capacity);
                int ownEnd = own.read(text, start, limit, false);

                int sharedEnd = reads.read(k, limit, shared);

                assertThat(describe(shared, sharedEnd)).as("start %d, limit %d, capacity %d", start, limit, capacity)
                        .isEqualTo(describe(own, ownEnd));
            }
        }
    }

    @Test
    void aRunLongerThanTheKeptReadingIsReadWholeForAnUnlimitedAsk() {
        String text = "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n24\n25";
        TextIndex index = TextIndex.of(text);
        DigitGroups run = new DigitGroups(16);

        int end = index.numberReads().read(0, Integer.MAX_VALUE, run);

        assertThat(text.substring(0, end)).isEqualTo("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n24");
        assertThat(run.count()).isEqualTo(24);
        assertThat(run.digits()).isEqualTo(39);
        assertThat(run.complete()).isFalse();
        assertThat(run.lineBreak()).isTrue();
    }

    private static List<Object> describe(DigitGroups run, int end) {
        List<Object> all = new ArrayList<>(List.of(end, run.count(), run.digits(), run.known(), run.complete(), run.lineBreak()));
        for (int g = 0; g < run.known(); g++) {
            all.add(run.start(g) + "-" + run.end(g));
        }
        return all;
    }
}
