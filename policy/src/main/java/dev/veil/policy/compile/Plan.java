package dev.veil.policy.compile;

import dev.veil.policy.path.PathMatcher;
import java.util.List;

/**
 * The rules of one view (or of the base policy) with the matcher that finds them: when several
 * match one value, view rules beat base rules, then the more protective action wins, then the
 * more specific selector, then the earlier rule. Immutable and thread-safe.
 */
public final class Plan {

    private final String view;
    private final List<CompiledRule> rules;
    private final PathMatcher matcher;

    /** {@code rules} in precedence order: the first matching rule wins. */
    Plan(String view, List<CompiledRule> rules, PathMatcher matcher) {
        this.view = view;
        this.rules = List.copyOf(rules);
        this.matcher = matcher;
    }

    /** The view's name, or {@code null} for the base policy. */
    public String view() {
        return view;
    }

    /** Every rule, highest precedence first. */
    public List<CompiledRule> rules() {
        return rules;
    }

    /** Matches the rules' selectors; a match's position indexes {@link #rules()}. */
    public PathMatcher matcher() {
        return matcher;
    }

    /** The rule that applies to a node in {@code state}, or {@code null} if none matches. */
    public CompiledRule winner(PathMatcher.State state) {
        // positions are ascending and rules are in precedence order, so the first match wins
        return state.hasMatch() ? rules.get(state.match(0)) : null;
    }
}
