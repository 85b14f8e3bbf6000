package dev.veil.gateway.routing;

import dev.veil.gateway.routing.model.TicketAttributes;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * Open and push-offered tickets, indexed so that listing an expert's offers visits only
 * candidate buckets. A shelf per (brand, language) holds one bucket per set of required skill
 * names; a bucket keeps its tickets in rank order (arrival time minus priority times the
 * brand's priority weight), so merging buckets yields tickets by priority and age.
 */
final class OfferIndex {

    // written out rather than chained (comparingLong(...).thenComparingLong(...)): a bucket compares
    // about log2(open tickets) times per insert, and the chain's lambdas were 2 % of intake's CPU

    /** Lowest rank (effectively longest waiting) first; sequence numbers break ties. */
    static final Comparator<RoutedTicket> BY_RANK = (a, b) -> {
        int byRank = Long.compare(a.rank(), b.rank());
        return byRank != 0 ? byRank : Long.compare(a.seq, b.seq);
    };
    /** Oldest arrival first; sequence numbers break ties. */
    static final Comparator<RoutedTicket> BY_AGE = (a, b) -> {
        int byAge = Long.compare(a.enqueuedMillis, b.enqueuedMillis);
        return byAge != 0 ? byAge : Long.compare(a.seq, b.seq);
    };

    record ShelfKey(String brand, String language) {
    }

    /** Tickets of one brand and language needing the same set of skills, in rank order. */
    static final class Bucket {
        final Set<String> required;
        final ConcurrentSkipListSet<RoutedTicket> tickets = new ConcurrentSkipListSet<>(BY_RANK);
        private final AtomicInteger size = new AtomicInteger();

        Bucket(Set<String> required) {
            this.required = required;
        }

        int size() {
            return size.get();
        }
    }

    /** The buckets of one brand and language. */
    static final class Shelf {
        private final Map<Set<String>, Bucket> byKey = new ConcurrentHashMap<>();
        private volatile Bucket[] buckets = new Bucket[0];

        Bucket[] buckets() {
            return buckets;
        }

        private Bucket bucket(Set<String> required) {
            Bucket b = byKey.get(required);
            return b != null ? b : create(required);
        }

        private synchronized Bucket create(Set<String> required) {
            Bucket b = byKey.get(required);
            if (b == null) {
                b = new Bucket(required);
                Bucket[] next = Arrays.copyOf(buckets, buckets.length + 1);
                next[buckets.length] = b;
                byKey.put(required, b);
                buckets = next;
            }
            return b;
        }
    }

    /** One brand's queue: all its waiting tickets oldest first, and its shelves. */
    static final class BrandQueue {
        final ConcurrentSkipListSet<RoutedTicket> byAge = new ConcurrentSkipListSet<>(BY_AGE);
        final CopyOnWriteArrayList<Shelf> shelves = new CopyOnWriteArrayList<>();
        private final AtomicInteger depth = new AtomicInteger();

        int depth() {
            return depth.get();
        }

        /** The oldest waiting ticket's arrival in epoch millis, or -1 when none waits. */
        long oldestMillis() {
            for (RoutedTicket t : byAge) {
                return t.enqueuedMillis;
            }
            return -1;
        }
    }

    private final Map<ShelfKey, Shelf> shelves = new ConcurrentHashMap<>();
    private final Map<String, BrandQueue> brands = new ConcurrentHashMap<>();
    private final ToLongFunction<String> priorityWeightMillis;

    /** {@code priorityWeightMillis} gives each brand's current priority weight. */
    OfferIndex(ToLongFunction<String> priorityWeightMillis) {
        this.priorityWeightMillis = priorityWeightMillis;
    }

    /** Adds a ticket, ranking it by the brand's current weight; adding one already present changes nothing. */
    void add(RoutedTicket t) {
        TicketAttributes a = t.attrs;
        BrandQueue q = brand(a.brand());
        Bucket b = bucketOf(t, q);
        if (!b.tickets.contains(t)) {
            t.rank(t.enqueuedMillis - a.priority() * priorityWeightMillis.applyAsLong(a.brand()));
        }
        if (b.tickets.add(t)) {
            b.size.incrementAndGet();
        }
        if (q.byAge.add(t)) {
            q.depth.incrementAndGet();
        }
    }

    /** Removes a ticket; removing one not present changes nothing. */
    void remove(RoutedTicket t) {
        TicketAttributes a = t.attrs;
        Shelf shelf = shelves.get(new ShelfKey(a.brand(), a.language()));
        if (shelf != null) {
            Bucket b = shelf.byKey.get(a.requiredSkills().keySet());
            if (b != null && b.tickets.remove(t)) {
                b.size.decrementAndGet();
            }
        }
        BrandQueue q = brands.get(a.brand());
        if (q != null && q.byAge.remove(t)) {
            q.depth.decrementAndGet();
        }
    }

    /** Ranks a brand's waiting tickets again, after its priority weight changed. */
    void rerank(String brand) {
        BrandQueue q = brands.get(brand);
        if (q == null) {
            return;
        }
        for (RoutedTicket t : q.byAge) {
            synchronized (t) {
                Bucket b = bucketOf(t, q);
                if (b.tickets.remove(t)) {
                    t.rank(t.enqueuedMillis - t.attrs.priority() * priorityWeightMillis.applyAsLong(brand));
                    b.tickets.add(t);
                }
            }
        }
    }

    /** The shelf of a brand and language, or {@code null}. */
    Shelf shelf(String brand, String language) {
        return shelves.get(new ShelfKey(brand, language));
    }

    BrandQueue brand(String brand) {
        BrandQueue q = brands.get(brand);
        return q != null ? q : brands.computeIfAbsent(brand, k -> new BrandQueue());
    }

    private Bucket bucketOf(RoutedTicket t, BrandQueue q) {
        TicketAttributes a = t.attrs;
        Shelf shelf = shelves.get(new ShelfKey(a.brand(), a.language()));
        if (shelf == null) {
            shelf = shelves.computeIfAbsent(new ShelfKey(a.brand(), a.language()), k -> {
                Shelf created = new Shelf();
                q.shelves.add(created);
                return created;
            });
        }
        return shelf.bucket(a.requiredSkills().keySet());
    }
}
