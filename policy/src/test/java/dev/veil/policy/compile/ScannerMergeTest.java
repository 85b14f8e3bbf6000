package dev.veil.policy.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.PreparedText;
import dev.veil.tokenizer.detect.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link Scanner#merge} reports the winners that the map by start it once was kept (a span is kept
 * iff neither kept neighbour overlaps it) as their type, and covers every digit of a span that lost
 * to another type: the registry's overlap rule over both lists.
 */
class ScannerMergeTest {

    private static final PiiType[] TYPES = {PiiType.of("ACME_ORDER"), PiiType.of("CARD_NUMBER"), PiiType.of("PHONE"), PiiType.of("EMAIL")};
    private static final double[] CONFIDENCES = {0.5, 0.8, 0.9, 0.95, 1.0};

    @Test
    void keepsTheWinnersTheMapByStartKeptAndCoversTheDigitsOfTheLosers() {
        Random random = new Random(20261130L);
        int kept = 0;
        int pieces = 0;
        for (int i = 0; i < 50_000; i++) {
            int length = 1 + random.nextInt(i % 10 == 0 ? 2_000 : 60);
            String text = text(random, length);
            List<Span> ours = disjoint(random, length);
            List<Span> theirs = disjoint(random, length);
            List<Span> found = new ArrayList<>(ours);
            found.addAll(theirs);
            List<Span> merged = Scanner.merge(PreparedText.of(text), ours, theirs);
            PiiType[] coveredBy = new PiiType[length];
            for (int k = 0; k < merged.size(); k++) {
                Span span = merged.get(k);
                assertThat(k == 0 || merged.get(k - 1).end() <= span.start()).as("sorted and disjoint").isTrue();
                for (int at = span.start(); at < span.end(); at++) {
                    assertThat(foundAs(found, at, span.type())).as("%s holds only what was found as its type", span).isTrue();
                }
                java.util.Arrays.fill(coveredBy, span.start(), span.end(), span.type());
            }
            List<Span> winners = reference(ours, theirs);
            for (Span winner : winners) {
                for (int at = winner.start(); at < winner.end(); at++) {
                    assertThat(coveredBy[at]).as("%s is reported", winner).isEqualTo(winner.type());
                }
            }
            for (Span span : found) {
                boolean lostToAnotherType = winners.stream().anyMatch(w -> w.overlaps(span) && !w.type().equals(span.type()));
                for (int at = span.start(); at < span.end() && lostToAnotherType; at++) {
                    if (Character.isDigit(text.charAt(at))) {
                        assertThat(coveredBy[at]).as("digit %s of %s", at, span).isNotNull();
                    }
                }
            }
            kept += winners.size();
            pieces += merged.size() - (int) merged.stream().filter(winners::contains).count();
        }
        assertThat(kept).isGreaterThan(50_000); // the lists did overlap and hold spans
        assertThat(pieces).isGreaterThan(5_000); // and losers had pieces beyond the winners
    }

    /** Letters, digits, blanks and punctuation. */
    private static String text(Random random, int length) {
        String chars = "ab7 .-";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(chars.charAt(random.nextInt(chars.length())));
        }
        return text.toString();
    }

    private static boolean foundAs(List<Span> found, int at, PiiType type) {
        return found.stream().anyMatch(span -> span.type().equals(type) && span.start() <= at && at < span.end());
    }

    @Test
    void keepsEverySpanWhenTheListsDoNotOverlap() {
        // one registry's spans dealt between the two lists: no span of one overlaps one of the other
        Random random = new Random(20261201L);
        int interleaved = 0;
        for (int i = 0; i < 20_000; i++) {
            int length = 1 + random.nextInt(200);
            List<Span> ours = new ArrayList<>();
            List<Span> theirs = new ArrayList<>();
            for (Span span : disjoint(random, length)) {
                (random.nextBoolean() ? ours : theirs).add(span);
            }
            List<Span> merged = Scanner.merge(PreparedText.of(text(random, length)), ours, theirs);
            assertThat(merged).isEqualTo(reference(ours, theirs));
            if (!ours.isEmpty() && !theirs.isEmpty() && ours.get(0).start() > theirs.get(0).start()) {
                interleaved++;
            }
        }
        assertThat(interleaved).isGreaterThan(1_000);
    }

    /** Spans sorted by start, none overlapping another: what one registry returns. */
    private static List<Span> disjoint(Random random, int length) {
        List<Span> spans = new ArrayList<>();
        int at = random.nextInt(4);
        while (at < length - 1 && random.nextInt(5) > 0) {
            int end = Math.min(length, at + 1 + random.nextInt(12));
            spans.add(new Span(TYPES[random.nextInt(TYPES.length)], at, end, CONFIDENCES[random.nextInt(CONFIDENCES.length)]));
            at = end + random.nextInt(6);
        }
        return spans;
    }

    /** The former merge, which dropped the losers: sorted by precedence, each kept unless a kept neighbour by start overlaps it. */
    private static List<Span> reference(List<Span> ours, List<Span> theirs) {
        List<Span> found = new ArrayList<>(ours);
        found.addAll(theirs);
        found.sort((a, b) -> {
            int byConfidence = Double.compare(b.confidence(), a.confidence());
            if (byConfidence != 0) {
                return byConfidence;
            }
            int byLength = Integer.compare(b.length(), a.length());
            if (byLength != 0) {
                return byLength;
            }
            int byStart = Integer.compare(a.start(), b.start());
            return byStart != 0 ? byStart : a.type().name().compareTo(b.type().name());
        });
        TreeMap<Integer, Span> kept = new TreeMap<>();
        for (Span span : found) {
            Map.Entry<Integer, Span> before = kept.floorEntry(span.start());
            Map.Entry<Integer, Span> after = kept.ceilingEntry(span.start());
            if ((before == null || !before.getValue().overlaps(span)) && (after == null || !after.getValue().overlaps(span))) {
                kept.put(span.start(), span);
            }
        }
        return List.copyOf(kept.values());
    }
}
