package dev.veil.gateway.routing.model;

import java.time.Duration;
import java.time.Instant;

/**
 * A ticket as listed to an eligible expert: its routing attributes and the pay quoted if the
 * expert claims it now. {@code respondBy} is set only for push-mode offers.
 */
public record Offer(
        String ticketId,
        String brand,
        String language,
        String channel,
        int priority,
        Instant waitingSince,
        int surgeBps,
        long quotedPayMinor,
        String currency,
        Duration holdFor,
        Instant respondBy) {
}
