package dev.veil.gateway.routing;

import dev.veil.gateway.routing.config.RoutingMode;
import dev.veil.gateway.routing.config.RoutingSettings;
import dev.veil.gateway.routing.model.Claim;
import dev.veil.gateway.routing.model.ClaimResult;
import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.model.PushOffer;
import dev.veil.gateway.routing.model.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Consumer;

/**
 * Claims: taking a ticket (one winner, never past an expert's capacity), replying, releasing,
 * and returning tickets whose claim lapsed without a reply. Each ticket is changed only under
 * its own monitor; there is no global lock.
 */
final class ClaimBook {

    private final RoutingState st;
    private final ConcurrentSkipListSet<Deadline> deadlines = new ConcurrentSkipListSet<>(Deadline.ORDER);

    ClaimBook(RoutingState st) {
        this.st = st;
    }

    /** Re-arms the deadline of a claim found in the store. */
    void restore(Claim c) {
        if (!c.replied()) {
            deadlines.add(new Deadline(c.deadline().toEpochMilli(), c.ticketId(), c.expertId()));
        }
    }

    ClaimResult claim(String expertId, String ticketId) {
        Expert e = st.registry.get(expertId);
        if (e == null) {
            return ClaimResult.failed(ClaimResult.Status.UNKNOWN_EXPERT);
        }
        RoutedTicket t = st.tickets.get(ticketId);
        if (t == null) {
            return ClaimResult.failed(ClaimResult.Status.UNKNOWN_TICKET);
        }
        Instant now = st.clock.instant();
        RoutingSettings s = st.settings(t.brand());
        Claim c;
        PushOffer o;
        synchronized (t) {
            if (t.closed()) {
                return ClaimResult.failed(ClaimResult.Status.UNKNOWN_TICKET);
            }
            o = t.offer();
            if (t.claim() != null || (o != null && !o.expertId().equals(e.id))) {
                return ClaimResult.failed(ClaimResult.Status.TAKEN);
            }
            if (o == null && s != null && s.mode() == RoutingMode.PUSH) {
                return ClaimResult.notEligible(Rule.AVAILABLE);
            }
            Rule failed = Eligibility.firstFailure(e, t, s, now);
            if (failed != null) {
                return ClaimResult.notEligible(failed);
            }
            int bps = o != null ? o.surgeBps() : st.surge.quoteBps(t.brand(), s, now);
            synchronized (e) {
                if (o == null && !e.tryTakeSlot()) {
                    return ClaimResult.notEligible(Rule.CAPACITY);
                }
                c = new Claim(t.id(), e.id, t.brand(), now, now.plus(s.claimTtl()), s.basePayMinor(),
                        s.currency().getCurrencyCode(), bps, false);
                t.claim(c);
                st.index.remove(t);
                e.countClaim(now);
                try {
                    st.apply(new StoreBatch().ticket(t).putExpert(e.record()));
                } catch (RuntimeException storeDown) {
                    // Fail closed: without a durable claim the expert does not get the ticket.
                    t.clearClaim();
                    if (o != null) {
                        t.offer(o);
                    } else {
                        e.freeSlot();
                    }
                    st.index.add(t);
                    throw storeDown;
                }
            }
            deadlines.add(new Deadline(c.deadline().toEpochMilli(), t.id(), e.id));
        }
        if (o != null) {
            st.removePending(e.id, t.id());
        }
        st.rates.record(t.attrs, now);
        return ClaimResult.claimed(c);
    }

    EventResult reply(String expertId, String ticketId) {
        RoutedTicket t = st.tickets.get(ticketId);
        if (t == null) {
            return EventResult.UNKNOWN;
        }
        synchronized (t) {
            Claim c = t.claim();
            if (c == null || !c.expertId().equals(expertId)) {
                return EventResult.IGNORED;
            }
            if (!c.replied()) {
                t.claim(c.withReply());
                st.apply(new StoreBatch().ticket(t));
            }
        }
        return EventResult.APPLIED;
    }

    /** Gives a claimed ticket back to the pool at once; {@code onReturn} sees it afterwards. */
    EventResult release(String expertId, String ticketId, Consumer<RoutedTicket> onReturn) {
        RoutedTicket t = st.tickets.get(ticketId);
        Expert e = st.registry.get(expertId);
        if (t == null || e == null) {
            return EventResult.UNKNOWN;
        }
        synchronized (t) {
            Claim c = t.claim();
            if (c == null || !c.expertId().equals(expertId) || t.closed()) {
                return EventResult.IGNORED;
            }
            t.clearClaim();
            st.index.add(t);
            synchronized (e) {
                e.freeSlot();
                e.countRelease();
                st.apply(new StoreBatch().ticket(t).putExpert(e.record()));
            }
        }
        onReturn.accept(t);
        return EventResult.APPLIED;
    }

    /** Returns every ticket whose claim lapsed without a reply by {@code now}; counts a timeout for each. */
    int expireDue(Instant now, Consumer<RoutedTicket> onReturn) {
        int expired = 0;
        long nowMillis = now.toEpochMilli();
        Deadline d;
        while ((d = Deadline.pollDue(deadlines, nowMillis)) != null) {
            RoutedTicket t = st.tickets.get(d.ticketId());
            if (t != null && expire(t, d, now)) {
                expired++;
                onReturn.accept(t);
            }
        }
        return expired;
    }

    private boolean expire(RoutedTicket t, Deadline d, Instant now) {
        try {
            return expireLocked(t, d, now);
        } catch (RoutingConflictException c) {
            st.conflict(c); // another node expired, released or closed it first
            return false;
        }
    }

    private boolean expireLocked(RoutedTicket t, Deadline d, Instant now) {
        synchronized (t) {
            Claim c = t.claim();
            if (c == null || c.replied() || t.closed() || !c.expertId().equals(d.expertId())
                    || c.deadline().toEpochMilli() != d.millis()) {
                return false;
            }
            RoutingSettings s = st.settings(t.brand());
            t.clearClaim();
            t.coolDown(c.expertId(), now.plus(s == null ? Duration.ZERO : s.reofferCooldown()), now);
            st.index.add(t);
            StoreBatch batch = new StoreBatch().ticket(t);
            Expert e = st.registry.get(c.expertId());
            if (e == null) {
                st.apply(batch);
                return true;
            }
            synchronized (e) {
                e.freeSlot();
                e.countTimeout();
                st.apply(batch.putExpert(e.record()));
            }
            return true;
        }
    }
}
