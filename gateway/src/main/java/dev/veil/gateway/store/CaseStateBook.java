package dev.veil.gateway.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The in-memory part of the single-node {@link CaseStates}: each record's latest stamp and when it
 * was recorded, with an optional write-through (to a file) run before memory changes.
 */
final class CaseStateBook {

    /** A record's latest stamp and when it was recorded. */
    record Entry(Instant stamp, Instant recordedAt) {}

    private final Clock clock;
    private final BiConsumer<String, Entry> persist;
    private final Consumer<List<String>> forget;
    private final Map<String, Entry> entries = new HashMap<>();

    CaseStateBook(Clock clock, BiConsumer<String, Entry> persist, Consumer<List<String>> forget) {
        this.clock = clock;
        this.persist = persist;
        this.forget = forget;
    }

    synchronized void load(String key, Entry entry) {
        entries.put(key, entry);
    }

    synchronized boolean advance(String brand, String record, Instant stamp) {
        CaseStates.check(brand, record, stamp);
        String key = brand + '\n' + record;
        Entry seen = entries.get(key);
        if (seen != null && seen.stamp().isAfter(stamp)) {
            return false;
        }
        Entry next = new Entry(stamp, clock.instant());
        persist.accept(key, next);
        entries.put(key, next);
        return true;
    }

    synchronized int prune() {
        Instant oldest = clock.instant().minus(CaseStates.RETENTION);
        List<String> old = new ArrayList<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (!e.getValue().recordedAt().isAfter(oldest)) {
                old.add(e.getKey());
            }
        }
        if (!old.isEmpty()) {
            forget.accept(old);
            old.forEach(entries::remove);
        }
        return old.size();
    }
}
