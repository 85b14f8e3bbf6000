package dev.veil.tokenizer.detect.address;

import dev.veil.tokenizer.detect.Span;
import java.util.Arrays;
import java.util.List;

/**
 * Which positions a set of (possibly overlapping) spans covers, answered in logarithmic time:
 * the spans sorted by start with the running maximum of their ends, so that asking for every number
 * of a long text does not cost the number of spans each time.
 */
final class SpanCover {

    private final int[] starts;
    private final int[] maxEnds;
    /** For {@link #coversAscending}: how many spans start at or before the last position asked. */
    private int passed;

    private SpanCover(int[] starts, int[] maxEnds) {
        this.starts = starts;
        this.maxEnds = maxEnds;
    }

    static SpanCover of(List<Span> spans) {
        int[] starts = new int[spans.size()];
        int[] ends = new int[spans.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = spans.get(i).start();
            ends[i] = spans.get(i).end();
        }
        return of(starts, ends);
    }

    /** The cover of the spans {@code [starts[i], ends[i])}, in any order; the arrays are read, not kept. */
    static SpanCover of(int[] starts, int[] ends) {
        // sorted as numbers, start before end: the order of spans sharing a start changes no answer,
        // as every query counts the spans that start before a position, never some of those sharing one
        long[] sorted = new long[starts.length];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = (long) starts[i] << 32 | ends[i]; // positions, never negative
        }
        Arrays.sort(sorted);
        int[] sortedStarts = new int[sorted.length];
        int[] maxEnds = new int[sorted.length];
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < sorted.length; i++) {
            sortedStarts[i] = (int) (sorted[i] >>> 32);
            max = Math.max(max, (int) sorted[i]);
            maxEnds[i] = max;
        }
        return new SpanCover(sortedStarts, maxEnds);
    }

    /** Whether some span holds {@code position}. */
    boolean covers(int position) {
        return overlaps(position, position + 1);
    }

    /**
     * Same as {@link #covers}, for positions asked in ascending order (the numbers of a text, one
     * after the other): the spans starting up to the position are counted on from the last answer,
     * not searched for again.
     */
    boolean coversAscending(int position) {
        while (passed < starts.length && starts[passed] <= position) {
            passed++;
        }
        return passed > 0 && maxEnds[passed - 1] > position;
    }

    /** Whether some span shares a character with {@code [start, end)}. */
    boolean overlaps(int start, int end) {
        int before = firstAtOrAfter(starts, end); // how many spans start before end
        return before > 0 && maxEnds[before - 1] > start;
    }

    /** The index of the first of the ascending {@code values} that is at least {@code key}, or its length. */
    static int firstAtOrAfter(int[] values, int key) {
        return firstAtOrAfter(values, key, 0, values.length);
    }

    /** {@link #firstAtOrAfter(int[], int)} where the answer is known to lie in {@code [low, high]}. */
    static int firstAtOrAfter(int[] values, int key, int low, int high) {
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (values[mid] < key) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
