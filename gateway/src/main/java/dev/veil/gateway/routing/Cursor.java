package dev.veil.gateway.routing;

import dev.veil.gateway.routing.config.RoutingSettings;
import java.util.Comparator;
import java.util.Iterator;

/** Walks one bucket in rank order, exposing its head ticket for a k-way merge across buckets. */
final class Cursor {

    /** Lowest rank first, i.e. the ticket that has effectively waited longest. */
    static final Comparator<Cursor> BY_RANK =
            Comparator.<Cursor>comparingLong(c -> c.rank).thenComparingLong(c -> c.head.seq);

    final RoutingSettings settings;
    final int surgeBps;
    private final Iterator<RoutedTicket> it;
    RoutedTicket head;
    long rank;

    Cursor(OfferIndex.Bucket bucket, RoutingSettings settings, int surgeBps) {
        this.settings = settings;
        this.surgeBps = surgeBps;
        this.it = bucket.tickets.iterator();
    }

    /** Moves to the next ticket; false when the bucket is exhausted. */
    boolean advance() {
        if (!it.hasNext()) {
            head = null;
            return false;
        }
        head = it.next();
        rank = head.rank();
        return true;
    }
}
