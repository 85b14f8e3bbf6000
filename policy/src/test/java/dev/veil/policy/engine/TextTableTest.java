package dev.veil.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void findsAnEqualTextThatIsAnotherInstance() {
        TextTable<Integer> table = new TextTable<>(TextTable.SAMPLED_FROM);
        String longText = "Hi, I was charged twice for my order; please refund one of the charges.";
        table.put(longText, 1);
        table.put("short", 2);
        assertThat(table.get(new String(longText))).isEqualTo(1);
        assertThat(table.get(new String("short"))).isEqualTo(2);
        assertThat(table.get(longText + " ")).isNull();
        assertThat(table.get("shorT")).isNull();
    }

    @Test
    void keepsApartLongTextsWhoseSamplesAgree() {
        // the same length, ends and spread characters: they differ only where the sample does not look
        String a = "x".repeat(40) + "a" + "x".repeat(59);
        String b = "x".repeat(40) + "b" + "x".repeat(59);
        String c = "x".repeat(40) + "c" + "x".repeat(59);
        assertThat(TextTable.sample(a)).isEqualTo(TextTable.sample(b)).isEqualTo(TextTable.sample(c));
        TextTable<String> table = new TextTable<>(TextTable.SAMPLED_FROM);
        table.put(a, "a");
        table.put(b, "b");
        assertThat(table.get(a)).isEqualTo("a");
        assertThat(table.get(b)).isEqualTo("b");
        assertThat(table.get(c)).isNull();
        table.put(new String(b), "b again"); // replaces, in the map that holds it
        assertThat(table.get(b)).isEqualTo("b again");
        assertThat(table.get(a)).isEqualTo("a");
    }

    @Test
    void answersAsAHashMapDoesOverManyTexts() {
        Random random = new Random(12);
        TextTable<Integer> table = new TextTable<>(TextTable.SAMPLED_FROM);
        Map<String, Integer> reference = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            // short and long texts over a small alphabet, so that many recur and many samples collide
            int length = 1 + random.nextInt(i % 2 == 0 ? 20 : 120);
            StringBuilder text = new StringBuilder(length);
            for (int k = 0; k < length; k++) {
                text.append((char) ('a' + random.nextInt(2)));
            }
            String key = text.toString();
            assertThat(table.get(key)).isEqualTo(reference.get(key));
            if (random.nextBoolean()) {
                table.put(key, i);
                reference.put(key, i);
            }
        }
        reference.forEach((key, value) -> assertThat(table.get(new String(key))).isEqualTo(value));
    }

    @Test
    void aSmallTableFilesEveryTextInTheHashMapAndFindsItAfterGrowing() {
        TextTable<Integer> table = new TextTable<>(); // not sampled: a small ticket's texts
        String longText = "Also, please send the replacement to my new address, thanks";
        table.put(longText, 1);
        table.put("short", 2);
        assertThat(table.get(new String(longText))).isEqualTo(1);
        table.reserve(TextTable.SAMPLED_FROM); // now sampled: the long text moved over
        assertThat(table.get(new String(longText))).isEqualTo(1);
        assertThat(table.get("short")).isEqualTo(2);
        table.put(new String(longText), 3);
        assertThat(table.get(longText)).isEqualTo(3);
    }

    @Test
    void keepsWhatItHoldsWhenMadeRoomForMoreTexts() {
        TextTable<Integer> table = new TextTable<>(4);
        for (int i = 0; i < 100; i++) {
            table.put("a long text that is told apart by its number at the end: " + i, i);
            if (i == 10) {
                table.reserve(5_000); // once, between puts: every long text put so far moves into the sampled table
            }
        }
        for (int i = 0; i < 100; i++) {
            assertThat(table.get("a long text that is told apart by its number at the end: " + i)).isEqualTo(i);
        }
        assertThat(table.get("a long text that is told apart by its number at the end: 100")).isNull();
    }
}
