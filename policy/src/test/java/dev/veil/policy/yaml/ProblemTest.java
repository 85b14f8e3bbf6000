package dev.veil.policy.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private static final Problem TYPO = new Problem("veil.yaml", 3, 5, "listen.port", "unknown key", "ports");
    private static final Problem BARE = new Problem("veil.yaml", 9, 1, "", "expected a mapping", null);

    @Test
    void printsLikeACompiler() {
        assertThat(TYPO).hasToString("veil.yaml:3:5: listen.port: unknown key; did you mean 'ports'?");
        assertThat(BARE).hasToString("veil.yaml:9:1: expected a mapping");
    }

    @Test
    void describeCountsThenListsEachProblemOnItsOwnLine() {
        String nl = System.lineSeparator();
        assertThat(Problem.describe(List.of(TYPO))).isEqualTo("1 problem" + nl + TYPO);
        assertThat(Problem.describe(List.of(TYPO, BARE))).isEqualTo("2 problems" + nl + TYPO + nl + BARE);
    }

    @Test
    void describeRefusesAnEmptyList() {
        assertThatThrownBy(() -> Problem.describe(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("problems: [] (expected: at least one)");
    }
}
