package dev.veil.tokenizer.detect.address;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class AddressGrowthTest {

    /** From any hint, the search answers as a bisection of the whole array does. */
    @Property(tries = 1000)
    void searchFromAHintAgreesWithABisection(
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 50) Integer> values,
            @ForAll @IntRange(min = -1, max = 52) int key,
            @ForAll @IntRange(min = 0, max = 40) int hint) {
        int[] sorted = values.stream().mapToInt(Integer::intValue).sorted().toArray();
        int from = Math.min(hint, sorted.length);
        assertThat(AddressGrowth.search(sorted, key, from)).as("%d in %s from %d", key, Arrays.toString(sorted), from)
                .isEqualTo(SpanCover.firstAtOrAfter(sorted, key));
    }

    @Test
    void growsAStreetToItsBlockButNotOverTheNextAddressFound() {
        String s = "Ship to 10 Main Street\nSpringfield, IL 62704\nor 5 Oak Road, Dover, DE 19901 today";
        Text text = Text.of(s);
        int street = s.indexOf("10 Main");
        int second = s.indexOf("5 Oak");
        List<Span> found = List.of(span(street, s.indexOf("\nSpringfield")), span(second, s.indexOf(", Dover")));
        AddressGrowth growth = AddressGrowth.of(text, found);

        long first = growth.grow(street, s.indexOf("\nSpringfield"));
        assertThat(s.substring(AddressGrowth.start(first), AddressGrowth.end(first)))
                .isEqualTo("10 Main Street\nSpringfield, IL 62704");
        long other = growth.grow(second, s.indexOf(", Dover"));
        assertThat(s.substring(AddressGrowth.start(other), AddressGrowth.end(other))).isEqualTo("5 Oak Road, Dover, DE 19901");
    }

    /**
     * The spans found, asked in any order and some more than once, grow as each does asked alone:
     * neither the search hints nor the extents already grown change an answer.
     */
    @Property(tries = 300)
    void theOrderOfTheSpansAskedChangesNoGrowth(@ForAll long seed) {
        Random random = new Random(seed);
        String[] lines = {"10 Main Street", "Springfield, IL 62704", "5 Oak Road", "Apt 4", "Dover, DE 19901",
            "Calle Mayor 5, 28013 Madrid", "the corner of 25 Elm Street and King Road", "PO Box 12", "London SW1A 2AA",
            "at Storgarden 52 Lerke Road, Korsvik", "nothing here", "Belgium 97466"};
        StringBuilder s = new StringBuilder();
        for (int k = random.nextInt(8) + 1; k > 0; k--) {
            s.append(lines[random.nextInt(lines.length)]).append(random.nextBoolean() ? "\n" : ", ");
        }
        Text text = Text.of(s.toString());
        List<Span> found = new ArrayList<>();
        for (int k = random.nextInt(6) + 1; k > 0; k--) {
            int start = random.nextInt(s.length());
            found.add(span(start, start + 1 + random.nextInt(s.length() - start)));
        }
        List<Long> alone = new ArrayList<>();
        for (Span span : found) {
            alone.add(AddressGrowth.of(text, found).grow(span.start(), span.end()));
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < found.size() * 2; k++) {
            order.add(k % found.size());
        }
        Collections.shuffle(order, random);
        AddressGrowth shared = AddressGrowth.of(text, found);
        for (int k : order) {
            Span span = found.get(k);
            assertThat(shared.grow(span.start(), span.end())).as("span %s of %s", span, found).isEqualTo(alone.get(k));
        }
    }

    private static Span span(int start, int end) {
        return new Span(PiiType.ADDRESS, start, end, 0.6);
    }
}
