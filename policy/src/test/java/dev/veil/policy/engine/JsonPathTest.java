package dev.veil.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A path's text: plain names after a dot, indices in brackets, other names quoted, short or long. */
class JsonPathTest {

    @Test
    void aPathIsWrittenStepByStep() {
        JsonPath path = JsonPath.root().member("ticket").member("comments").element(2).member("body");
        assertThat(path).hasToString("$.ticket.comments[2].body");
        assertThat(JsonPath.root().member("x y").member("it's").member("a\\b").element(0))
                .hasToString("$['x y']['it\\'s']['a\\\\b'][0]");
        assertThat(JsonPath.root().member("").member("ñandú")).hasToString("$[''].ñandú");
        assertThat(path.toSafeString()).isEqualTo("$.*.*[2].*");
    }

    /** Paths beyond the length kept are written again on each call, the same as those kept. */
    @Test
    void aLongPathReadsTheSameAsAShortOne() {
        JsonPath path = JsonPath.root();
        StringBuilder expected = new StringBuilder("$");
        for (int i = 0; i < 60; i++) {
            path = i % 3 == 2 ? path.element(i) : path.member(i % 3 == 0 ? "member" + i : "name " + i);
            expected.append(i % 3 == 2 ? "[" + i + "]" : i % 3 == 0 ? ".member" + i : "['name " + i + "']");
            assertThat(path).hasToString(expected.toString());
            assertThat(path).hasToString(expected.toString()); // made again, or kept
        }
    }
}
