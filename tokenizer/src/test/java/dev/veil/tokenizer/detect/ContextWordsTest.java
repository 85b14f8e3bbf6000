package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

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

    @Property(tries = 2000)
    void matchAtFindsTheLongestPhraseThatStandsThere(
            @ForAll @Chars({'t', 'T', 'e', 'E', 'l', 'L', 'x', 's', 'S', 'n', 'N', 'k', 'K', 'ſ', '\u212a', 'é', 'É',
                    'º', '#', '.', ' ', '/', 'c', 'o', '1', '_'}) @StringLength(max = 14) String text,
            @ForAll @IntRange(max = 13) int at) {
        int i = Math.min(at, Math.max(0, text.length() - 1));
        if (text.isEmpty()) {
            return;
        }

        assertThat(WORDS.matchAt(text, i)).isEqualTo(expectedMatchAt(text, i));
    }

    @Property(tries = 2000)
    void beforeIsAnyPhraseStartingAfterTheLastDigitWithinTheWindow(
            @ForAll @Chars({'t', 'e', 'l', 'x', 'S', 's', 'n', 'K', 'k', 'i', '.', ' ', '#', '1', '2', '_', 'é', '\n'})
            @StringLength(max = 30) String text,
            @ForAll @IntRange(max = 30) int at,
            @ForAll @IntRange(max = 12) int window) {
        int pos = Math.min(at, text.length());
        int from = pos;
        while (from > 0 && pos - from < window && !Character.isDigit(text.charAt(from - 1))) {
            from--;
        }

        assertThat(WORDS.before(text, pos, window)).isEqualTo(WORDS.findEnd(text, from, pos) >= 0);
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
                    || dev.veil.tokenizer.detect.Chars.wordEndsAt(text, end);
            if (wordEnd) {
                return end;
            }
        }
        return -1;
    }
}
