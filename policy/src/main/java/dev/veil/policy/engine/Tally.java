package dev.veil.policy.engine;

import java.util.Arrays;
import java.util.function.ObjIntConsumer;

/**
 * Counts by key, keys in the order first added, for what one text's scan reports (spans by rule,
 * by type, propagated values): a text holds a handful of keys, so a look along a short array by
 * {@code equals} is cheaper than the hash map per text it replaces. Not thread-safe.
 */
final class Tally<K> {

    private static final Object[] NO_KEYS = {};
    private static final int[] NO_COUNTS = {};

    // a text's scan makes three tallies and most stay empty (no value propagated, none fallen back): no arrays until the first add
    private Object[] keys = NO_KEYS;
    private int[] counts = NO_COUNTS;
    private int size;
    private int total;

    /** Counts one more under {@code key}. */
    void add(K key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                counts[i]++;
                total++;
                return;
            }
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, Math.max(4, size * 2));
            counts = Arrays.copyOf(counts, Math.max(4, size * 2));
        }
        keys[size] = key;
        counts[size++] = 1;
        total++;
    }

    /** All counted, under every key. */
    int total() {
        return total;
    }

    /** How many keys were counted. */
    int size() {
        return size;
    }

    /** The {@code i}-th key first added. */
    @SuppressWarnings("unchecked")
    K key(int i) {
        return (K) keys[i];
    }

    /** The count under the {@code i}-th key. */
    int count(int i) {
        return counts[i];
    }

    /** Each key with its count, in the order the keys were first added. */
    @SuppressWarnings("unchecked")
    void forEach(ObjIntConsumer<K> each) {
        for (int i = 0; i < size; i++) {
            each.accept((K) keys[i], counts[i]);
        }
    }
}
