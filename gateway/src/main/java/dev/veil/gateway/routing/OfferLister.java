package dev.veil.gateway.routing;

import dev.veil.gateway.routing.config.RoutingMode;
import dev.veil.gateway.routing.config.RoutingSettings;
import dev.veil.gateway.routing.model.ExpertProfile;
import dev.veil.gateway.routing.model.Offer;
import dev.veil.gateway.routing.model.PushOffer;
import dev.veil.gateway.routing.model.TicketAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Lists the offers one expert may see: pending push offers first, then open claim-mode tickets
 * by priority and age. Visits only the expert's brands, languages and buckets whose required
 * skills the expert has, merges them in rank order and stops at the page size (or after
 * {@link #MAX_SCAN} candidates).
 */
final class OfferLister {

    /** Most candidate tickets one listing examines, bounding its cost when few candidates qualify. */
    static final int MAX_SCAN = 4_000;

    private final RoutingState st;

    OfferLister(RoutingState st) {
        this.st = st;
    }

    List<Offer> list(Expert e, int limit, Instant now) {
        List<Offer> out = new ArrayList<>(Math.min(limit, 32));
        addPushOffers(e, limit, now, out);
        if (out.size() >= limit || !e.online() || e.suspended()) {
            return out;
        }
        ExpertProfile p = e.profile();
        PriorityQueue<Cursor> heap = new PriorityQueue<>(Cursor.BY_RANK);
        for (String brand : p.certifications().keySet()) {
            RoutingSettings s = st.settings(brand);
            if (s == null || s.mode() == RoutingMode.PUSH || !Eligibility.admissible(e, p, brand, s, now)) {
                continue;
            }
            int bps = st.surge.quoteBps(brand, s, now);
            for (String language : p.languages()) {
                OfferIndex.Shelf shelf = st.index.shelf(brand, language);
                if (shelf == null) {
                    continue;
                }
                for (OfferIndex.Bucket b : shelf.buckets()) {
                    if (b.size() > 0 && p.skills().keySet().containsAll(b.required)) {
                        Cursor c = new Cursor(b, s, bps);
                        if (c.advance()) {
                            heap.add(c);
                        }
                    }
                }
            }
        }
        int budget = MAX_SCAN;
        while (out.size() < limit && !heap.isEmpty() && budget-- > 0) {
            Cursor c = heap.poll();
            RoutedTicket t = c.head;
            // Buckets match on skill names; levels, widening, cooldowns and the rest are checked here.
            if (t.open() && Eligibility.eligible(e, t, c.settings, now)) {
                out.add(offer(t, c.settings, c.surgeBps, null));
            }
            if (c.advance()) {
                heap.add(c);
            }
        }
        return out;
    }

    private void addPushOffers(Expert e, int limit, Instant now, List<Offer> out) {
        if (st.pendingFor(e.id).isEmpty()) {
            return;
        }
        List<Offer> mine = new ArrayList<>();
        for (String ticketId : st.pendingFor(e.id)) {
            RoutedTicket t = st.tickets.get(ticketId);
            if (t == null) {
                continue;
            }
            PushOffer o = t.offer();
            RoutingSettings s = st.settings(t.brand());
            if (o != null && o.expertId().equals(e.id) && now.isBefore(o.expiresAt())
                    && Eligibility.eligible(e, t, s, now)) {
                mine.add(offer(t, s, o.surgeBps(), o.expiresAt()));
            }
        }
        mine.sort(Comparator.comparing(Offer::respondBy).thenComparing(Offer::ticketId));
        for (int i = 0; i < mine.size() && out.size() < limit; i++) {
            out.add(mine.get(i));
        }
    }

    static Offer offer(RoutedTicket t, RoutingSettings s, int surgeBps, Instant respondBy) {
        TicketAttributes a = t.attrs;
        return new Offer(a.ticketId(), a.brand(), a.language(), a.channel(), a.priority(), t.enqueuedAt(),
                surgeBps, SurgePricing.amountMinor(s.basePayMinor(), surgeBps), s.currency().getCurrencyCode(),
                s.claimTtl(), respondBy);
    }
}
