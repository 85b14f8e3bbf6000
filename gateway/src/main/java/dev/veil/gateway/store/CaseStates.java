package dev.veil.gateway.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The latest state taken in of each CRM record that may be delivered out of order (Salesforce
 * Outbound Messages carry a record's state as of its {@code SystemModstamp}): an older state than
 * one already taken in is stale. Kept where the gateway's other stores are, so the guard holds
 * across a restart (embedded) and across nodes (PostgreSQL). Thread-safe.
 */
public interface CaseStates extends AutoCloseable {

    /**
     * How long a record's latest stamp is remembered after it was taken in. Salesforce retries an
     * Outbound Message for 24 hours, so an older state can arrive at most a day after a newer one;
     * a margin is added for clock skew.
     */
    Duration RETENTION = Duration.ofHours(48);
    /** Longest record key accepted (Salesforce ids are 15 or 18 characters). */
    int MAX_KEY_LENGTH = 128;

    /**
     * Records {@code stamp} as {@code brand}'s latest state of {@code record} unless a later one
     * is recorded; true when {@code stamp} is the latest (an equal stamp included, so a
     * redelivery of a state whose intake failed is taken in), false when it is stale.
     *
     * @throws StoreUnavailableException if the stamp could not be recorded durably
     */
    boolean advance(String brand, String record, Instant stamp);

    /** Forgets records whose latest stamp was recorded longer than {@link #RETENTION} ago; returns how many. */
    int prune();

    @Override
    void close();

    /** Refuses empty or over-long keys. */
    static void check(String brand, String record, Instant stamp) {
        java.util.Objects.requireNonNull(brand, "brand");
        java.util.Objects.requireNonNull(record, "record");
        java.util.Objects.requireNonNull(stamp, "stamp");
        if (record.isEmpty() || record.length() > MAX_KEY_LENGTH || brand.isEmpty() || brand.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("record: expected 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }
}
