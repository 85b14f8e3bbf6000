package dev.veil.gateway.store;

import java.util.Optional;

/**
 * The first answer to each webhook id, per brand, kept for a retention window, so that a
 * replayed webhook is answered as the first time and not processed twice. Writes are durable
 * when {@link #remember} returns.
 */
public interface IdempotencyStore extends AutoCloseable {

    /** Longest webhook id accepted (Standard Webhooks ids are short). */
    int MAX_ID_LENGTH = 256;

    /** The first answer to this webhook id, if one was given within the retention window. */
    Optional<StoredAnswer> find(String brand, String webhookId);

    /**
     * Records {@code answer} as the first one unless an answer is already recorded (concurrent
     * first deliveries); returns the answer in force.
     *
     * @throws StoreUnavailableException if it could not be made durable
     */
    StoredAnswer remember(String brand, String webhookId, StoredAnswer answer);

    /** Forgets answers older than the retention window; returns how many. */
    int prune();

    @Override
    void close();

    /** The key of one webhook id of one brand; refuses over-long or empty ids. */
    static String key(String brand, String webhookId) {
        java.util.Objects.requireNonNull(brand, "brand");
        java.util.Objects.requireNonNull(webhookId, "webhookId");
        if (webhookId.isEmpty() || webhookId.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("webhookId: " + webhookId.length() + " characters (expected: 1 to " + MAX_ID_LENGTH + ")");
        }
        return brand + '\n' + webhookId;
    }
}
