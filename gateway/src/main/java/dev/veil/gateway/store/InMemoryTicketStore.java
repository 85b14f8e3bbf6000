package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link TicketStore} in memory, for tests and throw-away runs; lost when the process ends. Thread-safe. */
public final class InMemoryTicketStore implements TicketStore {

    private final Map<String, StoredTicket> tickets = new HashMap<>();
    private final Map<String, String> index = new HashMap<>();

    public static InMemoryTicketStore of() {
        return new InMemoryTicketStore();
    }

    private InMemoryTicketStore() {
    }

    @Override
    public synchronized Optional<String> find(String brand, String crmTicketId) {
        return Optional.ofNullable(index.get(TicketVersions.indexKey(requireNonNull(brand, "brand"), requireNonNull(crmTicketId, "crmTicketId"))));
    }

    @Override
    public synchronized Optional<StoredTicket> get(String ticketId) {
        return Optional.ofNullable(tickets.get(requireNonNull(ticketId, "ticketId")));
    }

    @Override
    public synchronized void put(StoredTicket ticket) {
        requireNonNull(ticket, "ticket");
        String key = TicketVersions.indexKey(ticket.brand(), ticket.crmTicketId());
        TicketVersions.check(tickets.get(ticket.id()), index.get(key), ticket);
        tickets.put(ticket.id(), ticket);
        index.put(key, ticket.id());
    }

    @Override
    public void close() {
    }
}
