package dev.veil.gateway.routing;

import dev.veil.gateway.routing.model.ExpertRecord;
import dev.veil.gateway.routing.model.LedgerEntry;
import dev.veil.gateway.routing.model.ReputationRecord;
import dev.veil.gateway.routing.model.ResolutionRecord;
import dev.veil.gateway.routing.model.TicketRecord;
import java.util.ArrayList;
import java.util.List;

/** The writes of one routing operation, which a {@link RoutingStore} applies all or nothing. */
public final class StoreBatch {

    private final List<TicketRecord> ticketPuts = new ArrayList<>(1);
    private final List<String> ticketRemovals = new ArrayList<>(0);
    private final List<ExpertRecord> expertPuts = new ArrayList<>(1);
    private final List<ReputationRecord> reputationPuts = new ArrayList<>(0);
    private final List<ResolutionRecord> resolutionPuts = new ArrayList<>(0);
    private final List<String> resolutionRemovals = new ArrayList<>(0);
    private final List<LedgerEntry> ledgerAppends = new ArrayList<>(0);

    public StoreBatch putTicket(TicketRecord r) { ticketPuts.add(r); return this; }
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

    public boolean isEmpty() {
        return ticketPuts.isEmpty() && ticketRemovals.isEmpty() && expertPuts.isEmpty()
                && reputationPuts.isEmpty() && resolutionPuts.isEmpty() && resolutionRemovals.isEmpty()
                && ledgerAppends.isEmpty();
    }
}
