package dev.veil.gateway.store;

import java.util.List;
import java.util.Optional;

/**
 * The durable queue of replies to brands' CRMs. A message keeps its id on every attempt, so a
 * CRM that sees it twice (after a crash between sending and marking it delivered) sees the same
 * {@code webhook-id}. Every change is durable when the call returns; leases are not (a lease lost
 * in a crash just makes the message due again).
 */
public interface Outbox extends AutoCloseable {

    /**
     * Queues a message, due at once; a second enqueue with the same id changes nothing.
     *
     * @return whether the message was new
     * @throws StoreUnavailableException if it could not be made durable
     */
    boolean enqueue(String id, String brand, byte[] payload);

    /** Up to {@code max} pending messages due now, oldest due first, each leased for the retry policy's lease time. */
    List<OutboxMessage> lease(int max);

    /** The message was delivered: it leaves the outbox. False if it was not there. */
    boolean delivered(String id);

    /**
     * An attempt failed and may succeed later: the attempt is counted and the next one scheduled
     * with backoff, or the message is dead-lettered after the last attempt. Returns the message now.
     */
    Optional<OutboxMessage> failed(String id, String errorCode);

    /**
     * The CRM asked to wait (a rate limit): the message is due again at {@code notBefore}, and no
     * attempt is counted, since waiting as asked is not a failure. Returns the message now.
     */
    Optional<OutboxMessage> defer(String id, java.time.Instant notBefore, String errorCode);

    /** An attempt failed for good (the CRM refused the message): dead letter at once. */
    Optional<OutboxMessage> deadLetter(String id, String errorCode);

    /** Dead-lettered messages, oldest first, at most {@code max}. */
    List<OutboxMessage> deadLetters(int max);

    /** Puts a dead letter back in the queue, due at once with no attempts counted; false if there is no such dead letter. */
    boolean redrive(String id);

    /** A message by id, pending or dead. */
    Optional<OutboxMessage> get(String id);

    /** How many messages are pending and dead. */
    Depth depth();

    /** How many messages are pending and dead for each brand (each brand is a delivery lane); brands with none are left out. */
    java.util.Map<String, Depth> depthByBrand();

    /** Message counts by state. */
    record Depth(int pending, int dead) {}

    @Override
    void close();
}
