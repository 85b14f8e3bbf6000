package dev.veil.policy.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A map by text for what one call found in its document's texts, most of which occur once: a
 * long text is filed under a hash of its length and a sample of its characters, so a text met
 * once is never hashed whole ({@link String#hashCode} reads every character: about 3 % of a call
 * on a 1 MiB ticket of distinct comments, where it hashed each text to find nothing). Equal texts
 * have equal samples, so a text that recurs is always found. Texts whose samples agree but which
 * differ go to a {@link HashMap} by their whole hash: no input makes a look-up cost more than
 * that map's. Short texts (member names, field values) go there at once, their hash is cheap and
 * often cached. Not thread-safe; one call's.
 */
final class TextTable<V> {

    /** Texts up to this long are hashed whole. */
    static final int SHORT = 32;
    /**
     * Long texts are filed by sample only in a table expecting at least this many: a small
     * ticket's few texts cost less in the hash map than the sampled table's arrays.
     */
    static final int SAMPLED_FROM = 64;
    /** Characters sampled at each end of a long text, and between them. */
    private static final int EDGE = 8;
    private static final int SPREAD = 8;

    /** Short texts, long texts while the table is not {@link #sampled}, and long texts whose sample another long text has. */
    private final Map<String, V> whole = new HashMap<>();
    // long texts by sample, open addressing with linear probing: at most one text per sample value;
    // made with the first long text (most tables of a small ticket's call hold none)
    private String[] keys;
    private Object[] values;
    private int[] samples;
    private int size;
    /** The slots the arrays are made with. */
    private int capacity;
    /** Whether long texts are filed by sample: the table expects {@link #SAMPLED_FROM} texts or more. */
    private boolean sampled;

    TextTable() {
        this(0);
    }

    /** A table sized for {@code expected} long texts. */
    TextTable(int expected) {
        capacity = capacityFor(expected);
        sampled = expected >= SAMPLED_FROM;
    }

    /**
     * Makes room for {@code expected} long texts in all, in one step: a call that knows how many
     * texts it will scan spares the table its doublings (each a pass over every slot).
     */
    void reserve(int expected) {
        int wanted = capacityFor(expected);
        if (wanted > capacity) {
            capacity = wanted;
            if (keys != null) {
                resize(wanted);
            }
        }
        if (!sampled && expected >= SAMPLED_FROM) {
            sampled = true;
            // the long texts filed so far move to the sampled table, where a look-up expects them
            List<String> moved = new ArrayList<>();
            whole.forEach((text, value) -> {
                if (text.length() > SHORT) {
                    moved.add(text);
                }
            });
            for (String text : moved) {
                put(text, whole.remove(text));
            }
        }
    }

    /** The smallest power of two, 8 at least, that holds {@code expected} texts within the load factor of 3/4. */
    private static int capacityFor(int expected) {
        int capacity = 8; // a small ticket's call files a few long texts
        while (capacity * 3L < expected * 4L && capacity < 1 << 30) {
            capacity <<= 1;
        }
        return capacity;
    }

    /** What was put for {@code text}, else {@code null}. */
    @SuppressWarnings("unchecked")
    V get(String text) {
        if (text.length() <= SHORT || !sampled) {
            return whole.get(text);
        }
        if (keys == null) {
            return null;
        }
        int sample = sample(text);
        int mask = keys.length - 1;
        for (int i = sample & mask; keys[i] != null; i = (i + 1) & mask) {
            if (samples[i] == sample) {
                // the one long text filed under this sample, or one of the others, in the whole map
                return keys[i].equals(text) ? (V) values[i] : whole.get(text);
            }
        }
        return null; // no long text has this sample: none of them is this text
    }

    /** Files {@code value} under {@code text}, replacing what was there. */
    void put(String text, V value) {
        if (text.length() <= SHORT || !sampled) {
            whole.put(text, value);
            return;
        }
        if (keys == null) {
            keys = new String[capacity];
            values = new Object[capacity];
            samples = new int[capacity];
        }
        int sample = sample(text);
        int mask = keys.length - 1;
        int i = sample & mask;
        for (; keys[i] != null; i = (i + 1) & mask) {
            if (samples[i] == sample) {
                if (keys[i].equals(text)) {
                    values[i] = value;
                } else {
                    whole.put(text, value);
                }
                return;
            }
        }
        keys[i] = text;
        values[i] = value;
        samples[i] = sample;
        if (++size * 4 > keys.length * 3) {
            capacity = keys.length * 2;
            resize(capacity);
        }
    }

    private void resize(int slots) {
        String[] oldKeys = keys;
        Object[] oldValues = values;
        int[] oldSamples = samples;
        keys = new String[slots];
        values = new Object[slots];
        samples = new int[slots];
        int mask = keys.length - 1;
        for (int k = 0; k < oldKeys.length; k++) {
            if (oldKeys[k] != null) {
                int i = oldSamples[k] & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[k];
                values[i] = oldValues[k];
                samples[i] = oldSamples[k];
            }
        }
    }

    /**
     * The hash of a long text's length and of some of its characters: the first and last few (a
     * quoted reply shares its start with another text, a numbered copy differs at its end) and a
     * few spread between them, mixed so that the table's low bits depend on all of them.
     */
    static int sample(String text) {
        int n = text.length();
        int h = n;
        for (int i = 0; i < EDGE; i++) {
            h = 31 * h + text.charAt(i);
        }
        for (int i = n - EDGE; i < n; i++) {
            h = 31 * h + text.charAt(i);
        }
        int step = n / (SPREAD + 1);
        for (int k = 1; k <= SPREAD; k++) {
            h = 31 * h + text.charAt(k * step);
        }
        // the finalizer of MurmurHash3
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
