package dev.veil.tokenizer.detect;

import java.util.Arrays;

/**
 * The digit groups at the number starts of one text, each read once, on the first ask, and shared
 * by the digit-led detectors of one registry call: the card, SSN, DNI and bank account detectors
 * all read the groups at the same number starts, and each gets the prefix its own
 * {@link DigitGroups#read} would have read. Belongs to one {@link TextIndex}, hence to one call on
 * one thread; nothing outlives the call.
 */
final class NumberReads {

    /**
     * The digits of the widest reading kept, the bank account's 20: a reading that stops at fewer
     * digits stopped where the run stops, so any smaller limit takes a prefix of it. A reading
     * capped at this many digits also holds at most this many groups (each group has a digit).
     */
    static final int MAX_DIGITS = 20;

    /** The indexed text's characters ({@link TextIndex#chars()}), read without a checked {@code charAt}. */
    private final char[] text;
    private final int[] numberStarts;
    /** Per number start: 0 while unread, else 1 + the offset of its record in {@link #records}. */
    private final int[] recordAt;
    /** Records of {@code count, line break mask, digits, end, start0, end0, start1, end1, ...}, see {@link DigitGroups#load}. */
    private int[] records;
    private int used;
    private final DigitGroups reader = new DigitGroups(MAX_DIGITS);

    NumberReads(TextIndex index) {
        this.text = index.chars();
        this.numberStarts = index.numberStarts();
        this.recordAt = new int[index.numberCount()];
        this.records = new int[Math.max(16, 8 * index.numberCount())];
    }

    /**
     * The digits of number start {@code k}'s kept reading: fewer than {@link #MAX_DIGITS} only if its
     * run holds no more, so a caller needing more digits than this turns the start down without
     * taking its groups ({@link #read} would give it this many, or more only at the limit).
     */
    int digits(int k) {
        int at = recordAt[k] - 1;
        if (at < 0) {
            at = store(k);
        }
        return records[at + 2];
    }

    /** The end of number start {@code k}'s kept reading, what {@link #read} returns if {@link #digits} is below its limit. */
    int end(int k) {
        int at = recordAt[k] - 1;
        if (at < 0) {
            at = store(k);
        }
        return records[at + 3];
    }

    /**
     * Fills {@code run} as {@code run.read(text, start, maxDigits, false)} would, where {@code start}
     * is number start {@code k} and stands on a digit; returns the end of the last group read.
     */
    int read(int k, int maxDigits, DigitGroups run) {
        int at = recordAt[k] - 1;
        if (at < 0) {
            at = store(k);
        }
        int end = run.load(records, at, maxDigits);
        if (maxDigits > MAX_DIGITS && run.digits() >= MAX_DIGITS) {
            // the kept reading stopped at its limit, not where the run stops: read all of it (rare)
            end = run.read(text, numberStarts[k], maxDigits, false);
        }
        return end;
    }

    private int store(int k) {
        reader.read(text, numberStarts[k], MAX_DIGITS, false);
        int groups = reader.count();
        int size = 4 + 2 * groups;
        if (used + size > records.length) {
            records = Arrays.copyOf(records, Math.max(records.length * 2, used + size));
        }
        int at = used;
        reader.save(records, at);
        used += size;
        recordAt[k] = at + 1;
        return at;
    }
}
