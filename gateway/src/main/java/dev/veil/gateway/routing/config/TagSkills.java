package dev.veil.gateway.routing.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** The skills (name to level) that one ticket tag requires and prefers. */
public record TagSkills(Map<String, Integer> required, Map<String, Integer> preferred) {

    public TagSkills {
        required = Map.copyOf(requireNonNull(required, "required"));
        preferred = Map.copyOf(requireNonNull(preferred, "preferred"));
    }
}
