package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.function.LongUnaryOperator;

/**
 * A reply on its way to a brand's CRM: a stable id (sent as {@code webhook-id}, the same on every
 * attempt), the brand, the payload, how many attempts failed, when the next is due, the last
 * failure's code, and whether it is pending or dead-lettered.
 */
public record OutboxMessage(
        String id,
        String brand,
        byte[] payload,
        Instant createdAt,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        State state) {

    /** Largest payload accepted. */
    public static final int MAX_PAYLOAD_BYTES = 1 << 20;

    /** Where a message is in its life. */
    public enum State {
        /** Waiting for its next attempt. */
        PENDING,
        /** Given up on after too many attempts or a permanent failure; re-drivable. */
        DEAD
    }

    public OutboxMessage {
        requireNonNull(id, "id");
        requireNonNull(brand, "brand");
        requireNonNull(payload, "payload");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(nextAttemptAt, "nextAttemptAt");
        requireNonNull(state, "state");
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload: " + payload.length + " bytes (expected: <= " + MAX_PAYLOAD_BYTES + ")");
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts: " + attempts + " (expected: >= 0)");
        }
        payload = payload.clone();
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    OutboxMessage next(int attempts, Instant nextAttemptAt, String lastError, State state) {
        return new OutboxMessage(id, brand, payload, createdAt, attempts, nextAttemptAt, lastError, state);
    }

    /**
     * This message after one more failed attempt at {@code now}: due again when {@code retry} says,
     * or dead once its attempts are used up. The one retry step of every outbox.
     */
    OutboxMessage afterFailure(String errorCode, Instant now, RetryPolicy retry, LongUnaryOperator jitter) {
        int failures = attempts + 1;
        Instant again = retry.nextAttempt(failures, now, jitter);
        return again == null ? next(failures, now, errorCode, State.DEAD) : next(failures, again, errorCode, State.PENDING);
    }

    /** This message due again at {@code notBefore}, as a CRM's rate limit asked, with no attempt counted. */
    OutboxMessage deferred(Instant notBefore, String errorCode) {
        return next(attempts, notBefore, errorCode, State.PENDING);
    }

    /** This message dead-lettered at {@code now} after one more attempt that will not heal. */
    OutboxMessage deadLettered(String errorCode, Instant now) {
        return next(attempts + 1, now, errorCode, State.DEAD);
    }

    /** This dead letter pending again from {@code now}, with its attempts reset and its last error kept. */
    OutboxMessage redriven(Instant now) {
        return next(0, now, lastError, State.PENDING);
    }

    @Override
    public String toString() {
        return "OutboxMessage[" + id + ", " + brand + ", " + payload.length + " bytes, attempts " + attempts + ", " + state + "]";
    }
}
