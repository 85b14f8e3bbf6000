package dev.veil.bench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The report's arithmetic on a tiny hand-written set whose figures were worked out by hand. */
class ScorerTest {

    private static final String CARDS = "Card 4000 0000 0000 0002, mail ana@example.org, thanks";
    private static final String ORG = "Ring Acme Ltd at home; old card 5555 5555 5555 4444 and 4242 4242 4242 4242";
    private static final String STREET = "Send to 1 Main St, Apt 2 please";

    private static final Map<String, PiiType> MAPPING = Map.of(
            "CARD", PiiType.CARD_NUMBER, "MAIL", PiiType.EMAIL, "STREET", PiiType.ADDRESS);

    private final Dataset tiny = new Dataset("tiny", List.of(
            new Document("cards", CARDS, List.of(entity("CARD", CARDS, "4000 0000 0000 0002"),
                    entity("MAIL", CARDS, "ana@example.org"))),
            new Document("org", ORG, List.of(entity("ORG", ORG, "Acme Ltd"),
                    entity("CARD", ORG, "5555 5555 5555 4444"), entity("CARD", ORG, "4242 4242 4242 4242"))),
            // two address parts split by ", " are one address once joined
            new Document("street", STREET, List.of(entity("STREET", STREET, "1 Main St"),
                    entity("STREET", STREET, "Apt 2")))),
            MAPPING);

    private final Map<String, List<Span>> predictions = Map.of(
            CARDS, List.of(
                    span(PiiType.CARD_NUMBER, CARDS, "4000 0000"), // overlaps the card: matched
                    span(PiiType.CARD_NUMBER, CARDS, "0000 0002"), // same card again: unmatched
                    span(PiiType.EMAIL, CARDS, "ana@example.org")),
            ORG, List.of(
                    span(PiiType.CARD_NUMBER, ORG, "Acme Ltd"), // on an unmapped annotation: wrong, not stray
                    span(PiiType.PHONE, ORG, "home"), // unscored type, on no annotation
                    span(PiiType.CARD_NUMBER, ORG, "5555 5555 5555 4444 and 4242")), // covers two cards, matches one
            STREET, List.of(
                    span(PiiType.ADDRESS, STREET, "Apt 2"),
                    span(PiiType.EMAIL, STREET, "please")));

    private final SetResult result = Scorer.score(tiny, predictions::get);

    @Test
    void countsEachTypeWithOneToOneOverlapMatching() {
        assertThat(result.counts()).containsOnlyKeys(PiiType.CARD_NUMBER, PiiType.EMAIL, PiiType.ADDRESS);
        // characters: cards 16 + 16 + 16 annotated, covered 16 + 16 + 4; "1 Main St, Apt 2" has 12, "Apt 2" covers 4
        assertThat(result.counts().get(PiiType.CARD_NUMBER)).isEqualTo(new Counts(4, 3, 2, 48, 36));
        assertThat(result.counts().get(PiiType.EMAIL)).isEqualTo(new Counts(2, 1, 1, 15, 15));
        assertThat(result.counts().get(PiiType.ADDRESS)).isEqualTo(new Counts(1, 1, 1, 12, 4));
    }

