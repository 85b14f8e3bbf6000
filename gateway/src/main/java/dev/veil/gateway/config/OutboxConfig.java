package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** Reply delivery to CRMs: attempts before a dead letter, and the exponential backoff (with full jitter) between them. */
public record OutboxConfig(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public static final OutboxConfig DEFAULTS = new OutboxConfig(8, Duration.ofSeconds(1), Duration.ofMinutes(5));

    public OutboxConfig {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts: " + maxAttempts + " (expected: > 0)");
        }
        requireNonNull(initialBackoff, "initialBackoff");
        requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isZero() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("initialBackoff, maxBackoff: (expected: 0 < initialBackoff <= maxBackoff)");
        }
    }
}
