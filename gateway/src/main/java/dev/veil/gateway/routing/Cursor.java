package dev.veil.gateway.routing;

import dev.veil.gateway.routing.config.RoutingSettings;
import java.util.Comparator;
import java.util.Iterator;

/**
 * Walks one bucket oldest first up to a cutoff arrival time, exposing its head ticket's rank
 * (arrival time minus priority times the brand's priority weight) for a k-way merge.
 */
final class Cursor {

    /** Lowest rank first, i.e. the ticket that has effectively waited longest. */
    static final Comparator<Cursor> BY_RANK =
            Comparator.<Cursor>comparingLong(c -> c.rank).thenComparingLong(c -> c.head.seq);

    final OfferIndex.Bucket bucket;
    final RoutingSettings settings;
    final int surgeBps;
    private final Iterator<RoutedTicket> it;
    private final long cutoffMillis;
    private final long priorityOffset;
    RoutedTicket head;
    long rank;

    Cursor(OfferIndex.Bucket bucket, long cutoffMillis, RoutingSettings settings,
            int surgeBps) {
        this.bucket = bucket;
        this.settings = settings;
        this.surgeBps = surgeBps;
        this.it = bucket.tickets.iterator();
        this.cutoffMillis = cutoffMillis;
        this.priorityOffset = bucket.key.priority() * settings.priorityWeight().toMillis();
    }

    /** Moves to the next ticket that arrived at or before the cutoff; false when there is none. */
    boolean advance() {
        if (!it.hasNext()) {
            head = null;
            return false;
        }
        RoutedTicket next = it.next();
        if (next.enqueuedMillis > cutoffMillis) {
            head = null;
            return false;
        }
        head = next;
        rank = next.enqueuedMillis - priorityOffset;
        return true;
    }
}
