package dev.veil.gateway.store;

import java.security.SecureRandom;

class InMemoryOutboxTest extends OutboxContract {

    @Override
    Outbox outbox(SecureRandom random) {
        return InMemoryOutbox.of(RETRY, clock, random);
    }
}
