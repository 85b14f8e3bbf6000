package dev.veil.gateway.routing.store;

import dev.veil.gateway.routing.RoutingStore;
import dev.veil.gateway.routing.StoreBatch;
import dev.veil.gateway.routing.StoreSnapshot;
import dev.veil.gateway.routing.model.ExpertRecord;
import dev.veil.gateway.routing.model.LedgerEntry;
import dev.veil.gateway.routing.model.ReputationRecord;
import dev.veil.gateway.routing.model.ResolutionRecord;
import dev.veil.gateway.routing.model.TicketRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A {@link RoutingStore} that keeps everything in memory: for tests and for throwaway gateways. */
public final class InMemoryRoutingStore implements RoutingStore {

    private final Map<String, TicketRecord> tickets = new HashMap<>();
    private final Map<String, ExpertRecord> experts = new HashMap<>();
    private final Map<String, ReputationRecord> reputations = new HashMap<>();
    private final Map<String, ResolutionRecord> resolutions = new HashMap<>();
    private final Map<Long, LedgerEntry> ledger = new TreeMap<>();

    @Override
    public synchronized StoreSnapshot load() {
        return new StoreSnapshot(new ArrayList<>(experts.values()), new ArrayList<>(reputations.values()),
                new ArrayList<>(tickets.values()), new ArrayList<>(resolutions.values()),
                new ArrayList<>(ledger.values()));
    }

    @Override
    public synchronized void apply(StoreBatch batch) {
        batch.ticketRemovals().forEach(tickets::remove);
        batch.ticketPuts().forEach(t -> tickets.put(t.attributes().ticketId(), t));
        batch.expertPuts().forEach(e -> experts.put(e.profile().expertId(), e));
        batch.reputationPuts().forEach(r -> reputations.put(r.expertId(), r));
        batch.resolutionRemovals().forEach(resolutions::remove);
        batch.resolutionPuts().forEach(r -> resolutions.put(r.attributes().ticketId(), r));
        batch.ledgerAppends().forEach(e -> ledger.put(e.seq(), e));
    }

    /** How many tickets are stored, for tests. */
    public synchronized int ticketCount() {
        return tickets.size();
    }

    /** The stored ledger, for tests. */
    public synchronized List<LedgerEntry> ledger() {
        return List.copyOf(ledger.values());
    }

    @Override
    public void close() {
    }
}
