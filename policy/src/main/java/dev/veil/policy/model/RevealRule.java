package dev.veil.policy.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Which token profiles an audience (for example the brand's CRM) may turn back into values. */
public record RevealRule(String audience, List<String> tokens, Location at) {

    public RevealRule {
        requireNonNull(audience, "audience");
        tokens = List.copyOf(tokens);
        requireNonNull(at, "at");
    }
}
