package dev.veil.gateway.routing.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/** Whether one eligibility rule passed for one expert and ticket, and why; the detail holds no personal data. */
public record RuleResult(Rule rule, boolean passed, String detail) {

    public RuleResult {
        requireNonNull(rule, "rule");
        requireNonNull(detail, "detail");
    }

    /** The rule's name as the HTTP APIs show it, for example {@code rating}. */
    public String ruleName() {
        return rule.name().toLowerCase(Locale.ROOT);
    }

    /** Whether every one of {@code results} passed. */
    public static boolean allPassed(List<RuleResult> results) {
        return results.stream().allMatch(RuleResult::passed);
    }
}
