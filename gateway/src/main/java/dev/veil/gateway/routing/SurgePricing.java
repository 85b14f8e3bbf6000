package dev.veil.gateway.routing;

import dev.veil.gateway.routing.config.RoutingSettings;
import dev.veil.gateway.routing.config.SurgeRule;
import java.time.Duration;
import java.time.Instant;

/** Quotes a brand's surge multiplier from its backlog (queue depth and oldest wait) and prices pay exactly. */
final class SurgePricing {

    private final OfferIndex index;

    SurgePricing(OfferIndex index) {
        this.index = index;
    }

    /** The multiplier, in basis points, that a claim on this brand would lock now. */
    int quoteBps(String brand, RoutingSettings s, Instant now) {
        if (s.surge().isEmpty()) {
            return SurgeRule.ONE;
        }
        OfferIndex.BrandQueue q = index.brand(brand);
        long oldest = q.oldestMillis();
        Duration wait = oldest < 0 ? Duration.ZERO : Duration.ofMillis(Math.max(0, now.toEpochMilli() - oldest));
        return s.surgeBps(q.depth(), wait);
    }

    /** Base pay times multiplier, rounded half up to a whole minor unit. */
    static long amountMinor(long basePayMinor, int surgeBps) {
        return (basePayMinor * surgeBps + SurgeRule.ONE / 2) / SurgeRule.ONE;
    }
}
