package dev.veil.policy.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathMatcherTest {

    /** Steps: a String is a member name, an Integer an array index. */
    private static int[] matchesAt(PathMatcher matcher, Object... steps) {
        PathMatcher.State state = matcher.root();
        for (Object step : steps) {
            state = step instanceof Integer i ? matcher.element(state, i) : matcher.member(state, (String) step);
        }
        return state.matched();
    }

    private static PathMatcher matcher(String... selectors) {
        List<Selector> parsed = new ArrayList<>();
        for (String selector : selectors) {
            parsed.add(Selector.parse(selector));
        }
        return PathMatcher.of(parsed);
    }

    @Test
    void exactNamesAndIndexes() {
        PathMatcher m = matcher("$.ticket.id", "$.comments[1].body");
        assertThat(matchesAt(m, "ticket", "id")).containsExactly(0);
        assertThat(matchesAt(m, "ticket")).isEmpty();
        assertThat(matchesAt(m, "ticket", "id", "x")).isEmpty();
        assertThat(matchesAt(m, "comments", 1, "body")).containsExactly(1);
        assertThat(matchesAt(m, "comments", 0, "body")).isEmpty();
        // a member named "1" is not element 1
        assertThat(matchesAt(m, "comments", "1", "body")).isEmpty();
    }

    @Test
    void wildcardsMatchMembersAndElements() {
        PathMatcher m = matcher("$.comments[*].body", "$.custom.*");
        assertThat(matchesAt(m, "comments", 7, "body")).containsExactly(0);
        assertThat(matchesAt(m, "comments", "x", "body")).containsExactly(0);
        assertThat(matchesAt(m, "custom", "a")).containsExactly(1);
        assertThat(matchesAt(m, "custom", 3)).containsExactly(1);
        assertThat(matchesAt(m, "custom", "a", "b")).isEmpty();
    }

    @Test
    void recursiveDescentMatchesAtAnyDepthIncludingDirectChildren() {
        PathMatcher m = matcher("$..ssn", "$.a..b.c");
        assertThat(matchesAt(m, "ssn")).containsExactly(0);
        assertThat(matchesAt(m, "x", 3, "y", "ssn")).containsExactly(0);
        assertThat(matchesAt(m, "ssn", "ssn")).containsExactly(0);
        assertThat(matchesAt(m, "a", "b", "c")).containsExactly(1);
        assertThat(matchesAt(m, "a", "x", "b", "c")).containsExactly(1);
        assertThat(matchesAt(m, "a", "b", "b", "c")).containsExactly(1);
        assertThat(matchesAt(m, "x", "b", "c")).isEmpty();
    }

    @Test
    void rootSelectorMatchesTheRootOnly() {
        PathMatcher m = matcher("$", "$.a");
        assertThat(m.root().matched()).containsExactly(0);
        assertThat(matchesAt(m, "a")).containsExactly(1);
    }

    @Test
    void severalSelectorsMayMatchOneNode() {
        PathMatcher m = matcher("$..email", "$.requester.email", "$.requester.*");
        assertThat(matchesAt(m, "requester", "email")).containsExactly(0, 1, 2);
    }

    @Test
    void deadStatesSayNothingBelowCanMatch() {
        PathMatcher m = matcher("$.a.b", "$..c");
        assertThat(m.member(m.root(), "a").canMatchBelow()).isTrue();
        PathMatcher.State onlyExact = matcher("$.a.b").member(matcher("$.a.b").root(), "z");
        assertThat(onlyExact.canMatchBelow()).isFalse();
        // recursive descent keeps every subtree alive
        PathMatcher.State deep = m.member(m.member(m.root(), "z"), "y");
        assertThat(deep.canMatchBelow()).isTrue();
    }
}
