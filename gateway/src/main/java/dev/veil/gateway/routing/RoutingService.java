package dev.veil.gateway.routing;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.config.RoutingMode;
import dev.veil.gateway.routing.config.RoutingSettings;
import dev.veil.gateway.routing.model.Claim;
import dev.veil.gateway.routing.model.ClaimResult;
import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.model.ExpertProfile;
import dev.veil.gateway.routing.model.ExpertRecord;
import dev.veil.gateway.routing.model.ExpertView;
import dev.veil.gateway.routing.model.LedgerEntry;
import dev.veil.gateway.routing.model.Offer;
import dev.veil.gateway.routing.model.Outcome;
import dev.veil.gateway.routing.model.PushOffer;
import dev.veil.gateway.routing.model.QueueStat;
import dev.veil.gateway.routing.model.ReputationRecord;
import dev.veil.gateway.routing.model.ResolutionRecord;
import dev.veil.gateway.routing.model.RuleResult;
import dev.veil.gateway.routing.model.SubmitResult;
import dev.veil.gateway.routing.model.TickReport;
import dev.veil.gateway.routing.model.TicketAttributes;
import dev.veil.gateway.routing.model.TicketRecord;
import dev.veil.gateway.store.Latches;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The routing core behind the gateway's expert, CRM and admin endpoints: which expert may see
 * and take which sanitized ticket, and what it pays. Thread-safe; time-driven work (claim
 * expiry, push timeouts, widening retries) happens in {@link #tick()}, which a scheduler calls.
 */
public final class RoutingService implements AutoCloseable {

    /** Largest page of offers one call returns. */
    public static final int MAX_PAGE = 100;

    private final RoutingState st;
    private final ClaimBook claims;
    private final PushDispatcher push;
    private final OfferLister lister;
    private final ReputationBook reputation;
    private final QueueStats stats;
    private final Replica replica;

    private RoutingService(RoutingState st) {
        this.st = st;
        this.claims = new ClaimBook(st);
        this.push = new PushDispatcher(st);
        this.lister = new OfferLister(st);
        this.reputation = new ReputationBook(st);
        this.stats = new QueueStats(st);
        this.replica = new Replica(st, claims, push, reputation);
        st.conflicts = replica::resync;
    }

    /** Starts routing on a store, rebuilding open tickets, claims, offers, experts and the ledger from it. */
    public static RoutingService open(RoutingConfig config, RoutingStore store, Clock clock) {
        requireNonNull(config, "config");
        requireNonNull(store, "store");
        requireNonNull(clock, "clock");
        RoutingService service = new RoutingService(new RoutingState(config, store, clock));
        // a shared store's feed starts before the load, so no change falls between the two;
        // changes wait until the load is in memory
        java.util.concurrent.CountDownLatch loaded = new java.util.concurrent.CountDownLatch(1);
        if (store.shared()) {
            store.subscribe(change -> {
                Latches.awaitUninterruptibly(loaded);
                service.changed(change);
            });
        }
        try {
            service.restore(store.load());
        } finally {
            loaded.countDown();
        }
        return service;
    }

    /** Another node changed something: this node re-reads it (called from the store's feed). */
    private void changed(RoutingStore.Change c) {
        switch (c.kind()) {
            case RoutingStore.Change.TICKET -> replica.ticket(c.id());
            case RoutingStore.Change.EXPERT -> replica.expert(c.id());
            case RoutingStore.Change.LEDGER -> replica.ledger(Long.parseLong(c.id()));
            default -> replica.all();
        }
    }

    private void restore(StoreSnapshot snap) {
        RoutingConfig c = st.config();
        for (ExpertRecord r : snap.experts()) {
            st.registry.upsert(r.profile(), c.ratingWindow(), c.qualityWindow()).restore(r);
        }
        for (ReputationRecord r : snap.reputations()) {
            Expert e = st.registry.get(r.expertId());
            if (e != null) {
                e.restore(r);
            }
        }
        snap.resolutions().forEach(r -> st.resolutions.put(r.attributes().ticketId(), r));
        st.ledger.restore(snap.ledger());
        long maxSeq = 0;
        for (TicketRecord r : snap.tickets()) {
            RoutedTicket t = RoutedTicket.restore(r);
            maxSeq = Math.max(maxSeq, t.seq);
            st.tickets.put(t.id(), t);
            Claim claim = t.claim();
            PushOffer offer = t.offer();
            String holder = claim != null ? claim.expertId() : offer != null ? offer.expertId() : null;
            Expert e = holder == null ? null : st.registry.get(holder);
            if (e != null) {
                e.restoreSlot();
            }
            if (claim != null) {
                claims.restore(claim);
            } else {
                st.index.add(t);
                if (offer != null) {
                    push.restore(offer);
                }
            }
        }
        st.seq.set(maxSeq);
    }

    /** Swaps in new settings (e.g. after {@code veil.yaml} changed); thresholds and windows apply at once. */
    public void reconfigure(RoutingConfig config) {
        requireNonNull(config, "config");
        RoutingConfig old = st.config();
        st.config(config);
        for (Map.Entry<String, RoutingSettings> b : config.brands().entrySet()) {
            RoutingSettings before = old.brand(b.getKey());
            if (before != null && !before.priorityWeight().equals(b.getValue().priorityWeight())) {
                st.index.rerank(b.getKey());
            }
        }
        reputation.reconfigure(config);
    }

    public RoutingConfig config() {
        return st.config();
    }

    // Experts

    /** Adds an expert or replaces their profile; presence, counters and reputation are kept. */
    public ExpertView upsertExpert(ExpertProfile profile) {
        requireNonNull(profile, "profile");
        RoutingConfig c = st.config();
        Expert e = st.registry.upsert(profile, c.ratingWindow(), c.qualityWindow());
        synchronized (e) {
            reputation.updateGates(e);
            st.apply(new StoreBatch().putExpert(e.record()).putReputation(e.reputationRecord()));
            return e.view();
        }
    }

    /** Marks an expert online or offline; false if unknown. Offline experts keep their claims. */
    public boolean setOnline(String expertId, boolean online) {
        Expert e = st.registry.get(expertId);
        if (e == null) {
            return false;
        }
        synchronized (e) {
            e.online(online);
            st.apply(new StoreBatch().putExpert(e.record()));
        }
        return true;
    }

    /** Suspends or reinstates an expert; false if unknown. Suspension stops new offers, not held claims. */
    public boolean setSuspended(String expertId, boolean suspended) {
        Expert e = st.registry.get(expertId);
        if (e == null) {
            return false;
        }
        synchronized (e) {
            e.suspended(suspended);
            st.apply(new StoreBatch().putExpert(e.record()));
        }
        return true;
    }

    public Optional<ExpertView> expert(String expertId) {
        Expert e = st.registry.get(expertId);
        return e == null ? Optional.empty() : Optional.of(e.view());
    }

    /** The claims the expert holds now, oldest first. */
    public List<Claim> claimsOf(String expertId) {
        requireNonNull(expertId, "expertId");
        List<Claim> out = new ArrayList<>();
        for (RoutedTicket t : st.tickets.values()) {
            Claim c = t.claim();
            if (c != null && c.expertId().equals(expertId)) {
                out.add(c);
            }
        }
        out.sort(java.util.Comparator.comparing(Claim::claimedAt));
        return out;
    }

    /** Every known expert, by id, at most {@code limit}. */
    public List<ExpertView> experts(int limit) {
        List<Expert> all = new ArrayList<>(st.registry.all());
        all.sort(java.util.Comparator.comparing(e -> e.id));
        List<ExpertView> out = new ArrayList<>();
        for (Expert e : all.subList(0, Math.min(all.size(), Math.max(0, limit)))) {
            synchronized (e) {
                out.add(e.view());
            }
        }
        return out;
    }

    /**
     * The rules that depend on the expert and a brand only (certification, suspension, presence,
     * rating and quality gates, capacity), each passed or failed with a detail about this expert
     * alone; empty if the expert is unknown.
     */
    public Optional<List<RuleResult>> gates(String expertId, String brand) {
        requireNonNull(brand, "brand");
        Expert e = st.registry.get(expertId);
        if (e == null) {
            return Optional.empty();
        }
        synchronized (e) {
            return Optional.of(Eligibility.gates(e, brand, st.settings(brand), st.clock.instant()));
        }
    }

    /**
     * {@link #gates(String, String)} for every brand the expert holds a certification for, by brand
     * in order, read under one lock on the expert; empty if the expert is unknown.
     */
    public Map<String, List<RuleResult>> brandGates(String expertId) {
        Expert e = st.registry.get(requireNonNull(expertId, "expertId"));
        if (e == null) {
            return Map.of();
        }
        synchronized (e) {
            Instant now = st.clock.instant();
            Map<String, List<RuleResult>> out = new TreeMap<>();
            for (String brand : e.profile().certifications().keySet()) {
                out.put(brand, Eligibility.gates(e, brand, st.settings(brand), now));
            }
            return Collections.unmodifiableMap(out);
        }
    }

    // Tickets from the CRM

    /** Puts a sanitized ticket into the pool; in push mode it is offered at once if someone can take it. */
    public SubmitResult submit(TicketAttributes attributes) {
        requireNonNull(attributes, "attributes");
        RoutingSettings s = st.settings(attributes.brand());
        if (s == null) {
            return SubmitResult.UNKNOWN_BRAND;
        }
        if (st.tickets.containsKey(attributes.ticketId())) {
            return SubmitResult.DUPLICATE;
        }
        Instant now = st.clock.instant();
        RoutedTicket t = new RoutedTicket(attributes, st.seq.incrementAndGet(), now);
        synchronized (t) {
            if (st.tickets.putIfAbsent(t.id(), t) != null) {
                return SubmitResult.DUPLICATE;
            }
            st.index.add(t);
            try {
                st.apply(new StoreBatch().ticket(t));
            } catch (RoutingConflictException c) {
                replica.resync(c); // another node queued it first
                return SubmitResult.DUPLICATE;
            }
        }
        if (s.mode() == RoutingMode.PUSH) {
            push.dispatch(t, now);
        }
        return SubmitResult.QUEUED;
    }

    /**
     * Replaces the routing attributes of a ticket in the pool (the CRM updated it); its place in the
     * queue, claim, offer and cooldowns stay. {@link EventResult#UNKNOWN} if routing never had it,
     * {@link EventResult#IGNORED} if it was resolved meanwhile.
     */
    public EventResult refresh(TicketAttributes attributes) {
        requireNonNull(attributes, "attributes");
        try {
            return refreshOnce(attributes);
        } catch (RoutingConflictException c) {
            replica.resync(c); // another node changed the ticket meanwhile: apply to what it left
            return refreshOnce(attributes);
        }
    }

    private EventResult refreshOnce(TicketAttributes attributes) {
        RoutedTicket t = st.tickets.get(attributes.ticketId());
        if (t == null) {
            return st.resolutions.containsKey(attributes.ticketId()) ? EventResult.IGNORED : EventResult.UNKNOWN;
        }
        if (!t.brand().equals(attributes.brand())) {
            throw new IllegalArgumentException("brand: the ticket belongs to another brand");
        }
        synchronized (t) {
            if (t.closed()) {
                return EventResult.IGNORED;
            }
            TicketAttributes before = t.attrs;
            // the index files tickets by their attributes: out under the old ones, back in under the new
            boolean indexed = t.claim() == null;
            if (indexed) {
                st.index.remove(t);
            }
            t.attributes(attributes);
            try {
                st.apply(new StoreBatch().ticket(t));
            } catch (RuntimeException storeDown) {
                t.attributes(before);
                throw storeDown;
            } finally {
                if (indexed) {
                    st.index.add(t);
                }
            }
        }
        return EventResult.APPLIED;
    }

    /** Takes a ticket out of routing without pay (the CRM closed or took it back). */
    public EventResult withdraw(String ticketId) {
        return close(ticketId, null);
    }

    /** The CRM resolved the ticket; an accepted resolution of a claimed ticket writes a ledger earning. */
    public EventResult resolved(String ticketId, Outcome outcome) {
        return close(ticketId, requireNonNull(outcome, "outcome"));
    }

    private EventResult close(String ticketId, Outcome outcome) {
        try {
            return closeOnce(ticketId, outcome);
        } catch (RoutingConflictException c) {
            replica.resync(c); // claimed, released or closed on another node meanwhile
            return closeOnce(ticketId, outcome);
        }
    }

    private EventResult closeOnce(String ticketId, Outcome outcome) {
        RoutedTicket t = st.tickets.get(ticketId);
        if (t == null) {
            return st.resolutions.containsKey(ticketId) ? EventResult.IGNORED : EventResult.UNKNOWN;
        }
        Instant now = st.clock.instant();
        synchronized (t) {
            if (t.closed()) {
                return EventResult.IGNORED;
            }
            Claim c = t.claim();
            PushOffer o = t.offer();
            t.close();
            st.index.remove(t);
            st.tickets.remove(ticketId, t);
            StoreBatch batch = new StoreBatch().removeTicket(t);
            String holder = c != null ? c.expertId() : o != null ? o.expertId() : null;
            if (c != null && outcome != null) {
                LedgerEntry earning = outcome == Outcome.ACCEPTED ? st.ledger.earn(c, now) : null;
                if (earning != null) {
                    batch.appendLedger(earning);
                }
                ResolutionRecord r = new ResolutionRecord(t.attrs, c.expertId(), now, earning == null ? 0 : earning.seq());
                st.resolutions.put(ticketId, r);
                batch.putResolution(r);
            }
            if (o != null) {
                st.removePending(o.expertId(), ticketId);
            }
            Expert e = holder == null ? null : st.registry.get(holder);
            if (e == null) {
                st.apply(batch);
                return EventResult.APPLIED;
            }
            synchronized (e) {
                e.freeSlot();
                if (c != null && outcome != null) {
                    e.countResolution();
                }
                st.apply(batch.putExpert(e.record()));
            }
        }
        return EventResult.APPLIED;
    }

    /**
     * The CRM reopened a resolved ticket: it returns to the pool, and if it was paid and is
     * still within the brand's reopen window, the earning is clawed back.
     */
    public EventResult reopened(String ticketId) {
        ResolutionRecord r = st.resolutions.get(ticketId);
        if (r == null) {
            return st.tickets.containsKey(ticketId) ? EventResult.IGNORED : EventResult.UNKNOWN;
        }
        if (!st.resolutions.remove(ticketId, r)) {
            return EventResult.IGNORED;
        }
        Instant now = st.clock.instant();
        RoutingSettings s = st.settings(r.attributes().brand());
        StoreBatch batch = new StoreBatch().removeResolution(ticketId);
        if (r.earningSeq() > 0 && s != null && !now.isAfter(r.resolvedAt().plus(s.reopenWindow()))) {
            LedgerEntry clawback = st.ledger.clawBack(r.earningSeq(), now);
            if (clawback != null) {
                batch.appendLedger(clawback);
            }
        }
        RoutedTicket t = new RoutedTicket(r.attributes(), st.seq.incrementAndGet(), now);
        if (s == null || st.tickets.putIfAbsent(ticketId, t) != null) {
            st.apply(batch);
            return EventResult.APPLIED;
        }
        synchronized (t) {
            st.index.add(t);
            try {
                st.apply(batch.ticket(t));
            } catch (RoutingConflictException c) {
                replica.resync(c); // reopened on another node first
                return EventResult.IGNORED;
            }
        }
        push.dispatch(t, now);
        return EventResult.APPLIED;
    }

    /** A customer satisfaction score (0 to 100) for a ticket; {@code excluded} marks one the expert could not control. */
    public EventResult csat(String ticketId, int score, boolean excluded) {
        return reputation.csat(ticketId, score, excluded);
    }

    /** The brand marks an earlier rating as outside the expert's control; it leaves the window. */
    public EventResult excludeRating(String ticketId) {
        return reputation.excludeRating(ticketId);
    }

    /** A QA review score (0 to 100) for a ticket. */
    public EventResult qa(String ticketId, int score) {
        return reputation.qa(ticketId, score);
    }

    // Experts' actions

    /** The offers the expert may take now: pending push offers, then claimable tickets by priority and age. */
    public List<Offer> offers(String expertId, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: 1 to " + MAX_PAGE + ")");
        }
        Expert e = st.registry.get(expertId);
        return e == null ? List.of() : lister.list(e, limit, st.clock.instant());
    }

    /** Claims a ticket (or accepts a push offer); exactly one of any number of concurrent claimers wins. */
    public ClaimResult claim(String expertId, String ticketId) {
        try {
            return claims.claim(expertId, ticketId);
        } catch (RoutingConflictException c) {
            replica.resync(c); // the database gave the ticket (or the expert's last slot) to another node's claim
            return c.capacity() ? ClaimResult.notEligible(dev.veil.gateway.routing.model.Rule.CAPACITY)
                    : ClaimResult.failed(ClaimResult.Status.TAKEN);
        }
    }

    /** The expert's first reply: the claim no longer lapses. */
    public EventResult reply(String expertId, String ticketId) {
        try {
            return claims.reply(expertId, ticketId);
        } catch (RoutingConflictException c) {
            replica.resync(c); // the claim lapsed or was released on another node
            return EventResult.IGNORED;
        }
    }

    /** Gives a claimed ticket back to the pool at once. */
    public EventResult release(String expertId, String ticketId) {
        try {
            return claims.release(expertId, ticketId, t -> push.dispatch(t, st.clock.instant()));
        } catch (RoutingConflictException c) {
            replica.resync(c);
            return EventResult.IGNORED;
        }
    }

    /** Turns down a push offer; the next expert is tried at once. */
    public EventResult reject(String expertId, String ticketId) {
        return push.reject(expertId, ticketId);
    }

    // Time

    /**
     * Runs due time-driven work: lapsed claims and push offers, push dispatch of waiting
     * tickets, forgetting old resolutions, and the store's housekeeping.
     */
    public TickReport tick() {
        Instant now = st.clock.instant();
        // a claim or offer made on a node that died is due here too: read it, so its deadline fires on this node
        for (String id : st.store.due(now, 1000)) {
            replica.ticket(id);
        }
        int claimsExpired = claims.expireDue(now, t -> push.dispatch(t, now));
        int offersExpired = push.expireDue(now);
        int offersMade = push.dispatchWaiting(now);
        int pruned = pruneResolutions(now);
        st.store.maintain();
        return new TickReport(claimsExpired, offersExpired, offersMade, pruned);
    }

    private int pruneResolutions(Instant now) {
        Instant cutoff = now.minus(st.config().resolvedRetention());
        List<ResolutionRecord> old = new ArrayList<>();
        for (ResolutionRecord r : st.resolutions.values()) {
            if (r.resolvedAt().isBefore(cutoff)) {
                old.add(r);
            }
        }
        int pruned = 0;
        for (ResolutionRecord r : old) {
            if (st.resolutions.remove(r.attributes().ticketId(), r)) {
                st.apply(new StoreBatch().removeResolution(r.attributes().ticketId()));
                pruned++;
            }
        }
        return pruned;
    }

    // Admin

    /** Every eligibility rule for one ticket and one expert, passed or failed, with details; empty if either is unknown. */
    public Optional<List<RuleResult>> explain(String ticketId, String expertId) {
        RoutedTicket t = st.tickets.get(ticketId);
        Expert e = st.registry.get(expertId);
        if (t == null || e == null) {
            return Optional.empty();
        }
        return Optional.of(Eligibility.explain(e, t, st.settings(t.brand()), st.clock.instant()));
    }

    /** Queue statistics of one brand: a {@code *} row, then one row per required skill; empty if not configured. */
    public List<QueueStat> queueStats(String brand) {
        RoutingSettings s = st.settings(brand);
        return s == null ? List.of() : stats.brand(brand, s, st.clock.instant());
    }

    /** Queue statistics of every configured brand. */
    public List<QueueStat> queueStats() {
        List<QueueStat> out = new ArrayList<>();
        Instant now = st.clock.instant();
        for (Map.Entry<String, RoutingSettings> b : new java.util.TreeMap<>(st.config().brands()).entrySet()) {
            out.addAll(stats.brand(b.getKey(), b.getValue(), now));
        }
        return out;
    }

    /** The stored form of a ticket in the pool (claim, push offer, cooldowns), if it is there. */
    public Optional<TicketRecord> ticket(String ticketId) {
        RoutedTicket t = st.tickets.get(ticketId);
        return t == null ? Optional.empty() : Optional.of(t.record());
    }

    /** The pay ledger, for balances and CSV or JSON export. */
    public PayLedger ledger() {
        return st.ledger;
    }

    /** Closes the store. */
    @Override
    public void close() {
        st.store.close();
    }
}
