package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.function.LongUnaryOperator;

/**
 * When a failed delivery is tried again: exponential backoff with full jitter (a uniformly random
 * delay between zero and {@code min(cap, base * 2^(attempts-1))}), and dead letter after {@code
 * maxAttempts} failed attempts. The jitter source is injected so tests control it.
 */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts, Duration lease) {

    public RetryPolicy {
        requireNonNull(base, "base");
        requireNonNull(cap, "cap");
        requireNonNull(lease, "lease");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("base: " + base + " (expected: > 0)");
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("cap: " + cap + " (expected: >= base " + base + ")");
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts: " + maxAttempts + " (expected: 1 to 100)");
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease: " + lease + " (expected: > 0)");
        }
    }

    /** 1 s doubling up to 1 h, dead letter after 12 attempts, 60 s leases. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofSeconds(1), Duration.ofHours(1), 12, Duration.ofSeconds(60));
    }

    /**
     * The next attempt after the {@code attempts}-th failure, or {@code null} to dead-letter.
     *
     * @param jitter maps a bound {@code n > 0} (milliseconds) to a uniformly random value in {@code [0, n)}
     */
    public Instant nextAttempt(int attempts, Instant now, LongUnaryOperator jitter) {
        if (attempts >= maxAttempts) {
            return null;
        }
        long capMillis = cap.toMillis();
        long ceiling = base.toMillis();
        for (int i = 1; i < attempts && ceiling < capMillis; i++) {
            ceiling = Math.min(capMillis, ceiling * 2);
        }
        ceiling = Math.min(capMillis, ceiling);
        long delay = jitter.applyAsLong(ceiling + 1);
        if (delay < 0 || delay > ceiling) {
            throw new IllegalStateException("jitter: " + delay + " (expected: 0 to " + ceiling + ")");
        }
        return now.plusMillis(delay);
    }

    /** The jitter {@link #nextAttempt} asks for, drawn from {@code random}: uniform in {@code [0, n)}. */
    static LongUnaryOperator jitter(SecureRandom random) {
        requireNonNull(random, "random");
        return bound -> bound <= 1 ? 0 : (random.nextLong() & Long.MAX_VALUE) % bound;
    }
}
