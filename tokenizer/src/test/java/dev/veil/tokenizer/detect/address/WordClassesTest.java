package dev.veil.tokenizer.detect.address;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.detect.ContextWords;
import dev.veil.tokenizer.detect.DateOfBirthDetector;
import dev.veil.tokenizer.detect.TextIndex;
import dev.veil.tokenizer.detect.WordLists;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class WordClassesTest {

    /** Each list of the shared table with its bit. */
    private static final ContextWords[] LISTS = {PostalBoxDetector.BOX, PostalBoxDetector.MILITARY_UNIT,
        PostalBoxDetector.SHIP, PostalBoxDetector.MILITARY_POST, SpanishAddressDetector.STREET_TYPES,
        NameFirstStreetDetector.LEAD_IN, NameFirstStreetDetector.APARTMENT, ContinentalStreetDetector.TYPE_BEFORE,
        IntersectionDetector.CUES, DateOfBirthDetector.CONTEXT};
    private static final int[] BITS = {WordClasses.BOX, WordClasses.MILITARY_UNIT, WordClasses.SHIP,
        WordClasses.MILITARY_POST, WordClasses.SPANISH_TYPE, WordClasses.LEAD_IN, WordClasses.APARTMENT,
        WordClasses.TYPE_BEFORE, WordClasses.CORNER_CUE, WordClasses.BIRTH_WORD};

    /** Words of every list, in several cases and with accents, and what stands around them. */
    private static final String[] PIECES = {
        "PO Box", "p.o. box", "Box", "apo", "PSC", "uss", "Calle", "C/", "avda.", "Pº", "rue", "Rue", "via", "Straße",
        "apt", "Apt.", "suite", "corner", "at", "live", "DOB", "d.o.b.", "D.O.B", "date of birth", "Born", "born on",
        "fecha de nacimiento", "F. Nac.", "nació", "NACIÓ", "nacida", "Cumpleaños", "cumpleanos", "bday", "B-Day",
        "birthday", "birth", "natalicio", "the", "12", "1985-03-12", "é", "x", " ", " ", "  ", ", ", ": ", ".", "-",
        "/", "\n", "_", "(", "'", "’", "ſ", "K"};

    @Property(tries = 2000)
    void aClearBitMeansTheListMatchesNoWhereAtThatWord(@ForAll @Size(max = 16) List<@IntRange(max = 57) Integer> picks) {
        StringBuilder builder = new StringBuilder();
        picks.forEach(pick -> builder.append(PIECES[pick]));
        String text = builder.toString();
        TextIndex index = TextIndex.of(text);
        char[] chars = index.chars();
        int[] classes = WordClasses.of(index);
        for (int k = 0; k < index.wordCount(); k++) {
            int start = index.wordStarts()[k];
            for (int list = 0; list < LISTS.length; list++) {
                if (LISTS[list].matchAt(chars, start) >= 0) {
                    assertThat(classes[k] & BITS[list]).as("list %d at %d of [%s]", list, start, text).isNotZero();
                }
            }
        }
    }

    @Test
    void setsTheBitsOfTheListsAWordMayOpen() {
        TextIndex index = TextIndex.of("DOB: 12 rue de la Paix, PO Box 4, fecha de nacimiento");
        int[] classes = WordClasses.of(index);
        // DOB, 12, rue, de, la, Paix, PO, Box, 4, fecha, de, nacimiento
        assertThat(classes[0] & WordClasses.BIRTH_WORD).isNotZero();
        assertThat(classes[2] & WordClasses.TYPE_BEFORE).isNotZero();
        assertThat(classes[6] & WordClasses.BOX).isNotZero();
        assertThat(classes[9] & WordClasses.BIRTH_WORD).isNotZero();
        assertThat(classes[1]).isZero();
        assertThat(classes[5]).isZero();
    }

    @Test
    void isComputedOncePerIndexAndAnsweredAfreshForOtherLists() {
        TextIndex index = TextIndex.of("born on 12 rue Oberkampf");
        int[] first = WordClasses.of(index);
        assertThat(WordClasses.of(index)).isSameAs(first);
        WordLists other = WordLists.of(ContextWords.of("oberkampf"));
        assertThat(index.wordMasks(other)).containsExactly(0, 0, 0, 0, 1);
        assertThat(WordClasses.of(index)).isEqualTo(first);
    }
}
