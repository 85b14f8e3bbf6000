package dev.veil.policy.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A named expert tier's view: rules that take precedence over {@code fields} for the values they
 * select; everything else is shown as the base policy says.
 */
public record View(String name, List<FieldRule> rules, Location at) {

    public View {
        requireNonNull(name, "name");
        rules = List.copyOf(rules);
        requireNonNull(at, "at");
    }
}
