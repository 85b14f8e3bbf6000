package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class WordListsTest {

    private static final ContextWords STREETS = ContextWords.of("st.", "street", "c/", "calle", "pº", "straße", "útja", "i-");
    private static final ContextWords BOXES = ContextWords.of("p.o. box", "po box", "kim", "sis", "box");
    /** Phrases the hash cannot take: a first character that is no word character, and a Greek letter. */
    private static final ContextWords ODD = ContextWords.of("#", "n.º", "ιota", "'s");
    private static final ContextWords NEVER = ContextWords.of("zzz");
    private static final WordLists LISTS = WordLists.of(STREETS, BOXES, ODD, NEVER);
    private static final ContextWords[] EACH = {STREETS, BOXES, ODD, NEVER};

    /**
     * Pieces of text, with the characters that case-fold onto ASCII letters (the Kelvin sign,
     * dotted and dotless i, long s) and the one non-word character that folds onto a letter (U+0345).
     */
    private static final String[] PIECES = {
        "St", "st.", "STREET", "Street", "streets", "c/", "C/", "calle", "Calle", "pº", "Pº", "straße", "STRASSE",
        "útja", "ÚTJA", "I-", "i-5", "P.O. Box", "po box", "PO BOX", "\u212Aim", "k\u0130m", "\u017Fis", "s\u0131s",
        "box", "Box_", "#", "n.º", "N.º", "\u0399OTA", "\u0345ota", "ιota", "'s", " ", "  ", ".", ",", "\n", "-", "/",
        "é", "É", "ß", "12", "4", "€", "’", "_", "zz", "zzz",
        // one- and two-character words, which the first-two-characters filter must not turn down
        "i", "I", "s", "b", "bo", "c", "ca", "\u017F", "\u212A", "p"};

    @Property(tries = 2000)
    void aClearBitMeansTheListMatchesNowhereThere(@ForAll @Size(max = 14) List<@IntRange(max = 59) Integer> picks) {
        StringBuilder builder = new StringBuilder();
        picks.forEach(pick -> builder.append(PIECES[pick]));
        String text = builder.toString();
        char[] chars = text.toCharArray();
        for (int i = 0; i < text.length(); i++) {
            // ASCII words are turned down by their first two characters, the rest by three and a hash
            int mask = LISTS.maskAt(chars, i);
            for (int k = 0; k < EACH.length; k++) {
                if ((mask & (1 << k)) == 0) {
                    assertThat(EACH[k].matchAt(chars, i)).as("list %d at %d of [%s]", k, i, text).isEqualTo(-1);
                }
            }
        }
        TextIndex index = TextIndex.of(text);
        int[] masks = LISTS.masks(chars, index);
        for (int k = 0; k < index.wordCount(); k++) {
            assertThat(masks[k]).isEqualTo(LISTS.maskAt(chars, index.wordStarts()[k]));
        }
    }

    @Test
    void aWordSetsTheBitsOfTheListsWithAPhraseStartingWithIt() {
        assertThat(LISTS.maskAt("Box 12".toCharArray(), 0)).isEqualTo(0b0110); // BOXES, and ODD everywhere
        assertThat(LISTS.maskAt("the street".toCharArray(), 4)).isEqualTo(0b0101);
        assertThat(LISTS.maskAt("the street".toCharArray(), 0)).isEqualTo(0b0100);
        assertThat(LISTS.maskAt("P.O. Box".toCharArray(), 0)).isEqualTo(0b0110);
        assertThat(LISTS.maskAt("".toCharArray(), 0)).isEqualTo(0b0100);
        assertThat(LISTS.size()).isEqualTo(4);
    }

    @Test
    void refusesMoreThan32Lists() {
        ContextWords[] lists = new ContextWords[33];
        java.util.Arrays.fill(lists, NEVER);
        assertThatThrownBy(() -> WordLists.of(lists)).isInstanceOf(IllegalArgumentException.class);
    }
}
