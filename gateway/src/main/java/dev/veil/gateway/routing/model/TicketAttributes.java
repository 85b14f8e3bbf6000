package dev.veil.gateway.routing.model;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What routing knows about a ticket: where it came from and what it needs. Taken from the
 * sanitized ticket through the brand policy, so it never holds personal data.
 */
public record TicketAttributes(
        String ticketId,
        String brand,
        String language,
        Map<String, Integer> requiredSkills,
        Map<String, Integer> preferredSkills,
        int priority,
        String channel) {

    /** Highest priority; 0 is the lowest. */
    public static final int MAX_PRIORITY = 9;

    public TicketAttributes {
        Ids.id(ticketId, "ticketId");
        Ids.brand(brand);
        Ids.language(language);
        requiredSkills = Ids.levels(requiredSkills, "requiredSkills");
        preferredSkills = Ids.levels(preferredSkills, "preferredSkills");
        if (priority < 0 || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority: " + priority + " (expected: 0 to " + MAX_PRIORITY + ")");
        }
        Ids.name(channel, "channel");
    }

    public static Builder builder(String ticketId, String brand) {
        return new Builder(ticketId, brand);
    }

    /** Builds {@link TicketAttributes}; language {@code en}, priority 3 and channel {@code email} unless set. */
    public static final class Builder {
        private final String ticketId;
        private final String brand;
        private String language = "en";
        private final Map<String, Integer> required = new LinkedHashMap<>();
        private final Map<String, Integer> preferred = new LinkedHashMap<>();
        private int priority = 3;
        private String channel = "email";

        private Builder(String ticketId, String brand) {
            this.ticketId = requireNonNull(ticketId, "ticketId");
            this.brand = requireNonNull(brand, "brand");
        }

        public Builder language(String v) { language = v; return this; }
        public Builder require(String skill, int level) { required.put(skill, level); return this; }
        public Builder prefer(String skill, int level) { preferred.put(skill, level); return this; }
        public Builder priority(int v) { priority = v; return this; }
        public Builder channel(String v) { channel = v; return this; }

        public TicketAttributes build() {
            return new TicketAttributes(ticketId, brand, language, required, preferred, priority, channel);
        }
    }
}
