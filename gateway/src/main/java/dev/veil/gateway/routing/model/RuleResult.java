package dev.veil.gateway.routing.model;

import static java.util.Objects.requireNonNull;

/** Whether one eligibility rule passed for one expert and ticket, and why; the detail holds no personal data. */
public record RuleResult(Rule rule, boolean passed, String detail) {

    public RuleResult {
        requireNonNull(rule, "rule");
        requireNonNull(detail, "detail");
    }
}
