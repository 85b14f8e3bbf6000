package dev.veil.gateway.routing.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Where a brand's sanitized ticket keeps its routing attributes (JSON pointers) and how tags
 * and priority names translate into skills and priority numbers.
 */
public record AttributeMapping(
        String languagePointer,
        String defaultLanguage,
        String priorityPointer,
        Map<String, Integer> priorities,
        int defaultPriority,
        String channelPointer,
        String defaultChannel,
        String tagsPointer,
        Map<String, TagSkills> skills) {

    public AttributeMapping {
        requireNonNull(languagePointer, "languagePointer");
        requireNonNull(defaultLanguage, "defaultLanguage");
        requireNonNull(priorityPointer, "priorityPointer");
        priorities = Map.copyOf(requireNonNull(priorities, "priorities"));
        requireNonNull(channelPointer, "channelPointer");
        requireNonNull(defaultChannel, "defaultChannel");
        requireNonNull(tagsPointer, "tagsPointer");
        skills = Map.copyOf(requireNonNull(skills, "skills"));
    }

    /** The mapping used when a brand configures none. */
    public static AttributeMapping defaults() {
        return new AttributeMapping("/language", "en", "/priority",
                Map.of("low", 1, "normal", 3, "high", 6, "urgent", 9), 3,
                "/channel", "email", "/tags", Map.of());
    }
}
