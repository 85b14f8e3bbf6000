package dev.veil.gateway.routing;

import dev.veil.gateway.routing.model.Claim;
import dev.veil.gateway.routing.model.ExpertRecord;
import dev.veil.gateway.routing.model.LedgerEntry;
import dev.veil.gateway.routing.model.PushOffer;
import dev.veil.gateway.routing.model.ReputationRecord;
import dev.veil.gateway.routing.model.ResolutionRecord;
import dev.veil.gateway.routing.model.TicketRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes of one routing operation, which a {@link RoutingStore} applies all or nothing. A
 * ticket written from live routing state carries an {@link Expectation}: what the writer believed
 * the stored ticket's claim and offer to be. A store shared by several nodes applies the batch
 * only if the stored ticket still matches (and an expert taking a ticket still has capacity), so
 * a node acting on stale state cannot overwrite another node's claim; a single-node store may
 * ignore expectations, as its callers' locks already order the writes.
 */
public final class StoreBatch {

    /**
     * What the writer believed was stored for a ticket: nothing ({@code exists} false, for a new
     * ticket), or a ticket with this claim and offer (either may be null).
     */
    public record Expectation(boolean exists, Claim claim, PushOffer offer) {

        /** Nothing stored yet: what every new ticket expects, one instance for all of them. */
        static final Expectation NONE = new Expectation(false, null, null);
        private static final Expectation STORED_OPEN = new Expectation(true, null, null);

        /**
         * A stored ticket with this claim and offer. The common case, an open ticket, shares one
         * instance: every ticket in the pool keeps its expectation, and the pool may hold many.
         */
        static Expectation stored(Claim claim, PushOffer offer) {
            return claim == null && offer == null ? STORED_OPEN : new Expectation(true, claim, offer);
        }
    }

    private final Map<String, Expectation> expectations = new LinkedHashMap<>(2);
    final List<RoutedTicket> touched = new ArrayList<>(1);

    private final List<TicketRecord> ticketPuts = new ArrayList<>(1);
    private final List<String> ticketRemovals = new ArrayList<>(0);
    private final List<ExpertRecord> expertPuts = new ArrayList<>(1);
    private final List<ReputationRecord> reputationPuts = new ArrayList<>(0);
    private final List<ResolutionRecord> resolutionPuts = new ArrayList<>(0);
    private final List<String> resolutionRemovals = new ArrayList<>(0);
    private final List<LedgerEntry> ledgerAppends = new ArrayList<>(0);

    public StoreBatch putTicket(TicketRecord r) { ticketPuts.add(r); return this; }
    /** Writes a live ticket as it is now, expecting the store to hold what this node last stored or read. */
    StoreBatch ticket(RoutedTicket t) {
        ticketPuts.add(t.record());
        expectations.put(t.id(), t.basis());
        touched.add(t);
        return this;
    }
    /** Removes a live ticket, expecting the store to hold what this node last stored or read. */
    StoreBatch removeTicket(RoutedTicket t) {
        ticketRemovals.add(t.id());
        expectations.put(t.id(), t.basis());
        touched.add(t);
        return this;
    }
    public StoreBatch expect(String ticketId, Expectation e) { expectations.put(ticketId, e); return this; }
    public StoreBatch removeTicket(String ticketId) { ticketRemovals.add(ticketId); return this; }
    public StoreBatch putExpert(ExpertRecord r) { expertPuts.add(r); return this; }
    public StoreBatch putReputation(ReputationRecord r) { reputationPuts.add(r); return this; }
    public StoreBatch putResolution(ResolutionRecord r) { resolutionPuts.add(r); return this; }
    public StoreBatch removeResolution(String ticketId) { resolutionRemovals.add(ticketId); return this; }
    public StoreBatch appendLedger(LedgerEntry e) { ledgerAppends.add(e); return this; }

    public List<TicketRecord> ticketPuts() { return ticketPuts; }
    public List<String> ticketRemovals() { return ticketRemovals; }
    public List<ExpertRecord> expertPuts() { return expertPuts; }
    public List<ReputationRecord> reputationPuts() { return reputationPuts; }
    public List<ResolutionRecord> resolutionPuts() { return resolutionPuts; }
    public List<String> resolutionRemovals() { return resolutionRemovals; }
    public List<LedgerEntry> ledgerAppends() { return ledgerAppends; }
    /** The expectation for a ticket, or null when the write is unconditional. */
    public Expectation expectation(String ticketId) { return expectations.get(ticketId); }

    public boolean isEmpty() {
        return ticketPuts.isEmpty() && ticketRemovals.isEmpty() && expertPuts.isEmpty()
                && reputationPuts.isEmpty() && resolutionPuts.isEmpty() && resolutionRemovals.isEmpty()
                && ledgerAppends.isEmpty();
    }
}
