package dev.veil.gateway.routing;

import dev.veil.gateway.routing.model.ExpertRecord;
import dev.veil.gateway.routing.model.LedgerEntry;
import dev.veil.gateway.routing.model.ReputationRecord;
import dev.veil.gateway.routing.model.ResolutionRecord;
import dev.veil.gateway.routing.model.TicketRecord;
import java.util.List;

/** Everything a {@link RoutingStore} holds, read once when routing starts. */
public record StoreSnapshot(
        List<ExpertRecord> experts,
        List<ReputationRecord> reputations,
        List<TicketRecord> tickets,
        List<ResolutionRecord> resolutions,
        List<LedgerEntry> ledger) {

    public StoreSnapshot {
        experts = List.copyOf(experts);
        reputations = List.copyOf(reputations);
        tickets = List.copyOf(tickets);
        resolutions = List.copyOf(resolutions);
        ledger = List.copyOf(ledger);
    }
}
