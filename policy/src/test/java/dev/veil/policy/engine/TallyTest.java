package dev.veil.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TallyTest {

    @Test
    void anEmptyTallyHoldsNothing() {
        Tally<String> tally = new Tally<>();
        assertThat(tally.size()).isZero();
        assertThat(tally.total()).isZero();
        tally.forEach((key, count) -> {
            throw new AssertionError("no key was added");
        });
    }

    @Test
    void countsByKeyInTheOrderKeysWereFirstAdded() {
        Tally<String> tally = new Tally<>();
        String[] added = {"b", "a", "b", "c", "d", "e", "a", "f", "g", "h", "i", "b"};
        for (String key : added) {
            tally.add(new String(key)); // equal, not the same: keys are compared by equals
        }
        List<String> seen = new ArrayList<>();
        tally.forEach((key, count) -> seen.add(key + "=" + count));
        assertThat(seen).containsExactly("b=3", "a=2", "c=1", "d=1", "e=1", "f=1", "g=1", "h=1", "i=1");
        assertThat(tally.size()).isEqualTo(9);
        assertThat(tally.total()).isEqualTo(added.length);
        assertThat(tally.key(0)).isEqualTo("b");
        assertThat(tally.count(1)).isEqualTo(2);
    }
}
