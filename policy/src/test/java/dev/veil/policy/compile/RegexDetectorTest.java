package dev.veil.policy.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
        return everyMatch(Pattern.compile(regex), text);
    }

    private static List<Span> everyMatch(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
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

    /**
     * Expressions that start with a literal run RE2 is anchored at: the same spans as the plain
     * RE2 loop, on random expressions of the policy language's RE2 syntax (a literal start or not,
     * classes, assertions before, inside and after, groups with alternation, quantifiers lazy and
     * greedy, flags, characters outside the BMP) over texts rich in their characters.
     */
    @Test
    void anchoredAtThePrefixFindsWhatTheUnanchoredSearchFinds() {
        String[] literals = {"A", "C", "-", "x", "é", "\\.", "\uD83D\uDE00"};
        String[] atoms = {"A", "C", "-", "x", "é", "\\.", "\uD83D\uDE00", "[0-9]", "[A-Z]", "[^x]", "\\d", "\\w", ".", "\\b", "\\B",
                "$", "^", "(?:AC|x)", "(A|C-)", "(x*)", "(?i:ac)", "(?:\\b|-)", "(?m:$)"};
        String[] quantifiers = {"", "", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,}", "{1,3}", "+?", "??", "*?"};
        String[] pieces = {"A", "C", "-", "AC-", "x", "é", "É", ".", "0", "1", "12", "Z", "a", "c", " ", "\n", "\uD83D\uDE00", "\uD83D", "AC-12"};
        SplittableRandom random = new SplittableRandom(20261201L);
        int anchored = 0;
        int compared = 0;
        int spans = 0;
        for (int round = 0; round < 2_000; round++) {
            StringBuilder regex = new StringBuilder();
            if (random.nextInt(10) < 7) {
                int leading = 1 + random.nextInt(3);
                for (int i = 0; i < leading; i++) {
                    regex.append(literals[random.nextInt(literals.length)]).append(random.nextInt(6) == 0 ? "+" : "");
                }
            }
            int parts = random.nextInt(5);
            for (int i = 0; i < parts; i++) {
                regex.append(atoms[random.nextInt(atoms.length)]).append(quantifiers[random.nextInt(quantifiers.length)]);
            }
            if (random.nextInt(12) == 0) {
                regex.append('|').append(literals[random.nextInt(literals.length)]);
            }
            RegexDetector detector;
            try {
                detector = RegexDetector.of(ORDER, regex.toString(), 0.9);
            } catch (IllegalArgumentException e) { // RE2's syntax errors and the budget's refusals alike
                continue;
            }
            Pattern pattern = Pattern.compile(regex.toString());
            if (!RequiredLiteral.prefix(regex.toString()).isEmpty()) {
                anchored++;
            }
            for (int t = 0; t < 40; t++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(16);
                for (int i = 0; i < length; i++) {
                    text.append(pieces[random.nextInt(pieces.length)]);
                }
                List<Span> found = new ArrayList<>();
                detector.detect(text.toString(), found);
                List<Span> expected = everyMatch(pattern, text.toString());
                assertThat(found).as("%s on %s", regex, text).isEqualTo(expected);
                compared++;
                spans += expected.size();
            }
        }
        assertThat(anchored).isGreaterThan(1_000);
        assertThat(compared).isGreaterThan(60_000);
        assertThat(spans).isGreaterThan(15_000);
    }

    @Test
    void findsEachOrderNumberOfAText() {
        String text = "orders AC-10458822 and AC-10461290, not AC-1046129 nor AC-";
        List<Span> found = new ArrayList<>();
        RegexDetector.of(ORDER, "AC-[0-9]{8}", 0.9).detect(text, found);
        assertThat(found).extracting(span -> text.substring(span.start(), span.end())).containsExactly("AC-10458822", "AC-10461290");
    }
}
