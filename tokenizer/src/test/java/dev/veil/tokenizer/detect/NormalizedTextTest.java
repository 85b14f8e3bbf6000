package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class NormalizedTextTest {

    @Test
    void plainTextIsItsOwnView() {
        String text = "Card 4111 1111 1111 1111, café ñandú — no. 5";
        NormalizedText view = NormalizedText.of("Card 4111 1111 1111 1111, café ñandú no 5");
        assertThat(view.changed()).isFalse();
        assertThat(NormalizedText.of(text).text()).isEqualTo("Card 4111 1111 1111 1111, café ñandú - no. 5");
    }

    @Test
    void foldsWidthsDigitScriptsSpacesAndDashes() {
        assertThat(NormalizedText.of("４７９１\u3000４９７５").text()).isEqualTo("4791 4975");
        assertThat(NormalizedText.of("٤٧٩١ ۴۹۷۵ ४९७५").text()).isEqualTo("4791 4975 4975");
        assertThat(NormalizedText.of("4791\u2013497\u2009x\u00a0y\u2212z").text()).isEqualTo("4791-497 x y-z");
        assertThat(NormalizedText.of("ana＠ｍａｉｌ．ｅｓ").text()).isEqualTo("ana@mail.es");
        assertThat(NormalizedText.of("\uD835\uDFD2\uD835\uDFD3").text()).isEqualTo("45");
    }

    @Test
    void removesInvisibleCharactersAndMapsSpansBack() {
        String text = "x 5364\u00ad3404\u200b7569\u2060\uFEFF2595 y";
        NormalizedText view = NormalizedText.of(text);
        assertThat(view.text()).isEqualTo("x 5364340475692595 y");
        Span span = view.toOriginal(new Span(PiiType.CARD_NUMBER, 2, 18, 0.9));
        assertThat(text.substring(span.start(), span.end())).isEqualTo("5364\u00ad3404\u200b7569\u2060\uFEFF2595");
    }

    @Test
    void rendersHtmlTagsAndEntities() {
        String text = "<p>Card <b>4236</b> 2492&nbsp;4604&#32;8897</p><br/>ana&#64;mail.es";
        NormalizedText view = NormalizedText.of(text);
        assertThat(view.text()).isEqualTo("\nCard 4236 2492 4604 8897\n\nana@mail.es");
        assertThat(view.decodedMarkup()).isTrue();
        Span span = view.toOriginal(new Span(PiiType.CARD_NUMBER, 6, 25, 0.9));
        assertThat(text.substring(span.start(), span.end())).isEqualTo("4236</b> 2492&nbsp;4604&#32;8897");
    }

    @Test
    void anHtmlCommentBecomesOneSpaceAndItsSpanMapsBack() {
        // a comment once threw a NullPointerException (its null tag name reached Set.contains)
        String text = "mi tarjeta:<!--[if mso]><b>x</b><![endif]-->4111 1111 1111 1111<!-- -->.";
        NormalizedText view = NormalizedText.of(text);
        assertThat(view.text()).isEqualTo("mi tarjeta: 4111 1111 1111 1111 .");
        assertThat(view.decodedMarkup()).isTrue();
        assertThat(DetectorRegistry.defaults().detect(text)).singleElement().satisfies(span -> {
            assertThat(span.type()).isEqualTo(PiiType.CARD_NUMBER);
            assertThat(text.substring(span.start(), span.end())).isEqualTo("4111 1111 1111 1111");
        });
    }

    @Test
    void anUnclosedCommentLeavesTheRestAsWritten() {
        String text = "<!-- a --> b <!-- c <b>d</b>";
        assertThat(NormalizedText.of(text).text()).isEqualTo("  b <!-- c d");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void unclosedCommentOpeningsAreNotEachSearchedToTheEnd() {
        // a hang guard, not a timing: each "<!--" once searched the rest of the text for "-->",
        // and a mebibyte of them took minutes
        String text = "<!--".repeat(256 * 1024) + " 4111 1111 1111 1111";
        NormalizedText view = NormalizedText.of(text);
        assertThat(view.changed()).isFalse();
        assertThat(view.text()).isSameAs(text);
    }

    @Test
    void leavesTextThatOnlyLooksLikeMarkup() {
        for (String text : List.of("Ana <ana@mail.es>", "50% off", "a < b > c", "AT&T & Q&A", "100%zz", "<Pedro Ruiz>")) {
            assertThat(NormalizedText.of(text).changed()).as(text).isFalse();
        }
    }

    @Test
    void decodesPercentEncoding() {
        String text = "https://x.example/pay?card%3D4111%201111%201111%201111&mail=ana%40correo.es&n=%C3%B1";
        assertThat(NormalizedText.of(text).text())
                .isEqualTo("https://x.example/pay?card=4111 1111 1111 1111&mail=ana@correo.es&n=ñ");
    }

    @Test
    void separatesGluedPrefixes() {
        assertThat(NormalizedText.of("CC#4111 nº12345678Z No.4111 v2.10 ZD-129 #483920").text())
                .isEqualTo("CC# 4111 nº 12345678Z No. 4111 v2.10 ZD-129 #483920");
    }

    @Property(tries = 300)
    void offsetMapIsMonotonicAndInsideTheOriginal(
            @ForAll @StringLength(max = 60) @CharRange(from = 0, to = 0x3100) String text) {
        assertOffsetMapIsMonotonicAndInsideTheOriginal(text);
    }

    /** Random characters almost never make markup, so this one glues pieces that the view does rewrite. */
    @Property(tries = 300)
    void offsetMapIsMonotonicAndInsideTheOriginalWhereTheViewRewrites(
            @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 13) Integer> pieces) {
        String[] parts = {"&amp;", "&nbsp;", "&#32;", "<b>", "</b>", "%40", "%C3%B1", "nº12", "CC#4", "a", " ", "1", "—", "<br/>"};
        StringBuilder text = new StringBuilder();
        for (int piece : pieces) {
            text.append(parts[piece]);
        }
        assertOffsetMapIsMonotonicAndInsideTheOriginal(text.toString());
    }

    private static void assertOffsetMapIsMonotonicAndInsideTheOriginal(String text) {
        NormalizedText view = NormalizedText.of(text);
        int previousStart = 0;
        int previousEnd = 0;
        for (int i = 0; i < view.text().length(); i++) {
            int start = view.originalStart(i);
            int end = view.originalEnd(i);
            assertThat(start).isBetween(0, text.length());
            assertThat(end).isBetween(start, text.length());
            assertThat(start).isGreaterThanOrEqualTo(previousStart);
            assertThat(end).isGreaterThanOrEqualTo(previousEnd);
            previousStart = start;
            previousEnd = end;
        }
        if (!view.changed()) {
            assertThat(view.text()).isSameAs(text);
        }
    }

    @Property(tries = 300)
    void asciiTextWithoutMarkupIsItsOwnView(@ForAll @StringLength(max = 80) @CharRange(from = ' ', to = '~') String text) {
        String plain = text.replace('<', ' ').replace('&', ' ').replace('%', ' ').replace('#', ' ').replace('.', ' ');
        assertThat(NormalizedText.of(plain).changed()).isFalse();
    }

    /**
     * The view made from the index's stops is the one made by testing every character: the same
     * text, offsets and flags, over pieces that glue, rewrite, fold or are kept (and random
     * characters), wherever the first change falls.
     */
    @Property(tries = 1000)
    void theViewFromTheIndexStopsIsTheSameView(
            @ForAll @Size(max = 24) List<@IntRange(min = 0, max = 37) Integer> pieces,
            @ForAll @StringLength(max = 12) @CharRange(from = 0, to = 0xFFFF) String noise) {
        String[] parts = {"&amp;", "&nbsp;", "&#32;", "<b>", "</b>", "%40", "%C3%B1", "nº12", "CC#4", "a", " ", "1",
            "\u2014", "<br/>", "No.5", "no.X", "v2.10", "#", ".", "º", "ª", "°(", "°+3", "Ａ１", "\u00a0", "\u200b",
            "\uD83D\uDE00", "\uD83D", "é", "’", "_x", "<", "&", "%", "3.5", "tel.+34", "Nº", "\n"};
        StringBuilder text = new StringBuilder();
        for (int piece : pieces) {
            text.append(parts[piece]);
        }
        text.insert(text.length() / 2, noise);
        String original = text.toString();
        NormalizedText expected = NormalizedText.of(original);
        NormalizedText fromStops = NormalizedText.of(original, TextIndex.of(original));
        assertThat(fromStops.text()).isEqualTo(expected.text());
        assertThat(fromStops.changed()).isEqualTo(expected.changed());
        assertThat(fromStops.decodedMarkup()).isEqualTo(expected.decodedMarkup());
        for (int k = 0; k < expected.text().length(); k++) {
            assertThat(fromStops.originalStart(k)).isEqualTo(expected.originalStart(k));
            assertThat(fromStops.originalEnd(k)).isEqualTo(expected.originalEnd(k));
        }
    }
}
