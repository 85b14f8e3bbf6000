package dev.veil.policy.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SelectorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$                         | $",
        "$.ticket.id               | $.ticket.id",
        "$['ticket']['id']         | $.ticket.id",
        "$[\"ticket\"].id          | $.ticket.id",
        "$.ticket['custom fields'] | $.ticket['custom fields']",
        "$.comments[*].body        | $.comments.*.body",
        "$.comments.*.body         | $.comments.*.body",
        "$.comments[0]             | $.comments[0]",
        "$..ssn                    | $..ssn",
        "$..['e-mail']             | $..e-mail",
        "$..*                      | $..*",
        "$..[2]                    | $..[2]",
    })
    void parsesToCanonicalText(String input, String canonical) {
        assertThat(Selector.parse(input.strip()).text()).isEqualTo(canonical.strip());
    }

    @Test
    void quotedNamesKeepEveryCharacter() {
        Selector selector = Selector.parse("$['a.b[c]'][\"it's\"]['back\\\\slash']");
        assertThat(selector.segments()).extracting(Segment::name).containsExactly("a.b[c]", "it's", "back\\slash");
        assertThat(Selector.parse(selector.text())).isEqualTo(selector);
    }

    @Test
    void specificityRanksExactOverRecursiveOverWildcard() {
        assertThat(Selector.parse("$.a.b").specificity()).isGreaterThan(Selector.parse("$..b").specificity());
        assertThat(Selector.parse("$..b").specificity()).isGreaterThan(Selector.parse("$.*").specificity());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ticket.id      | 0 | expected: '$' at the start",
        "$.             | 2 | selector ends after '.'",
        "$.a..          | 5 | selector ends after '.'",
        "$.a b          | 3 | unexpected ' '",
        "$[             | 1 | unclosed '['",
        "$[abc]         | 2 | unexpected 'a' after '['",
        "$[-1]          | 2 | negative index",
        "$[01]          | 2 | leading zero",
        "$[1234567890]  | 2 | too large",
        "$['abc]        | 2 | unclosed quoted name",
        "$['']          | 2 | empty quoted name",
        "$['a\\n']      | 4 | unknown escape",
        "$[1             | 3 | expected: ']'",
        "$x             | 1 | unexpected 'x'",
    })
    void rejectsWithPosition(String input, int position, String message) {
        assertThatThrownBy(() -> Selector.parse(input.strip()))
                .isInstanceOfSatisfying(SelectorSyntaxException.class, e -> {
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.getMessage()).contains(message.strip());
                });
    }

    @Test
    void rejectsTooLongAndTooManySegments() {
        assertThatThrownBy(() -> Selector.parse("$." + "a".repeat(Selector.MAX_LENGTH)))
                .hasMessageContaining("expected: at most " + Selector.MAX_LENGTH);
        assertThatThrownBy(() -> Selector.parse("$" + ".a".repeat(Selector.MAX_SEGMENTS + 1)))
                .hasMessageContaining("more than " + Selector.MAX_SEGMENTS + " segments");
    }
}
