package dev.veil.tokenizer.detect.address;

import dev.veil.tokenizer.detect.Span;
import java.util.Arrays;
import java.util.List;

/**
 * Grows the spans the address detectors found in one text to the whole address as written around
 * each ({@link AddressBlock}): up to the next span found, never over it, and back to the end of the
 * one before. What a span grows to depends only on its start and end, so an extent two detectors
 * found (a street and the postcode closing it) is grown once. Built per text and dropped with it.
 */
final class AddressGrowth {

    private final Text text;
    /** The starts and the ends of the spans found, each sorted: a span's neighbours by bisection. */
    private final int[] starts;
    private final int[] ends;
    /**
     * Where the last search of each array answered: the detectors report their spans in ascending
     * order, so the next answer is mostly a step or two on, found from there (see {@link #search}).
     */
    private int nextHint;
    private int beforeHint;
    /** The extents grown so far ({@link #key}), open addressing; {@link #EMPTY} where none. */
    private final long[] keys;
    private final long[] grown;
    private final int mask;

    private static final long EMPTY = -1;

    private AddressGrowth(Text text, List<Span> found) {
        this.text = text;
        int count = found.size();
        this.starts = new int[count];
        this.ends = new int[count];
        for (int k = 0; k < count; k++) {
            starts[k] = found.get(k).start();
            ends[k] = found.get(k).end();
        }
        Arrays.sort(starts);
        Arrays.sort(ends);
        int size = Integer.highestOneBit(Math.max(1, count) * 2) * 2; // at most half full
        this.keys = new long[size];
        this.grown = new long[size];
        this.mask = size - 1;
        Arrays.fill(keys, EMPTY);
    }

    /** The growth of the spans {@code found} in {@code text}: each must be one of those when grown. */
    static AddressGrowth of(Text text, List<Span> found) {
        return new AddressGrowth(text, found);
    }

    /** The start of the whole address around the found span {@code [start, end)}: {@link #grow}'s upper half. */
    static int start(long grown) {
        return (int) (grown >>> 32);
    }

    /** The end of the whole address around the found span: {@link #grow}'s lower half. */
    static int end(long grown) {
        return (int) grown;
    }

    /**
     * The whole address around the found span {@code [start, end)}, its start in the upper half and
     * its end in the lower ({@link #start}, {@link #end}); the span itself when nothing grows it.
     */
    long grow(int start, int end) {
        long key = key(start, end);
        int slot = slot(key);
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                return grown[slot];
            }
            slot = (slot + 1) & mask;
        }
        long whole = read(start, end);
        keys[slot] = key;
        grown[slot] = whole;
        return whole;
    }

    private static long key(int start, int end) {
        return (long) start << 32 | end; // both are positions, never negative
    }

    private int slot(long key) {
        long mixed = key * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32) & mask;
    }

    /** Reads the whole address around the found span {@code [start, end)}. */
    private long read(int spanStart, int spanEnd) {
        // grow up to the next address found, never over it: two addresses stay two
        nextHint = search(starts, spanEnd, nextHint);
        int limit = nextHint < starts.length ? starts[nextHint] : text.length();
        beforeHint = search(ends, spanStart + 1, beforeHint);
        int floor = beforeHint > 0 ? ends[beforeHint - 1] : 0;
        int start = AddressBlock.grownStart(text, spanStart, floor);
        int cue = AddressBlock.cornerCueStart(text, start, floor);
        int end = AddressBlock.cornerEnd(text, spanEnd, limit);
        if (cue >= 0) {
            // "the corner of 25 Elm Street and King Forges": the cue and both streets
            start = cue;
            end = AddressBlock.cornerSecondEnd(text, end, limit);
        }
        end = AddressBlock.grownEnd(text, end, limit);
        int uncased = UncasedAddress.tailEnd(text, end);
        if (uncased > end && uncased <= limit) {
            end = uncased; // "… lindenweg 4, suite 7, aurach, austria 4861": parts in lower case
        }
        if (cue < 0 && start == spanStart && severalParts(text, start, end)) {
            int named = AddressBlock.nameBeforeStart(text, start, floor);
            if (named >= 0) {
                start = named; // "at Storgarden 52 Lerke Road, …": the street's own name before the number
            }
        }
        return key(start, end);
    }

    /** Whether {@code text[start, end)} holds more than one part of an address: a comma or a line break. */
    private static boolean severalParts(Text text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link SpanCover#firstAtOrAfter} of the ascending {@code values} and {@code key}, searched
     * from index {@code hint} outwards in steps that double, then by bisection between the last two
     * steps: a few reads where the answer lies near the hint, where a bisection of the whole array
     * makes a dozen hard-to-predict ones.
     */
    static int search(int[] values, int key, int hint) {
        int n = values.length;
        int low; // the answer lies in [low, high]
        int high;
        if (hint < n && values[hint] < key) {
            low = hint + 1;
            int probe = low;
            for (int step = 1; probe < n && values[probe] < key; step <<= 1) {
                low = probe + 1;
                probe = hint + step * 2;
            }
            high = Math.min(probe, n);
        } else {
            high = hint;
            int probe = hint - 1;
            for (int step = 1; probe >= 0 && values[probe] >= key; step <<= 1) {
                high = probe;
                probe = hint - step * 2;
            }
            low = Math.max(probe + 1, 0);
        }
        return SpanCover.firstAtOrAfter(values, key, low, high);
    }
}
