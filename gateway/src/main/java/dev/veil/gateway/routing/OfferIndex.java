package dev.veil.gateway.routing;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open and push-offered tickets, indexed so that listing an expert's offers visits only
 * candidate buckets. A shelf per (brand, language) holds one bucket per distinct requirement
 * set and priority; a bucket keeps its tickets oldest first, so the tickets an expert may see
 * after widening are always a prefix of it.
 */
final class OfferIndex {

    /** Oldest first; sequence numbers break ties. */
    static final Comparator<RoutedTicket> BY_AGE =
            Comparator.<RoutedTicket>comparingLong(t -> t.enqueuedMillis).thenComparingLong(t -> t.seq);

    record ShelfKey(String brand, String language) {
    }

    record BucketKey(Map<String, Integer> required, Map<String, Integer> preferred, int priority) {
    }

    /** Tickets sharing brand, language, requirements and priority, oldest first. */
    static final class Bucket {
        final String brand;
        final BucketKey key;
        final ConcurrentSkipListSet<RoutedTicket> tickets = new ConcurrentSkipListSet<>(BY_AGE);
        private final AtomicInteger size = new AtomicInteger();

        Bucket(String brand, BucketKey key) {
            this.brand = brand;
            this.key = key;
        }

        int size() {
            return size.get();
        }
    }

    /** The buckets of one brand and language. */
    static final class Shelf {
        private final Map<BucketKey, Bucket> byKey = new ConcurrentHashMap<>();
        private volatile Bucket[] buckets = new Bucket[0];

        Bucket[] buckets() {
            return buckets;
        }

        private Bucket bucket(String brand, BucketKey key) {
            Bucket b = byKey.get(key);
            return b != null ? b : create(brand, key);
        }

        private synchronized Bucket create(String brand, BucketKey key) {
            Bucket b = byKey.get(key);
            if (b == null) {
                b = new Bucket(brand, key);
                Bucket[] next = java.util.Arrays.copyOf(buckets, buckets.length + 1);
                next[buckets.length] = b;
                byKey.put(key, b);
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
            while (true) {
                try {
                    return byAge.isEmpty() ? -1 : byAge.first().enqueuedMillis;
                } catch (java.util.NoSuchElementException raced) {
                    // emptied between the two calls; look again
                }
            }
        }
    }

    private final Map<ShelfKey, Shelf> shelves = new ConcurrentHashMap<>();
    private final Map<String, BrandQueue> brands = new ConcurrentHashMap<>();

    /** Adds a ticket; adding one already present changes nothing. */
    void add(RoutedTicket t) {
        TicketAttributes a = t.attrs;
        BrandQueue q = brand(a.brand());
        Shelf shelf = shelves.get(new ShelfKey(a.brand(), a.language()));
        if (shelf == null) {
            shelf = shelves.computeIfAbsent(new ShelfKey(a.brand(), a.language()), k -> {
                Shelf created = new Shelf();
                q.shelves.add(created);
                return created;
            });
        }
        Bucket b = shelf.bucket(a.brand(), new BucketKey(a.requiredSkills(), a.preferredSkills(), a.priority()));
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
            Bucket b = shelf.byKey.get(new BucketKey(a.requiredSkills(), a.preferredSkills(), a.priority()));
            if (b != null && b.tickets.remove(t)) {
                b.size.decrementAndGet();
            }
        }
        BrandQueue q = brands.get(a.brand());
        if (q != null && q.byAge.remove(t)) {
            q.depth.decrementAndGet();
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

    Set<String> brands() {
        return brands.keySet();
    }
}
