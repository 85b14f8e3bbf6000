package dev.veil.gateway.routing;

import dev.veil.gateway.routing.config.RoutingMode;
import dev.veil.gateway.routing.config.RoutingSettings;
import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.model.ExpertProfile;
import dev.veil.gateway.routing.model.PushOffer;
import dev.veil.gateway.routing.model.TicketAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Push mode: offers each ticket to the best eligible expert (best skill match, then longest
 * idle, with a share of offers reserved for experts still building a record), and moves on to
 * the next expert when one rejects or lets the offer time out.
 */
final class PushDispatcher {

    /** Most waiting tickets one brand gets dispatch attempts for per tick, bounding a tick's work. */
    static final int DISPATCH_BUDGET = 1_000;

    private static final Comparator<Ranked> BEST_FIRST = Comparator.<Ranked>comparingInt(r -> -r.match)
            .thenComparing(Ranked::lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(r -> r.expert.id);

    /** An eligible expert with the ranking inputs read once, so concurrent claims cannot upset a sort. */
    private record Ranked(Expert expert, int match, boolean isNew, Instant lastAssignedAt) {
    }

    /** Of offers where a new expert was eligible: how many there were, and how many went to one. */
    private static final class Share {
        long total;
        long toNew;
    }

    private final RoutingState st;
    private final ConcurrentSkipListSet<Deadline> deadlines = new ConcurrentSkipListSet<>(Deadline.ORDER);
    private final Map<String, Share> shares = new ConcurrentHashMap<>();

    PushDispatcher(RoutingState st) {
        this.st = st;
    }

    /** Re-arms an offer found in the store. */
    void restore(PushOffer o) {
        deadlines.add(new Deadline(o.expiresAt().toEpochMilli(), o.ticketId(), o.expertId()));
        st.addPending(o.expertId(), o.ticketId());
    }

    /** Offers an open push-mode ticket to the best eligible expert; false if none could take it. */
    boolean dispatch(RoutedTicket t, Instant now) {
        RoutingSettings s = st.settings(t.brand());
        if (s == null || s.mode() != RoutingMode.PUSH || !t.open()) {
            return false;
        }
        return dispatch(t, s, now, st.registry.forBrand(t.brand()));
    }

    private boolean dispatch(RoutedTicket t, RoutingSettings s, Instant now, Collection<Expert> candidates) {
        List<Ranked> eligible = new ArrayList<>();
        boolean anyNew = false;
        for (Expert e : candidates) {
            if (Eligibility.eligible(e, t, s, now)) {
                boolean isNew = e.rating().count() < Math.max(1, s.minRatings());
                anyNew |= isNew;
                eligible.add(new Ranked(e, match(e.profile(), t.attrs), isNew, e.lastAssignedAt()));
            }
        }
        if (eligible.isEmpty()) {
            return false;
        }
        eligible.sort(BEST_FIRST);
        Share share = shares.computeIfAbsent(t.brand(), k -> new Share());
        if (anyNew && newExpertsFirst(share, s.newExpertSharePercent())) {
            List<Ranked> reordered = new ArrayList<>(eligible.size());
            eligible.stream().filter(Ranked::isNew).forEach(reordered::add);
            eligible.stream().filter(r -> !r.isNew()).forEach(reordered::add);
            eligible = reordered;
        }
        for (Ranked r : eligible) {
            switch (offer(t, r.expert, s, now)) {
                case OFFERED:
                    if (anyNew) {
                        synchronized (share) {
                            share.total++;
                            share.toNew += r.isNew ? 1 : 0;
                        }
                    }
                    return true;
                case TICKET_GONE:
                    return false;
                default:
                    break;
            }
        }
        return false;
    }

    private enum Attempt { OFFERED, TICKET_GONE, EXPERT_UNAVAILABLE }

    private Attempt offer(RoutedTicket t, Expert e, RoutingSettings s, Instant now) {
        try {
            return offerLocked(t, e, s, now);
        } catch (RoutingConflictException c) {
            st.conflict(c); // taken or offered on another node, or the expert is full there
            return c.capacity() ? Attempt.EXPERT_UNAVAILABLE : Attempt.TICKET_GONE;
        }
    }

    private Attempt offerLocked(RoutedTicket t, Expert e, RoutingSettings s, Instant now) {
        PushOffer o;
        synchronized (t) {
            if (!t.open()) {
                return Attempt.TICKET_GONE;
            }
            if (!Eligibility.eligible(e, t, s, now)) {
                return Attempt.EXPERT_UNAVAILABLE;
            }
            int bps = st.surge.quoteBps(t.brand(), s, now);
            synchronized (e) {
                if (!e.tryTakeSlot()) {
                    return Attempt.EXPERT_UNAVAILABLE;
                }
                o = new PushOffer(t.id(), e.id, now, now.plus(s.offerTimeout()), bps);
                t.offer(o);
                try {
                    st.apply(new StoreBatch().ticket(t));
                } catch (RuntimeException storeDown) {
                    t.clearOffer();
                    e.freeSlot();
                    throw storeDown;
                }
            }
            st.addPending(e.id, t.id());
            deadlines.add(new Deadline(o.expiresAt().toEpochMilli(), t.id(), e.id));
        }
        return Attempt.OFFERED;
    }

    private static boolean newExpertsFirst(Share share, int percent) {
        if (percent == 0) {
            return false;
        }
        synchronized (share) {
            return share.toNew * 100 < (long) percent * (share.total + 1);
        }
    }

    /** How many of the ticket's wanted skills (required and preferred) the expert has at the full wanted level. */
    static int match(ExpertProfile p, TicketAttributes a) {
        return count(p, a.requiredSkills()) + count(p, a.preferredSkills());
    }

    private static int count(ExpertProfile p, Map<String, Integer> wanted) {
        int n = 0;
        for (Map.Entry<String, Integer> w : wanted.entrySet()) {
            Integer have = p.skills().get(w.getKey());
            if (have != null && have >= w.getValue()) {
                n++;
            }
        }
        return n;
    }

    /** The expert turns the offer down; the next expert is tried at once. */
    EventResult reject(String expertId, String ticketId) {
        RoutedTicket t = st.tickets.get(ticketId);
        if (t == null) {
            return EventResult.UNKNOWN;
        }
        Instant now = st.clock.instant();
        if (!withdraw(t, expertId, now, false)) {
            return EventResult.IGNORED;
        }
        dispatch(t, now);
        return EventResult.APPLIED;
    }

    /** Withdraws every offer not answered by {@code now}, counting a timeout, and tries the next expert. */
    int expireDue(Instant now) {
        int expired = 0;
        long nowMillis = now.toEpochMilli();
        Deadline d;
        while ((d = Deadline.pollDue(deadlines, nowMillis)) != null) {
            RoutedTicket t = st.tickets.get(d.ticketId());
            if (t == null) {
                continue;
            }
            PushOffer o = t.offer();
            if (o != null && o.expiresAt().toEpochMilli() == d.millis() && withdraw(t, d.expertId(), now, true)) {
                expired++;
                dispatch(t, now);
            }
        }
        return expired;
    }

    private boolean withdraw(RoutedTicket t, String expertId, Instant now, boolean timedOut) {
        try {
            return withdrawLocked(t, expertId, now, timedOut);
        } catch (RoutingConflictException c) {
            st.conflict(c); // accepted, withdrawn or closed on another node first
            return false;
        }
    }

    private boolean withdrawLocked(RoutedTicket t, String expertId, Instant now, boolean timedOut) {
        synchronized (t) {
            PushOffer o = t.offer();
            if (o == null || !o.expertId().equals(expertId) || t.closed()) {
                return false;
            }
            RoutingSettings s = st.settings(t.brand());
            t.clearOffer();
            t.coolDown(expertId, now.plus(s == null ? Duration.ZERO : s.reofferCooldown()), now);
            st.removePending(expertId, t.id());
            StoreBatch batch = new StoreBatch().ticket(t);
            Expert e = st.registry.get(expertId);
            if (e == null) {
                st.apply(batch);
                return true;
            }
            synchronized (e) {
                e.freeSlot();
                if (timedOut) {
                    e.countTimeout();
                } else {
                    e.countRejection();
                }
                st.apply(batch.putExpert(e.record()));
            }
            return true;
        }
    }

    /**
     * Offers waiting push-mode tickets, most urgent first, while the brand has experts with free
     * slots; widening and experts coming back make earlier misses succeed here.
     */
    int dispatchWaiting(Instant now) {
        int made = 0;
        for (Map.Entry<String, RoutingSettings> b : st.config().brands().entrySet()) {
            RoutingSettings s = b.getValue();
            if (s.mode() != RoutingMode.PUSH || st.index.brand(b.getKey()).depth() == 0) {
                continue;
            }
            List<Expert> ready = new ArrayList<>();
            for (Expert e : st.registry.forBrand(b.getKey())) {
                if (Eligibility.admissible(e, e.profile(), b.getKey(), s, now)) {
                    ready.add(e);
                }
            }
            if (ready.isEmpty()) {
                continue;
            }
            PriorityQueue<Cursor> heap = new PriorityQueue<>(Cursor.BY_RANK);
            for (OfferIndex.Shelf shelf : st.index.brand(b.getKey()).shelves) {
                for (OfferIndex.Bucket bucket : shelf.buckets()) {
                    Cursor c = new Cursor(bucket, s, 0);
                    if (bucket.size() > 0 && c.advance()) {
                        heap.add(c);
                    }
                }
            }
            int budget = DISPATCH_BUDGET;
            while (!heap.isEmpty() && budget-- > 0) {
                Cursor c = heap.poll();
                RoutedTicket t = c.head;
                if (t.open() && dispatch(t, s, now, ready)) {
                    made++;
                    if (ready.stream().noneMatch(e -> e.slotsInUse() < e.profile().capacity())) {
                        break;
                    }
                }
                if (c.advance()) {
                    heap.add(c);
                }
            }
        }
        return made;
    }
}
