package dev.veil.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** An {@link IdempotencyStore} in memory, for tests; lost when the process ends. Thread-safe. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private final AnswerBook book;

    private InMemoryIdempotencyStore(Duration retention, Clock clock) {
        this.book = new AnswerBook(retention, clock, (k, a) -> { }, k -> { });
    }

    public static InMemoryIdempotencyStore of(Duration retention, Clock clock) {
        return new InMemoryIdempotencyStore(retention, clock);
    }

    @Override
    public Optional<StoredAnswer> find(String brand, String webhookId) {
        return book.find(IdempotencyStore.key(brand, webhookId));
    }

    @Override
    public StoredAnswer remember(String brand, String webhookId, StoredAnswer answer) {
        return book.remember(IdempotencyStore.key(brand, webhookId), answer);
    }

    @Override
    public int prune() {
        return book.prune();
    }

    @Override
    public void close() {
    }
}
