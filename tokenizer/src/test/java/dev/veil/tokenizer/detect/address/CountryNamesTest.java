package dev.veil.tokenizer.detect.address;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.detect.Chars;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CountryNamesTest {

    private static final String[] PIECES = {
        "united", "United", "UNITED", "states", "States", "kingdom", "Kingdom", "of", "america", "arab", "emirates",
        "czech", "Republic", "republic", "south", "South", "korea", "Korea", "north", "ireland", "Northern", "new",
        "zealand", "Zealand", "papua", "guinea", "belgium", "Belgium", "bélgica", "Bélgica", "españa", "ESPAÑA", "spain",
        "usa", "USA", "uk", "Uk", "france", "austria", "Austria", "estados", "unidos", "reino", "unido", "st", "lucia",
        "ſpain", "ıreland", "İreland", "K", "the", "a", "x", "12", "road", " ", " ", " ", "  ", ", ", ".", "-", "\n", "’"};

    @Test
    void findsTheLongestNameInAnyCase() {
        assertEnd("United States, now", "United States");
        assertEnd("united kingdom 4861", "united kingdom");
        assertEnd("CZECH REPUBLIC", "CZECH REPUBLIC");
        assertEnd("Bélgica 97466", "Bélgica");
        assertEnd("Belgium", "Belgium");
        assertThat(CountryNames.endAt(Text.of("United we stand"), 0)).isEqualTo(-1);
        assertThat(CountryNames.endAt(Text.of("Unitedkingdom"), 0)).isEqualTo(-1);
    }

    /** The hashed reading answers as a look-up of every run of up to four words, copied in lower case. */
    @Property(tries = 2000)
    void agreesWithALookUpOfTheWordsInLowerCase(@ForAll long seed) {
        Random random = new Random(seed);
        StringBuilder s = new StringBuilder();
        for (int k = random.nextInt(12); k >= 0; k--) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
            if (random.nextInt(3) > 0) {
                s.append(' ');
            }
        }
        Text text = Text.of(s.toString());
        for (int p = 0; p < text.length(); p++) {
            assertThat(CountryNames.endAt(text, p)).as("at %d of [%s]", p, s).isEqualTo(CountryNames.endBeyondAscii(text, p));
        }
    }

    private static void assertEnd(String s, String name) {
        assertThat(CountryNames.endAt(Text.of(s), 0)).as(s).isEqualTo(name.length());
    }
}