    @Test
    void precisionRecallAndF2MatchTheHandComputedFigures() {
        Counts cards = result.counts().get(PiiType.CARD_NUMBER);
        assertThat(cards.precision()).isEqualTo(0.5);
        assertThat(cards.recall()).isCloseTo(2.0 / 3, within(1e-12));
        // 5 * 1/2 * 2/3 / (4 * 1/2 + 2/3) = (5/3) / (8/3)
        assertThat(cards.f2()).isCloseTo(0.625, within(1e-12));
        Counts emails = result.counts().get(PiiType.EMAIL);
        assertThat(emails.precision()).isEqualTo(0.5);
        assertThat(emails.recall()).isEqualTo(1.0);
        assertThat(emails.f2()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(result.counts().get(PiiType.ADDRESS).f2()).isEqualTo(1.0);
        assertThat(cards.coverage()).isEqualTo(0.75);
        assertThat(result.counts().get(PiiType.ADDRESS).coverage()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void falsePositivesPer10kWordsCountDetectionsOverlappingNoAnnotation() {
        // 8 + 16 + 8 words; "home" (PHONE) and "please" (EMAIL) overlap no annotation
        assertThat(result.words()).isEqualTo(32);
        assertThat(result.detections()).isEqualTo(8);
        assertThat(result.unannotated()).isEqualTo(2);
        assertThat(result.unannotatedPer10kWords()).isEqualTo(625.0);
    }

    @Test
    void recordsEveryError() {
        assertThat(result.misses()).extracting(Miss::kind, Miss::type).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Miss.Kind.WRONG, PiiType.CARD_NUMBER),
                org.assertj.core.groups.Tuple.tuple(Miss.Kind.WRONG, PiiType.CARD_NUMBER),
                org.assertj.core.groups.Tuple.tuple(Miss.Kind.MISSED, PiiType.CARD_NUMBER),
                org.assertj.core.groups.Tuple.tuple(Miss.Kind.WRONG, PiiType.EMAIL),
                org.assertj.core.groups.Tuple.tuple(Miss.Kind.STRAY, PiiType.PHONE));
    }

    @Test
    void findsAMaximumMatchingWhateverTheOrderOfDetections() {
        String text = "IBAN one and IBAN two";
        Document document = new Document("order", text, List.of(entity("I", text, "one"), entity("I", text, "two")));
        Dataset dataset = new Dataset("order", List.of(document), Map.of("I", PiiType.IBAN));
        // the wide detection comes first and could take "one", leaving the narrow one nothing
        List<Span> wideFirst = List.of(span(PiiType.IBAN, text, "one and IBAN two"), span(PiiType.IBAN, text, "one"));
        List<Span> narrowFirst = new ArrayList<>(wideFirst);
        java.util.Collections.reverse(narrowFirst);
        for (List<Span> order : List.of(wideFirst, narrowFirst)) {
            Function<String, List<Span>> detector = t -> order;
            assertThat(Scorer.score(dataset, detector).counts().get(PiiType.IBAN)).isEqualTo(new Counts(2, 2, 2, 6, 6));
        }
    }

    @Test
    void joinsAddressPartsAcrossPunctuationAndOtherAnnotationsButNothingElse() {
        String text = "Ship to 9 Elm Rd,\n> Leeds LS1 4AB or 2 Oak Ln; mail a@example.org b@example.org";
        Map<String, PiiType> mapping = Map.of("STREET", PiiType.ADDRESS, "MAIL", PiiType.EMAIL);
        Document document = new Document("parts", text, List.of(entity("STREET", text, "9 Elm Rd"),
                entity("CITY", text, "Leeds"), entity("STREET", text, "LS1 4AB"), entity("STREET", text, "2 Oak Ln"),
                entity("MAIL", text, "a@example.org"), entity("MAIL", text, "b@example.org")));
        assertThat(Scorer.merge(document, mapping)).containsExactly(
                new Entity("STREET", text.indexOf("9 Elm"), text.indexOf(" or")),
                entity("CITY", text, "Leeds"),
                entity("STREET", text, "2 Oak Ln"),
                entity("MAIL", text, "a@example.org"),
                entity("MAIL", text, "b@example.org"));
    }

    @Test
    void undefinedFiguresAreNaNAndRecallZeroGivesF2Zero() {
        assertThat(new Counts(0, 3, 0, 9, 0).precision()).isNaN();
        assertThat(new Counts(0, 3, 0, 9, 0).f2()).isZero();
        assertThat(new Counts(2, 0, 0, 0, 0).recall()).isNaN();
        assertThat(new Counts(2, 0, 0, 0, 0).f2()).isNaN();
        assertThat(new Counts(2, 0, 0, 0, 0).coverage()).isNaN();
        assertThat(new Counts(4, 4, 0, 9, 0).f2()).isZero();
    }

    private static Entity entity(String label, String text, String part) {
        int start = text.indexOf(part);
        return new Entity(label, start, start + part.length());
    }

    private static Span span(PiiType type, String text, String part) {
        int start = text.indexOf(part);
        return new Span(type, start, start + part.length(), 0.9);
    }
}
