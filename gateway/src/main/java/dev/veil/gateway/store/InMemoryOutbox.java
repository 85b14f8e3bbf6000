package dev.veil.gateway.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** An {@link Outbox} in memory, for tests; lost when the process ends. Thread-safe. */
public final class InMemoryOutbox implements Outbox {

    private final OutboxBook book;

    private InMemoryOutbox(RetryPolicy retry, Clock clock, SecureRandom random) {
        this.book = new OutboxBook(retry, clock, random, m -> { }, id -> { });
    }

    public static InMemoryOutbox of(RetryPolicy retry, Clock clock, SecureRandom random) {
        return new InMemoryOutbox(retry, clock, random);
    }

    @Override public boolean enqueue(String id, String brand, byte[] payload) { return book.enqueue(id, brand, payload); }
    @Override public List<OutboxMessage> lease(int max) { return book.lease(max); }
    @Override public boolean delivered(String id) { return book.delivered(id); }
    @Override public Optional<OutboxMessage> failed(String id, String errorCode) { return book.failed(id, errorCode); }
    @Override public Optional<OutboxMessage> defer(String id, java.time.Instant notBefore, String errorCode) { return book.defer(id, notBefore, errorCode); }
    @Override public Optional<OutboxMessage> deadLetter(String id, String errorCode) { return book.deadLetter(id, errorCode); }
    @Override public List<OutboxMessage> deadLetters(int max) { return book.deadLetters(max); }
    @Override public boolean redrive(String id) { return book.redrive(id); }
    @Override public Optional<OutboxMessage> get(String id) { return book.get(id); }
    @Override public Depth depth() { return book.depth(); }
    @Override public java.util.Map<String, Depth> depthByBrand() { return book.depthByBrand(); }
    @Override public void close() { }
}
