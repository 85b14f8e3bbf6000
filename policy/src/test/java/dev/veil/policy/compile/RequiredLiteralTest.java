package dev.veil.policy.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequiredLiteralTest {

    @Test
    void findsTheLongestRunEveryMatchContains() {
        assertThat(RequiredLiteral.of("AC-[0-9]{8}")).isEqualTo("AC-");
        assertThat(RequiredLiteral.of("[0-9]{4}-ORDER-[A-Z]+")).isEqualTo("-ORDER-");
        assertThat(RequiredLiteral.of("INV\\.[0-9]+/x")).isEqualTo("INV.");
        assertThat(RequiredLiteral.of("ab?cd")).isEqualTo("cd");
        assertThat(RequiredLiteral.of("abc+d")).isEqualTo("abc");
        assertThat(RequiredLiteral.of("(?:pre|post)fix-[0-9]+")).isEqualTo("fix-");
        assertThat(RequiredLiteral.of("x{0,3}yz")).isEqualTo("yz");
    }

    @Test
    void givesUpWhereItCannotProveARun() {
        assertThat(RequiredLiteral.of("AC-[0-9]+|BD-[0-9]+")).isEmpty();
        assertThat(RequiredLiteral.of("(?i)ac-[0-9]{8}")).isEmpty();
        assertThat(RequiredLiteral.of("\\QAC-\\E[0-9]+")).isEmpty();
        assertThat(RequiredLiteral.of("\\p{L}+-[0-9]+")).isEmpty();
        assertThat(RequiredLiteral.of("[[:alpha:]]+-ID")).isEmpty();
        assertThat(RequiredLiteral.of("[0-9]{8}")).isEmpty();
    }

    @Test
    void aQuantifierAfterACharacterOutsideTheBmpAppliesToTheWholeCharacter() {
        // RE2 reads "a\uD83D\uDE00?b" as a, an optional emoji, b: "ab" matches, so no half of the emoji is required
        String regex = "a\uD83D\uDE00?b";
        assertThat(RequiredLiteral.of(regex)).doesNotContain("\uD83D").doesNotContain("\uDE00");
        List<Span> found = new ArrayList<>();
        RegexDetector.of(PiiType.of("TEST"), regex, 0.9).detect("order ab here", found);
        assertThat(found).containsExactly(new Span(PiiType.of("TEST"), 6, 8, 0.9));
        assertThat(RequiredLiteral.of("x\uD83D\uDE00+y")).isEqualTo("x\uD83D\uDE00");
    }

    @Test
    void aTextWithoutTheRunHasNoMatchSoTheDetectorFindsWhatRe2Finds() {
        String[] atoms = {"A", "C", "-", "x", "\\.", "[0-9]", "[A-Z]", "\\d", ".", "(?:AC|x)", "(A|C)", "\\b"};
        String[] quantifiers = {"", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,}", "+?"};
        SplittableRandom random = new SplittableRandom(5);
        String alphabet = "AC-x.0123ZQ ";
        for (int round = 0; round < 2000; round++) {
            StringBuilder regex = new StringBuilder();
            int parts = 1 + random.nextInt(6);
            for (int i = 0; i < parts; i++) {
                regex.append(atoms[random.nextInt(atoms.length)]).append(quantifiers[random.nextInt(quantifiers.length)]);
            }
            Pattern pattern = Pattern.compile(regex.toString());
            RegexDetector detector = RegexDetector.of(PiiType.of("TEST"), regex.toString(), 0.9);
            for (int t = 0; t < 20; t++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(30);
                for (int i = 0; i < length; i++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                List<Span> expected = new ArrayList<>();
                Matcher m = pattern.matcher(text);
                int from = 0;
                while (from <= text.length() && m.find(from)) {
                    if (m.end() > m.start()) {
                        expected.add(new Span(PiiType.of("TEST"), m.start(), m.end(), 0.9));
                        from = m.end();
                    } else {
                        from = m.end() + 1;
                    }
                }
                List<Span> found = new ArrayList<>();
                detector.detect(text.toString(), found);
                assertThat(found).as("%s on %s", regex, text).isEqualTo(expected);
            }
        }
    }
}
