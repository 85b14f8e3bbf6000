package dev.veil.gateway.routing;

import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.model.Claim;
import dev.veil.gateway.routing.model.ExpertRecord;
import dev.veil.gateway.routing.model.LedgerEntry;
import dev.veil.gateway.routing.model.PushOffer;
import dev.veil.gateway.routing.model.ReputationRecord;
import dev.veil.gateway.routing.model.ResolutionRecord;
import dev.veil.gateway.routing.model.TicketRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps this node's routing state in step with a store shared by several nodes: re-reads a
 * ticket, expert, reputation, resolution or ledger entry another node changed (told by the
 * store's change feed, or by a refused write) and takes the stored form over, keeping the offer
 * index, deadlines, pending push offers and capacity slots consistent with it. Memory is a
 * cache here: the store decides every claim, so a stale cache can only show a ticket that a
 * claim then fails to get, never let a claim through that the store refuses.
 */
final class Replica {

    private final RoutingState st;
    private final ClaimBook claims;
    private final PushDispatcher push;
    private final ReputationBook reputation;

    Replica(RoutingState st, ClaimBook claims, PushDispatcher push, ReputationBook reputation) {
        this.st = st;
        this.claims = claims;
        this.push = push;
        this.reputation = reputation;
    }

    /** Re-reads every ticket of a refused batch. */
    void resync(RoutingConflictException c) {
        c.ticketIds().forEach(this::ticket);
    }

    /**
     * Re-reads one ticket (and its resolution) from the store. The read happens under the
     * ticket's monitor, which every local write holds until its commit, so what is read is never
     * older than what this node wrote; a newer change by another node is announced again.
     */
    void ticket(String id) {
        RoutedTicket t = st.tickets.get(id);
        if (t == null) {
            arrive(id, st.store.ticket(id));
            return;
        }
        synchronized (t) {
            if (t.closed()) {
                if (st.tickets.get(id) != t) {
                    ticket(id);
                } else {
                    arrive(id, st.store.ticket(id));
                }
                return;
            }
            Optional<TicketRecord> stored = st.store.ticket(id);
            if (stored.isEmpty()) {
                drop(t);
                resolution(id);
                return;
            }
            take(t, stored.get());
        }
    }

    /** A ticket this node does not hold (or holds closed) is in the store, or not. */
    private void arrive(String id, Optional<TicketRecord> stored) {
        if (stored.isEmpty()) {
            resolution(id);
            return;
        }
        TicketRecord r = stored.get();
        RoutedTicket fresh = RoutedTicket.restore(r);
        synchronized (fresh) {
            RoutedTicket old = st.tickets.get(id);
            boolean placed = old == null ? st.tickets.putIfAbsent(id, fresh) == null : old.closed() && st.tickets.replace(id, old, fresh);
            if (!placed) {
                if (old == null || !old.closed()) {
                    ticket(id); // raced with a local change: read again, under that ticket's monitor
                }
                return;
            }
            st.resolutions.remove(id);
            st.seq.accumulateAndGet(r.seq(), Math::max);
            take(holder(r.claim(), r.offer()));
            if (r.claim() != null) {
                claims.restore(r.claim());
            } else {
                st.index.add(fresh);
                if (r.offer() != null) {
                    push.restore(r.offer());
                }
            }
        }
    }

    /** Takes over the stored state of a ticket this node holds; caller holds its monitor. */
    private void take(RoutedTicket t, TicketRecord r) {
        String id = t.id();
        Claim oldClaim = t.claim();
        PushOffer oldOffer = t.offer();
        if (oldClaim == null) {
            st.index.remove(t);
        }
        t.replace(r);
        if (r.claim() == null) {
            st.index.add(t);
        } else if (!r.claim().equals(oldClaim)) {
            claims.restore(r.claim());
        }
        if (oldOffer != null && !oldOffer.equals(r.offer())) {
            st.removePending(oldOffer.expertId(), id);
        }
        if (r.offer() != null && !r.offer().equals(oldOffer)) {
            push.restore(r.offer());
        }
        String before = holder(oldClaim, oldOffer);
        String after = holder(r.claim(), r.offer());
        if (!Objects.equals(before, after)) {
            free(before);
            take(after);
        }
    }

    private void drop(RoutedTicket t) {
        synchronized (t) {
            if (t.closed()) {
                return;
            }
            Claim c = t.claim();
            PushOffer o = t.offer();
            t.close();
            st.index.remove(t);
            st.tickets.remove(t.id(), t);
            if (o != null) {
                st.removePending(o.expertId(), t.id());
            }
            free(holder(c, o));
        }
    }

    private void resolution(String id) {
        Optional<ResolutionRecord> r = st.store.resolution(id);
        if (r.isPresent()) {
            st.resolutions.put(id, r.get());
        } else {
            st.resolutions.remove(id);
        }
    }

    /**
     * Re-reads an expert's record and reputation, under the expert's monitor (which local writes
     * hold until their commit), so a read never undoes a newer local write.
     */
    void expert(String id) {
        Expert known = st.registry.get(id);
        if (known == null) {
            Optional<ExpertRecord> r = st.store.expert(id);
            if (r.isEmpty()) {
                return;
            }
            RoutingConfig c = st.config();
            known = st.registry.upsert(r.get().profile(), c.ratingWindow(), c.qualityWindow());
        }
        synchronized (known) {
            Optional<ExpertRecord> r = st.store.expert(id);
            if (r.isEmpty()) {
                return;
            }
            RoutingConfig c = st.config();
            Expert e = st.registry.upsert(r.get().profile(), c.ratingWindow(), c.qualityWindow());
            e.restore(r.get());
            st.store.reputation(id).ifPresent(e::replaceReputation);
            reputation.updateGates(e);
        }
    }

    /** Adds a ledger entry written on another node. */
    void ledger(long seq) {
        st.store.ledgerEntry(seq).ifPresent(e -> st.ledger.restore(List.of(e)));
    }

    /** Re-reads everything (after the change feed was interrupted): every expert, every ticket either side holds, the ledger. */
    void all() {
        StoreSnapshot snap = st.store.load();
        for (ExpertRecord r : snap.experts()) {
            expert(r.profile().expertId());
        }
        Set<String> ids = new HashSet<>(st.tickets.keySet());
        snap.tickets().forEach(r -> ids.add(r.attributes().ticketId()));
        ids.forEach(this::ticket);
        st.ledger.restore(snap.ledger());
    }

    private static String holder(Claim c, PushOffer o) {
        return c != null ? c.expertId() : o != null ? o.expertId() : null;
    }

    private void take(String expertId) {
        Expert e = expertId == null ? null : st.registry.get(expertId);
        if (e != null) {
            e.restoreSlot();
        }
    }

    private void free(String expertId) {
        Expert e = expertId == null ? null : st.registry.get(expertId);
        if (e != null) {
            e.freeSlot();
        }
    }
}
