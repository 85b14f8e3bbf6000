package dev.veil.tokenizer.detect.address;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SpanCoverTest {

    @Test
    void answersForNestedAndDisjointSpans() {
        SpanCover cover = SpanCover.of(List.of(span(10, 40), span(12, 15), span(50, 55)));
        assertThat(cover.covers(9)).isFalse();
        assertThat(cover.covers(10)).isTrue();
        assertThat(cover.covers(39)).isTrue();
        assertThat(cover.covers(40)).isFalse();
        assertThat(cover.covers(45)).isFalse();
        assertThat(cover.overlaps(40, 50)).isFalse();
        assertThat(cover.overlaps(39, 50)).isTrue();
        assertThat(cover.overlaps(45, 51)).isTrue();
        assertThat(SpanCover.of(List.of()).covers(0)).isFalse();
    }

    /** The sorted cover answers exactly as a scan of every span does. */
    @Property(tries = 500)
    void agreesWithAScanOfEverySpan(
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 60) Integer> starts,
            @ForAll @Size(max = 12) List<@IntRange(min = 1, max = 20) Integer> lengths,
            @ForAll @IntRange(min = 0, max = 80) int start,
            @ForAll @IntRange(min = 1, max = 10) int length) {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < Math.min(starts.size(), lengths.size()); i++) {
            spans.add(span(starts.get(i), starts.get(i) + lengths.get(i)));
        }
        SpanCover cover = SpanCover.of(spans);
        int end = start + length;
        boolean covers = spans.stream().anyMatch(s -> s.start() <= start && start < s.end());
        boolean overlaps = spans.stream().anyMatch(s -> s.start() < end && start < s.end());
        assertThat(cover.covers(start)).as("covers %d in %s", start, spans).isEqualTo(covers);
        assertThat(cover.overlaps(start, end)).as("overlaps [%d, %d) in %s", start, end, spans).isEqualTo(overlaps);
    }

    /** Asked in ascending order, the counting cover answers as {@code covers} does at every position. */
    @Property(tries = 300)
    void coversAscendingAgreesWithCovers(
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 60) Integer> starts,
            @ForAll @Size(max = 12) List<@IntRange(min = 1, max = 20) Integer> lengths,
            @ForAll @IntRange(min = 1, max = 5) int step) {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < Math.min(starts.size(), lengths.size()); i++) {
            spans.add(span(starts.get(i), starts.get(i) + lengths.get(i)));
        }
        SpanCover counting = SpanCover.of(spans);
        SpanCover searching = SpanCover.of(spans);
        for (int position = 0; position < 90; position += step) {
            assertThat(counting.coversAscending(position)).as("covers %d in %s", position, spans)
                    .isEqualTo(searching.covers(position));
        }
    }

    private static Span span(int start, int end) {
        return new Span(PiiType.ADDRESS, start, end, 0.9);
    }
}
