package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** What one request may use: body and header bytes, JSON nesting and string length, and how long it may take. */
public record LimitsConfig(long maxBodyBytes, int maxHeaderBytes, int maxJsonDepth, int maxStringLength,
        Duration requestTimeout, Duration idleTimeout) {

    /** The limits when {@code veil.yaml} sets none. */
    public static final LimitsConfig DEFAULTS =
            new LimitsConfig(1L << 20, 16 << 10, 64, 65_536, Duration.ofSeconds(30), Duration.ofSeconds(60));

    public LimitsConfig {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: > 0)");
        }
        if (maxHeaderBytes < 1 || maxJsonDepth < 1 || maxStringLength < 1) {
            throw new IllegalArgumentException("maxHeaderBytes, maxJsonDepth, maxStringLength: (expected: > 0)");
        }
        requireNonNull(requestTimeout, "requestTimeout");
        requireNonNull(idleTimeout, "idleTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout, idleTimeout: (expected: > 0)");
        }
    }
}
