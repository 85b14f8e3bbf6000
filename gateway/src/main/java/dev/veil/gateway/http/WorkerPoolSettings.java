package dev.veil.gateway.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The bounded pool that runs a listener's handlers off the event loop: when all {@code threads} are
 * busy and {@code queueCapacity} requests wait, further requests get 503 {@code overloaded} with a
 * {@code Retry-After} of {@code retryAfter} (whole seconds, at least one).
 */
public record WorkerPoolSettings(int threads, int queueCapacity, Duration retryAfter) {

    public WorkerPoolSettings {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: > 0)");
        }
        if (queueCapacity <= 0) {
            throw new IllegalArgumentException("queueCapacity: " + queueCapacity + " (expected: > 0)");
        }
        requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter: " + retryAfter + " (expected: >= 0)");
        }
    }

    /**
     * Sized to the machine: handlers block on stores and vaults, so four threads per core (at least
     * eight), and a queue of 64 requests per thread; clients are told to retry after one second.
     */
    public static WorkerPoolSettings defaults() {
        int threads = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
        return new WorkerPoolSettings(threads, 64 * threads, Duration.ofSeconds(1));
    }

    public static WorkerPoolSettings of(int threads, int queueCapacity) {
        return new WorkerPoolSettings(threads, queueCapacity, Duration.ofSeconds(1));
    }

    /** The {@code Retry-After} header value, in whole seconds rounded up, at least one. */
    long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
