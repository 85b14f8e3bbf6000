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

    /**
     * A matcher that remembers its states and their steps goes where one that makes every step
     * afresh goes, also past the number of states it remembers, on random selectors and paths.
     */
    @Test
    void rememberedStatesStepAsFreshStepsDo() {
        String[] pool = {"$.ticket.comments[*].body", "$.ticket.comments[1].author_id", "$..ssn", "$.a[*][0]", "$..b[2].c",
            "$.ticket.*", "$.ticket.comments[*].*", "$", "$..*", "$.a..b", "$..a.a", "$['x y']", "$.b[0]", "$[*].c", "$..[1]", "$.a.b.c.d"};
        String[] names = {"ticket", "comments", "body", "author_id", "ssn", "a", "b", "c", "d", "x", "x y"};
        java.util.Random random = new java.util.Random(21);
        for (int round = 0; round < 300; round++) {
            List<Selector> selectors = new ArrayList<>();
            for (int k = 1 + random.nextInt(8); k > 0; k--) {
                selectors.add(Selector.parse(pool[random.nextInt(pool.length)]));
            }
            PathMatcher fresh = PathMatcher.of(selectors, 0);
            PathMatcher remembering = PathMatcher.of(selectors);
            PathMatcher few = PathMatcher.of(selectors, 3);
            for (int path = 0; path < 100; path++) {
                PathMatcher.State[] states = {fresh.root(), remembering.root(), few.root()};
                PathMatcher[] matchers = {fresh, remembering, few};
                for (int depth = random.nextInt(9); depth > 0; depth--) {
                    boolean element = random.nextBoolean();
                    int index = random.nextInt(4);
                    String name = names[random.nextInt(names.length)];
                    for (int m = 0; m < 3; m++) {
                        states[m] = element ? matchers[m].element(states[m], index) : matchers[m].member(states[m], name);
                    }
                    for (int m = 1; m < 3; m++) {
                        assertThat(states[m].matched()).isEqualTo(states[0].matched());
                        assertThat(states[m].canMatchBelow()).isEqualTo(states[0].canMatchBelow());
                    }
                }
            }
        }
    }
}
