package dev.veil.tokenizer.detect.person;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.detect.TextIndex;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The two-letter test before the cue walk turns a word start down only where no cue starts. */
class PersonCuesTest {

    @Test
    void mostWordStartsAreTurnedDownByTheirFirstThreeCharacters() {
        String text = "so we sent the order to Ana";
        assertThat(PersonCues.mayStartAt(text.toCharArray(), text.indexOf("we"))).isFalse();
        assertThat(PersonCues.mayStartAt(text.toCharArray(), text.indexOf("order"))).isFalse();
        // "the" may open "the name on the card": the walk decides
        assertThat(PersonCues.mayStartAt(text.toCharArray(), text.indexOf("the"))).isTrue();
        // a line start may hold a label
        assertThat(PersonCues.mayStartAt("x\nName: Ana".toCharArray(), 2)).isTrue();
        // "d" is an honorific on its own ("D. Ruiz"), but not the start of a longer word
        assertThat(PersonCues.mayStartAt("D. Ruiz".toCharArray(), 0)).isTrue();
        assertThat(PersonCues.mayStartAt("a Dx".toCharArray(), 2)).isFalse();
        // three characters turn down what two let through: "th" opens "thanks", "thus" opens nothing
        String more = "so thus at desk, myself and I";
        assertThat(PersonCues.mayStartAt(more.toCharArray(), more.indexOf("thus"))).isFalse();
        assertThat(PersonCues.mayStartAt(more.toCharArray(), more.indexOf("at"))).isFalse();
        assertThat(PersonCues.mayStartAt(more.toCharArray(), more.indexOf("desk"))).isFalse();
        assertThat(PersonCues.mayStartAt(more.toCharArray(), more.indexOf("myself"))).isFalse();
        assertThat(PersonCues.mayStartAt("my son".toCharArray(), 0)).isTrue();
        assertThat(PersonCues.mayStartAt("dear Ana".toCharArray(), 0)).isTrue();
    }

    @Test
    void neverTurnsDownACueStartWhereACueIsFound() {
        String[] pieces = {"my ", "My ", "MY ", "son ", "name is ", "Name: ", "I'm ", "i’m ", "I am ", "Hi ", "hola ",
            "Thanks,", "Un saludo,", "Sra. ", "D. ", "Dr ", "dña ", "Dña. ", "doña ", "what's your name?", "\n", " ",
            ",", "Ana ", "Ruiz", "the name on the card is ", "está a nombre de ", "İ'm ", "\u212Aind regards,", "x",
            "_", "9", "é", "ship to: ", "Ship To:", "> ", "\uFEFF"};
        Random random = new Random(11);
        int found = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int parts = 1 + random.nextInt(7);
            for (int p = 0; p < parts; p++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = text.toString();
            TextIndex index = TextIndex.of(s);
            for (int k = 0; k < index.cueCount(); k++) {
                int i = index.cueStarts()[k];
                if (PersonCues.at(s.toCharArray(), i) >= 0) {
                    found++;
                    assertThat(PersonCues.mayStartAt(s.toCharArray(), i)).as(s + " at " + i).isTrue();
                }
            }
        }
        assertThat(found).isGreaterThan(5000);
    }
}
