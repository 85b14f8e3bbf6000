package dev.veil.tokenizer.vault.hashicorp;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A small cache bounded in time and count: an entry is forgotten {@code ttl} after it was put, and
 * the least recently used one goes when {@code maxEntries} is reached. With {@code maxEntries} 0 or
 * a zero {@code ttl} it holds nothing. Thread-safe.
 */
final class ExpiringCache<K, V> {

    private record Entry<V>(V value, Instant expires) {}

    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final LinkedHashMap<K, Entry<V>> entries;

    ExpiringCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = requireNonNull(ttl, "ttl");
        this.maxEntries = maxEntries;
        this.clock = requireNonNull(clock, "clock");
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > ExpiringCache.this.maxEntries;
            }
        };
    }

    private boolean enabled() {
        return maxEntries > 0 && !ttl.isZero();
    }

    synchronized V get(K key) {
        if (!enabled()) {
            return null;
        }
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (!clock.instant().isBefore(entry.expires())) {
            entries.remove(key);
            return null;
        }
        return entry.value();
    }

    synchronized void put(K key, V value) {
        if (enabled()) {
            entries.put(key, new Entry<>(value, clock.instant().plus(ttl)));
        }
    }

    synchronized void removeIf(Predicate<K> which) {
        entries.keySet().removeIf(which);
    }

    synchronized int size() {
        return entries.size();
    }
}
