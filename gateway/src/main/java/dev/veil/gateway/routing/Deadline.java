package dev.veil.gateway.routing;

import java.util.Comparator;
import java.util.concurrent.ConcurrentSkipListSet;

/** When a claim or push offer of one ticket to one expert lapses; stale entries are skipped when due. */
record Deadline(long millis, String ticketId, String expertId) {

    static final Comparator<Deadline> ORDER = Comparator.comparingLong(Deadline::millis)
            .thenComparing(Deadline::ticketId).thenComparing(Deadline::expertId);

    /**
     * Takes the earliest of {@code deadlines} if it is due by {@code nowMillis}; otherwise leaves it
     * there and returns null. Taking before looking keeps two ticks from handling one deadline.
     */
    static Deadline pollDue(ConcurrentSkipListSet<Deadline> deadlines, long nowMillis) {
        Deadline d = deadlines.pollFirst();
        if (d != null && d.millis() > nowMillis) {
            deadlines.add(d);
            return null;
        }
        return d;
    }
}
