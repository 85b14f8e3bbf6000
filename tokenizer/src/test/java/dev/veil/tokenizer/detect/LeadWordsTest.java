package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** LeadWords turns a word start down only where none of the phrases can match there. */
class LeadWordsTest {

    private static final List<String> PHRASES = List.of("date of birth", "dob", "d.o.b.", "b-day", "fecha de nacimiento",
            "está a nombre de", "nació", "cumpleaños", "atentamente y cordialmente");

    @Test
    void aWordThatIsNoFirstWordIsTurnedDown() {
        LeadWords leads = LeadWords.of(PHRASES, true);
        assertThat(leads.mayStartAt("the order", 0)).isFalse();
        assertThat(leads.mayStartAt("then date of birth", 5)).isTrue();
        assertThat(leads.mayStartAt("then dated", 5)).isFalse();
        assertThat(leads.mayStartAt("dates", 0)).isFalse();
        assertThat(leads.mayStartAt("doc", 0)).isFalse();
        // two letters decide before the rest of the word is read, and one letter alone is a word too
        assertThat(leads.mayStartAt("zz top", 0)).isFalse();
        assertThat(leads.mayStartAt("d.o.b.", 0)).isTrue();
        assertThat(leads.mayStartAt("d", 0)).isTrue();
        assertThat(leads.mayStartAt("x", 0)).isFalse();
    }

    @Test
    void aFirstWordPassesInAnyCase() {
        LeadWords leads = LeadWords.of(PHRASES, true);
        assertThat(leads.mayStartAt("DOB: 1985", 0)).isTrue();
        assertThat(leads.mayStartAt("Date of Birth", 0)).isTrue();
        assertThat(leads.mayStartAt("B-Day", 0)).isTrue();
        assertThat(leads.mayOpenWith('D')).isTrue();
        assertThat(leads.mayOpenWith('x')).isFalse();
        assertThat(leads.mayOpenWith(' ')).isFalse();
    }

    @Test
    void aWordWithALetterBeyondAsciiIsLeftToTheMatcher() {
        LeadWords leads = LeadWords.of(PHRASES, true);
        // "está" and "nació" are first words with an accent; "estaba" is not, but nothing beyond ASCII is judged
        assertThat(leads.mayStartAt("Está a nombre", 0)).isTrue();
        assertThat(leads.mayStartAt("nació", 0)).isTrue();
        assertThat(leads.mayStartAt("estaba", 0)).isFalse();
        assertThat(leads.mayStartAt("\u212Aind", 0)).isTrue(); // the Kelvin sign, a "k" to case-insensitive matching
        assertThat(leads.mayOpenWith('é')).isTrue();
        assertThat(leads.mayOpenWith('e')).isTrue();
    }

    @Test
    void aLongFirstWordLetsEveryLongWordPass() {
        LeadWords leads = LeadWords.of(List.of("dob", "identificaciones"), true);
        assertThat(leads.mayStartAt("identificaciones", 0)).isTrue();
        assertThat(leads.mayStartAt("administrations", 0)).isTrue();
        assertThat(leads.mayStartAt("admin", 0)).isFalse();
        assertThat(LeadWords.of(List.of("dob"), true).mayStartAt("administrations", 0)).isFalse();
    }

    @Test
    void underscoreIsPartOfAWordOnlyWhenAsked() {
        assertThat(LeadWords.of(List.of("dob"), true).mayStartAt("dob_x", 0)).isFalse();
        assertThat(LeadWords.of(List.of("dob"), false).mayStartAt("dob_x", 0)).isTrue();
    }

    @Test
    void aPhraseOpeningWithAMarkPassesEverything() {
        LeadWords leads = LeadWords.of(List.of("dob", "#id"), true);
        assertThat(leads.mayStartAt("zebra", 0)).isTrue();
        assertThat(leads.mayOpenWith('z')).isTrue();
    }

    @Test
    void neverTurnsDownAPositionWhereTheContextWordsMatch() {
        ContextWords words = ContextWords.of(PHRASES.toArray(new String[0]));
        LeadWords leads = LeadWords.of(words.phrases(), true);
        String[] pieces = {"date", "Date", "DOB", "dob", "d.o.b.", "d", "b-day", "B_day", "fecha", "Fecha de nacimiento",
            "está", "ESTÁ", "nació", "nacio", "cumpleaños", "of", "birth", " ", "  ", "\n", ".", "-", "_", "x", "9", "é",
            "\u212A", "İ", "ı", "atentamente", "y cordialmente", "a nombre de"};
        Random random = new Random(7);
        int matched = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int parts = 1 + random.nextInt(6);
            for (int p = 0; p < parts; p++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = text.toString();
            for (int i = 0; i < s.length(); i++) {
                if (words.matchAt(s, i) >= 0 && Chars.wordStartsAt(s, i)) {
                    matched++;
                    assertThat(leads.mayOpenWith(s.charAt(i))).as(s).isTrue();
                    assertThat(leads.mayStartAt(s, i)).as(s).isTrue();
                }
            }
        }
        assertThat(matched).isGreaterThan(1000);
    }
}
