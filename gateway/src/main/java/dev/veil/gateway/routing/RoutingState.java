package dev.veil.gateway.routing;

import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.config.RoutingSettings;
import dev.veil.gateway.routing.model.ResolutionRecord;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The state the routing components share; each component owns the operations on it. */
final class RoutingState {

    final Clock clock;
    final RoutingStore store;
    final ExpertRegistry registry = new ExpertRegistry();
    final Map<String, RoutedTicket> tickets = new ConcurrentHashMap<>();
    final Map<String, ResolutionRecord> resolutions = new ConcurrentHashMap<>();
    final OfferIndex index = new OfferIndex(this::priorityWeightMillis);
    final SurgePricing surge = new SurgePricing(index);
    final PayLedger ledger = new PayLedger();
    final ClaimRates rates = new ClaimRates();
    final AtomicLong seq = new AtomicLong();
    /** Push offers pending per expert (ticket ids). */
    final Map<String, Set<String>> pendingOffers = new ConcurrentHashMap<>();
    private volatile RoutingConfig config;
    /** Where a refused batch goes to be re-read (set by the service). */
    volatile java.util.function.Consumer<RoutingConflictException> conflicts = c -> { };

    RoutingState(RoutingConfig config, RoutingStore store, Clock clock) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        ledger.sequence(store::nextLedgerSeq);
    }

    /** Re-reads what a refused batch touched. */
    void conflict(RoutingConflictException c) {
        conflicts.accept(c);
    }

    /**
     * Applies a batch and records, for each live ticket in it, that the store now holds it.
     *
     * @throws RoutingConflictException if a shared store found a ticket changed by another node
     */
    void apply(StoreBatch batch) {
        store.apply(batch);
        for (RoutedTicket t : batch.touched) {
            t.markStored();
        }
    }

    RoutingConfig config() {
        return config;
    }

    void config(RoutingConfig c) {
        config = c;
    }

    /** A brand's settings, or {@code null} when it is not configured. */
    RoutingSettings settings(String brand) {
        return config.brand(brand);
    }

    private long priorityWeightMillis(String brand) {
        RoutingSettings s = settings(brand);
        return s == null ? 0 : s.priorityWeight().toMillis();
    }

    Set<String> pendingFor(String expertId) {
        Set<String> s = pendingOffers.get(expertId);
        return s == null ? Set.of() : s;
    }

    void addPending(String expertId, String ticketId) {
        pendingOffers.computeIfAbsent(expertId, k -> ConcurrentHashMap.newKeySet()).add(ticketId);
    }

    void removePending(String expertId, String ticketId) {
        Set<String> s = pendingOffers.get(expertId);
        if (s != null) {
            s.remove(ticketId);
        }
    }
}
