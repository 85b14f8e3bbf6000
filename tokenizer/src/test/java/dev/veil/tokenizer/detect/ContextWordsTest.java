package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link ContextWords} against plain models of its answers: its filters (empty buckets, second and
 * third characters) and its backwards scan must turn down nothing the full comparison would take.
 */
class ContextWordsTest {

    /** Phrases sharing first, second and third characters, with dots, spaces and a non-ASCII letter. */
    private static final List<String> PHRASES = List.of(
            "tel", "tel.", "text", "text me", "teléfono", "tlf", "ss #", "ssn", "sort code", "s/c", "kit", "k", "no.",
            "nº de cuenta");
    private static final ContextWords WORDS = ContextWords.of(PHRASES.toArray(new String[0]));

    @Property(tries = 1000)
    void matchAtFindsTheLongestPhraseThatStandsThere(@ForAll("texts") String text) {
        for (int i = 0; i < text.length(); i++) {
            assertThat(WORDS.matchAt(text.toCharArray(), i)).as("at %d", i).isEqualTo(expectedMatchAt(text, i));
        }
    }

    @Property(tries = 1000)
    void beforeIsAnyPhraseStartingAfterTheLastDigitWithinTheWindow(
            @ForAll("texts") String text, @ForAll @IntRange(max = 16) int window) {
        for (int pos = 0; pos <= text.length(); pos++) {
            int from = pos;
            while (from > 0 && pos - from < window && !Character.isDigit(text.charAt(from - 1))) {
                from--;
            }
            assertThat(WORDS.before(text.toCharArray(), pos, window)).as("at %d", pos).isEqualTo(phraseStartsIn(text, from, pos));
        }
    }

    /** A plain forward scan: a phrase starts in {@code [from, to)}, never inside a word (a word character after another). */
    private static boolean phraseStartsIn(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            boolean insideWord = i > 0 && Chars.isWordChar(text.charAt(i - 1)) && Chars.isWordChar(text.charAt(i));
            if (!insideWord && expectedMatchAt(text, i) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Texts of phrases in several cases, near misses and what may stand around them. */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.of("tel", "TEL", "Tel.", "te", "teX", "TEXT", "text me", "TEXT ME", "tlf",
                "SSN", "sSn", "ss #", "SS #", "S/C", "s/c", "kit", "KIT", "K", "\u212ait", "\u017fsn", "ss\u017f",
                "nº de cuenta", "Nº DE CUENTA", "teléfono", "TELÉFONO", "tel\u00e9", " ", " ", ".", "#", "1", "_", "é",
                "\n", "no.", "NO.", "n");
        return pieces.list().ofMaxSize(8).map(list -> String.join("", list));
    }

    /**
     * The model: the first phrase, longest first, whose first character is the text's ASCII one
     * (case aside) and second its lower case, that the JDK's case-insensitive comparison finds at
     * {@code i} and that ends a word where the phrase ends in a word character.
     */
    private static int expectedMatchAt(String text, int i) {
        List<String> phrases = new ArrayList<>(PHRASES);
        phrases.sort(Comparator.comparingInt(String::length).reversed());
        char first = text.charAt(i);
        for (String phrase : phrases) {
            String lower = phrase.toLowerCase(Locale.ROOT);
            int end = i + lower.length();
            if (end > text.length() || first >= 128 || Character.toLowerCase(first) != lower.charAt(0)) {
                continue;
            }
            if (lower.length() > 1 && Character.toLowerCase(text.charAt(i + 1)) != lower.charAt(1)) {
                continue;
            }
            if (!text.regionMatches(true, i, lower, 0, lower.length())) {
                continue;
            }
            boolean wordEnd = !dev.veil.tokenizer.detect.Chars.isWordChar(lower.charAt(lower.length() - 1))
                    || dev.veil.tokenizer.detect.Chars.wordEndsAt(text.toCharArray(), end);
            if (wordEnd) {
                return end;
            }
        }
        return -1;
    }
}
