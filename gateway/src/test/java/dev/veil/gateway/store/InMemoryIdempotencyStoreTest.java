package dev.veil.gateway.store;

import java.time.Duration;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {

    @Override
    IdempotencyStore store() {
        return InMemoryIdempotencyStore.of(Duration.ofHours(1), clock);
    }
}
