package dev.veil.gateway.routing;

import dev.veil.gateway.routing.model.Claim;
import dev.veil.gateway.routing.model.PushOffer;
import dev.veil.gateway.routing.model.TicketAttributes;
import dev.veil.gateway.routing.model.TicketRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One ticket in the pool with its live state. State is read without locking on the offer
 * path and changed only under this object's monitor, so each ticket has one owner at a time.
 */
final class RoutedTicket {

    /** Replaced only under this ticket's monitor, while the ticket is out of the offer index. */
    volatile TicketAttributes attrs;
    final long seq;
    // when the ticket came in, as two numbers rather than an Instant: every ticket in the pool keeps
    // them, and one object fewer per ticket is less for the collector to copy. The milliseconds
    // order the offer index; the nanoseconds within the millisecond make the Instant read back whole.
    final long enqueuedMillis;
    private final int enqueuedNanoOfMilli;
    private volatile Claim claim;
    private volatile PushOffer offer;
    private volatile boolean closed;
    private volatile Map<String, Instant> cooldowns = Map.of();
    private volatile long rank;
    /** What this node last wrote to or read from the store for this ticket; {@link StoreBatch.Expectation#NONE} before the first write. */
    private volatile StoreBatch.Expectation basis = StoreBatch.Expectation.NONE;

    RoutedTicket(TicketAttributes attrs, long seq, Instant enqueuedAt) {
        this.attrs = attrs;
        this.seq = seq;
        this.enqueuedMillis = enqueuedAt.toEpochMilli();
        this.enqueuedNanoOfMilli = enqueuedAt.getNano() % 1_000_000;
    }

    static RoutedTicket restore(TicketRecord r) {
        RoutedTicket t = new RoutedTicket(r.attributes(), r.seq(), r.enqueuedAt());
        t.claim = r.claim();
        t.offer = r.offer();
        t.cooldowns = Map.copyOf(r.cooldowns());
        t.basis = StoreBatch.Expectation.stored(r.claim(), r.offer());
        return t;
    }

    /** What the store held when this node last wrote or read the ticket. */
    StoreBatch.Expectation basis() { return basis; }

    /** The store now holds this ticket as it is in memory. Callers hold this ticket's monitor. */
    void markStored() { basis = StoreBatch.Expectation.stored(claim, offer); }

    /** Takes over the stored state read from a shared store. Callers hold this ticket's monitor. */
    void replace(TicketRecord r) {
        attrs = r.attributes();
        claim = r.claim();
        offer = r.offer();
        cooldowns = Map.copyOf(r.cooldowns());
        basis = StoreBatch.Expectation.stored(r.claim(), r.offer());
    }

    Instant enqueuedAt() {
        return Instant.ofEpochMilli(enqueuedMillis).plusNanos(enqueuedNanoOfMilli);
    }

    String id() { return attrs.ticketId(); }
    long rank() { return rank; }
    /** Set by the index while the ticket is out of every bucket. */
    void rank(long r) { rank = r; }
    String brand() { return attrs.brand(); }
    Claim claim() { return claim; }
    PushOffer offer() { return offer; }
    boolean closed() { return closed; }

    /** Open in the pool: not claimed, not offered to anyone, not closed. */
    boolean open() {
        return claim == null && offer == null && !closed;
    }

    /** Whether the expert is barred from this ticket at {@code now} after a timeout or rejection. */
    boolean coolingDown(String expertId, Instant now) {
        Map<String, Instant> c = cooldowns;
        if (c.isEmpty()) {
            return false;
        }
        Instant until = c.get(expertId);
        return until != null && now.isBefore(until);
    }

    Instant cooldownUntil(String expertId) {
        return cooldowns.get(expertId);
    }

    // Mutators: callers hold this ticket's monitor.

    void claim(Claim c) { claim = c; offer = null; }
    void clearClaim() { claim = null; }
    void offer(PushOffer o) { offer = o; }
    void clearOffer() { offer = null; }
    void close() { closed = true; }
    void attributes(TicketAttributes a) { attrs = a; }

    void coolDown(String expertId, Instant until, Instant now) {
        Map<String, Instant> next = new HashMap<>();
        cooldowns.forEach((e, u) -> {
            if (u.isAfter(now)) {
                next.put(e, u);
            }
        });
        if (until.isAfter(now)) {
            next.put(expertId, until);
        }
        cooldowns = Map.copyOf(next);
    }

    TicketRecord record() {
        return new TicketRecord(attrs, seq, enqueuedAt(), claim, offer, cooldowns);
    }
}
