package dev.veil.gateway.store;

class InMemoryTicketStoreTest extends TicketStoreContract {

    @Override
    TicketStore store() {
        return InMemoryTicketStore.of();
    }
}
