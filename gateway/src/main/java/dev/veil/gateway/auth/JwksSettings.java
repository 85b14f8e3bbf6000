package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

/**
 * Where an identity provider publishes its keys and how Veil caches them: keys are kept for
 * {@code cacheTtl}, fetched again at once when a token names an unknown {@code kid}, but not more
 * often than once per {@code minRefreshInterval}; each fetch is bounded by the timeouts and size.
 */
public record JwksSettings(
        URI url,
        Duration cacheTtl,
        Duration refreshTimeout,
        Duration minRefreshInterval,
        Duration connectTimeout,
        Duration readTimeout,
        int maxBytes) {

    /** The defaults: keys cached 5 minutes, refreshed at most every 30 s, 1 s connect, 2 s read, 64 KiB. */
    public static JwksSettings of(URI url) {
        return new JwksSettings(url, Duration.ofMinutes(5), Duration.ofSeconds(15), Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(2), 64 * 1024);
    }

    public JwksSettings {
        requireNonNull(url, "url");
        requireNonNull(cacheTtl, "cacheTtl");
        requireNonNull(refreshTimeout, "refreshTimeout");
        requireNonNull(minRefreshInterval, "minRefreshInterval");
        requireNonNull(connectTimeout, "connectTimeout");
        requireNonNull(readTimeout, "readTimeout");
        String scheme = url.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("url: scheme " + scheme + " (expected: https or http)");
        }
        positive("cacheTtl", cacheTtl);
        positive("refreshTimeout", refreshTimeout);
        positive("connectTimeout", connectTimeout);
        positive("readTimeout", readTimeout);
        if (minRefreshInterval.isNegative()) {
            throw new IllegalArgumentException("minRefreshInterval: " + minRefreshInterval + " (expected: >= 0)");
        }
        // Nimbus requires the cache to outlive the refresh rate limit
        if (minRefreshInterval.compareTo(cacheTtl) >= 0) {
            throw new IllegalArgumentException("minRefreshInterval: " + minRefreshInterval + " (expected: < cacheTtl " + cacheTtl + ")");
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: > 0)");
        }
    }

    /** The same settings with another refresh rate limit. */
    public JwksSettings withMinRefreshInterval(Duration interval) {
        return new JwksSettings(url, cacheTtl, refreshTimeout, interval, connectTimeout, readTimeout, maxBytes);
    }

    /** The same settings with another cache lifetime. */
    public JwksSettings withCacheTtl(Duration ttl) {
        return new JwksSettings(url, ttl, refreshTimeout, minRefreshInterval, connectTimeout, readTimeout, maxBytes);
    }

    private static void positive(String name, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }
}
