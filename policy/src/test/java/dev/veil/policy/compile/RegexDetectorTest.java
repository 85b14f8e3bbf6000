package dev.veil.policy.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RegexDetectorTest {

    private static final PiiType ORDER = PiiType.of("ACME_ORDER");
    private static final List<String> REGEXES = List.of("AC-[0-9]{8}", "[0-9]{3}-AC", "(?i)ord(er)?-?[0-9]{2,}", "\\bAC[0-9]+\\b",
            "AC-[0-9]*$", "^AC-[0-9]", "(AC-)?[0-9]{4}", "x*", "é[0-9]");

    /** Every match of {@code regex}, found by RE2 from each match's end to the text's end: the detector's contract. */
    private static List<Span> everyMatch(String regex, String text) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        List<Span> spans = new ArrayList<>();
        int from = 0;
        while (from <= text.length() && matcher.find(from)) {
            if (matcher.end() > matcher.start()) {
                spans.add(new Span(ORDER, matcher.start(), matcher.end(), 0.9));
                from = matcher.end();
            } else {
                from = matcher.end() + 1;
            }
        }
        return spans;
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of("AC-", "AC-10458822", "ac-12345678", "AC", "-", "1", "0123", "ord", "ORDER-77", " ", "x", "é", "é4",
                "\n", "AC-1234567").list().ofMaxSize(12).map(parts -> String.join("", parts));
    }

    @Property(tries = 1000)
    void findsEveryMatchRe2FindsThoughItStopsWhereTheLiteralNoLongerOccurs(@ForAll("texts") String text) {
        for (String regex : REGEXES) {
            List<Span> found = new ArrayList<>();
            RegexDetector.of(ORDER, regex, 0.9).detect(text, found);
            assertThat(found).as(regex).isEqualTo(everyMatch(regex, text));
        }
    }

    @Test
    void findsEachOrderNumberOfAText() {
        String text = "orders AC-10458822 and AC-10461290, not AC-1046129 nor AC-";
        List<Span> found = new ArrayList<>();
        RegexDetector.of(ORDER, "AC-[0-9]{8}", 0.9).detect(text, found);
        assertThat(found).extracting(span -> text.substring(span.start(), span.end())).containsExactly("AC-10458822", "AC-10461290");
    }
}
