package dev.veil.gateway.routing.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;

/** Process-wide routing settings plus every brand's {@link RoutingSettings}; swapped whole on reload. */
public record RoutingConfig(
        int ratingWindow,
        int qualityWindow,
        Duration statsWindow,
        Duration resolvedRetention,
        Map<String, RoutingSettings> brands) {

    public RoutingConfig {
        if (ratingWindow < 1 || ratingWindow > 1_000) {
            throw new IllegalArgumentException("ratingWindow: " + ratingWindow + " (expected: 1 to 1000)");
        }
        if (qualityWindow < 1 || qualityWindow > 1_000) {
            throw new IllegalArgumentException("qualityWindow: " + qualityWindow + " (expected: 1 to 1000)");
        }
        requireNonNull(statsWindow, "statsWindow");
        if (statsWindow.toSeconds() < 60 || statsWindow.toMinutes() > 60) {
            throw new IllegalArgumentException("statsWindow: " + statsWindow + " (expected: 1m to 60m)");
        }
        requireNonNull(resolvedRetention, "resolvedRetention");
        if (resolvedRetention.isNegative()) {
            throw new IllegalArgumentException("resolvedRetention: " + resolvedRetention + " (expected: >= 0)");
        }
        brands = Map.copyOf(requireNonNull(brands, "brands"));
    }

    /** Default process-wide settings with the given brands. */
    public static RoutingConfig of(Map<String, RoutingSettings> brands) {
        return new RoutingConfig(50, 20, Duration.ofMinutes(15), Duration.ofDays(30), brands);
    }

    /** The brand's settings, or {@code null} when the brand is not configured. */
    public RoutingSettings brand(String brand) {
        return brands.get(brand);
    }

    /** A copy with different brands. */
    public RoutingConfig withBrands(Map<String, RoutingSettings> newBrands) {
        return new RoutingConfig(ratingWindow, qualityWindow, statsWindow, resolvedRetention, newBrands);
    }
}
