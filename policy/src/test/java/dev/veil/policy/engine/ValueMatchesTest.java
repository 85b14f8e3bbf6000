package dev.veil.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The matches of a text with none are one object shared by every call: it must stay empty. */
class ValueMatchesTest {

    private static final KnownScans.Use USE = new KnownScans.Use(null, new boolean[0]);

    @Test
    void theSharedEmptyMatchesTakeNoMatchAndNoHits() {
        assertThatThrownBy(() -> ValueMatches.NONE.add(0, 0, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ValueMatches.NONE.replayed(USE, List.of())).isInstanceOf(IllegalStateException.class);
        assertThat(ValueMatches.NONE.size()).isZero();
        assertThat(ValueMatches.NONE.replayed(USE)).isNull();
    }

    @Test
    void aTextsOwnMatchesKeepWhatAViewReplayed() {
        ValueMatches matches = new ValueMatches();
        matches.add(3, 0, 7);
        List<KnownValues.Hit> hits = List.of();
        matches.replayed(USE, hits);
        assertThat(matches.size()).isEqualTo(1);
        assertThat(matches.replayed(USE)).isSameAs(hits);
        assertThat(matches.replayed(new KnownScans.Use(null, new boolean[0]))).isNull(); // another view's: by identity
    }
}
