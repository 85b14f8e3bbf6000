package dev.veil.gateway.routing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.gateway.routing.config.AttributeMapping;
import dev.veil.gateway.routing.config.TagSkills;
import dev.veil.gateway.routing.model.TicketAttributes;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a ticket's routing attributes from its sanitized JSON (after the brand policy ran) as
 * the brand's {@link AttributeMapping} says. Messages name JSON pointers, never field values.
 */
public final class TicketAttributesMapper {

    private TicketAttributesMapper() {
    }

    /** The routing attributes of a sanitized ticket. */
    public static TicketAttributes map(String ticketId, String brand, JsonNode sanitized, AttributeMapping m) {
        requireNonNull(sanitized, "sanitized");
        requireNonNull(m, "m");
        TicketAttributes.Builder b = TicketAttributes.builder(ticketId, brand)
                .language(language(sanitized.at(m.languagePointer()), m))
                .priority(priority(sanitized.at(m.priorityPointer()), m))
                .channel(channel(sanitized.at(m.channelPointer()), m));
        Map<String, Integer> required = new LinkedHashMap<>();
        Map<String, Integer> preferred = new LinkedHashMap<>();
        JsonNode tags = sanitized.at(m.tagsPointer());
        if (tags.isArray()) {
            for (JsonNode tag : tags) {
                TagSkills skills = tag.isTextual() ? m.skills().get(tag.textValue().toLowerCase(Locale.ROOT)) : null;
                if (skills != null) {
                    skills.required().forEach((k, v) -> required.merge(k, v, Math::max));
                    skills.preferred().forEach((k, v) -> preferred.merge(k, v, Math::max));
                }
            }
        } else if (!tags.isMissingNode() && !tags.isNull()) {
            throw new IllegalArgumentException(m.tagsPointer() + ": not a list of tags");
        }
        required.forEach(b::require);
        preferred.forEach((k, v) -> {
            if (!required.containsKey(k)) {
                b.prefer(k, v);
            }
        });
        return b.build();
    }

    private static String language(JsonNode node, AttributeMapping m) {
        if (node.isMissingNode() || node.isNull()) {
            return m.defaultLanguage();
        }
        String tag = node.isTextual() ? node.textValue() : "";
        // Routing matches on the primary language subtag: en-GB and en_US are both en.
        String primary = tag.split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        if (!primary.matches("[a-z]{2,3}")) {
            throw new IllegalArgumentException(m.languagePointer() + ": not a language tag");
        }
        return primary;
    }

    private static int priority(JsonNode node, AttributeMapping m) {
        if (node.isMissingNode() || node.isNull()) {
            return m.defaultPriority();
        }
        if (node.isIntegralNumber() && node.canConvertToInt()
                && node.intValue() >= 0 && node.intValue() <= TicketAttributes.MAX_PRIORITY) {
            return node.intValue();
        }
        Integer named = node.isTextual() ? m.priorities().get(node.textValue().toLowerCase(Locale.ROOT)) : null;
        if (named == null) {
            throw new IllegalArgumentException(m.priorityPointer()
                    + ": not a priority (expected: 0 to 9 or one of " + new java.util.TreeSet<>(m.priorities().keySet()) + ")");
        }
        return named;
    }

    private static String channel(JsonNode node, AttributeMapping m) {
        if (node.isMissingNode() || node.isNull()) {
            return m.defaultChannel();
        }
        String c = node.isTextual() ? node.textValue().toLowerCase(Locale.ROOT) : "";
        if (!c.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw new IllegalArgumentException(m.channelPointer() + ": not a channel name");
        }
        return c;
    }
}
