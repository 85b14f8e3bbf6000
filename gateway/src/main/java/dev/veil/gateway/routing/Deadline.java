package dev.veil.gateway.routing;

import java.util.Comparator;

/** When a claim or push offer of one ticket to one expert lapses; stale entries are skipped when due. */
record Deadline(long millis, String ticketId, String expertId) {

    static final Comparator<Deadline> ORDER = Comparator.comparingLong(Deadline::millis)
            .thenComparing(Deadline::ticketId).thenComparing(Deadline::expertId);
}
