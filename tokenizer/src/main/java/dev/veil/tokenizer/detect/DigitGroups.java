package dev.veil.tokenizer.detect;

/**
 * The digit groups of one value as a person types it: runs of digits joined by the separators of
 * {@link Chars#groupSeparatorEnd} (spaces, {@code - . /}, tabs, in any mix), with at most one line
 * break in the whole value, optionally parentheses too (phones). One instance serves every start
 * of a text: {@link #read} overwrites the bounds of the previous run, so nothing is allocated per
 * candidate.
 */
final class DigitGroups {

    private final int[] starts;
    private final int[] ends;
    private int count;
    private int digits;
    private boolean lineBreak;
    /** Bit {@code g} set: a line break joins group {@code g} to group {@code g + 1} (first 32 groups). */
    private int breakMask;
    /** Whether the separator {@link #separatorEnd} passed last holds a line break. */
    private boolean separatorBreaks;

    /** Keeps the bounds of the first {@code capacity} groups of a run; later groups are counted only. */
    DigitGroups(int capacity) {
        this.starts = new int[capacity];
        this.ends = new int[capacity];
    }

    /**
     * Reads the run of digit groups that starts with the digit at {@code start}. A further group is
     * read only while fewer than {@code maxDigits} digits have been read, so the last group may take
     * the count past it; {@code parentheses} also lets {@code (} and {@code )} join groups
     * ({@code (212) 555}). Returns the end of the last group read.
     */
    int read(CharSequence text, int start, int maxDigits, boolean parentheses) {
        return read(chars(text), start, maxDigits, parentheses);
    }

    /** {@link #read(CharSequence, int, int, boolean)} over a text's characters (a {@link TextIndex#chars()}). */
    int read(char[] text, int start, int maxDigits, boolean parentheses) {
        int n = text.length;
        int pos = start;
        lineBreak = false;
        breakMask = 0;
        count = 0;
        digits = 0;
        while (true) {
            int groupStart = pos;
            while (pos < n && Chars.isDigit(text[pos])) {
                pos++;
            }
            if (count < starts.length) {
                starts[count] = groupStart;
                ends[count] = pos;
            }
            count++;
            digits += pos - groupStart;
            if (digits >= maxDigits) {
                return pos;
            }
            int next = separatorEnd(text, pos, parentheses);
            if (next == pos || next >= n || !Chars.isDigit(text[next])) {
                return pos;
            }
            boolean breaks = separatorBreaks;
            if (breaks && lineBreak) {
                return pos; // a second line break ends the value: the next line is something else
            }
            if (breaks) {
                lineBreak = true;
                breakMask |= count <= 32 ? 1 << (count - 1) : 0;
            }
            pos = next;
        }
    }

    /**
     * The end of the separator at {@code pos}: {@link Chars#groupSeparatorEnd}, within parentheses
     * when they may join groups. Notes in {@link #separatorBreaks} whether it holds a line break,
     * found in the same pass rather than by reading the separator again.
     */
    private int separatorEnd(char[] text, int pos, boolean parentheses) {
        int n = text.length;
        int p = pos;
        if (parentheses && p < n && text[p] == ')') {
            p++;
        }
        long separator = Chars.groupSeparator(text, p);
        p = (int) separator;
        if (parentheses && p < n && text[p] == '(') {
            p++;
        }
        separatorBreaks = (separator & Chars.SEPARATOR_BREAKS) != 0;
        return p;
    }

    /**
     * Writes the last run, read with every group's bounds kept, as a record from {@code at}:
     * {@code count, line break mask, digits, end, start0, end0, start1, end1, ...}
     * ({@code 4 + 2 * count()} ints).
     */
    void save(int[] record, int at) {
        record[at] = count;
        record[at + 1] = breakMask;
        record[at + 2] = digits;
        record[at + 3] = count == 0 ? 0 : ends[count - 1];
        for (int g = 0; g < count; g++) {
            record[at + 4 + 2 * g] = starts[g];
            record[at + 5 + 2 * g] = ends[g];
        }
    }

    /**
     * Takes the groups of a record {@link #save} wrote, as {@link #read} with {@code maxDigits} would
     * have read them: the groups up to the first that brings the digits to {@code maxDigits}, or all
     * (the run stopped there). Returns the end of the last group taken.
     */
    int load(int[] record, int at, int maxDigits) {
        int total = record[at];
        int breaks = record[at + 1];
        lineBreak = false;
        breakMask = 0;
        count = 0;
        digits = 0;
        int end = 0;
        for (int p = at + 4; count < total; p += 2) {
            int start = record[p];
            end = record[p + 1];
            if (count < starts.length) {
                starts[count] = start;
                ends[count] = end;
            }
            if (count > 0 && ((breaks >>> (count - 1)) & 1) != 0) {
                lineBreak = true;
                breakMask |= 1 << (count - 1);
            }
            count++;
            digits += end - start;
            if (digits >= maxDigits) {
                break;
            }
        }
        return end;
    }

    static boolean hasLineBreak(char[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text[i];
            if (c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /** True if a line break joins two groups of the last run (a value holds at most one). */
    boolean lineBreak() {
        return lineBreak;
    }

    /** Groups in the last run, including those past the capacity. */
    int count() {
        return count;
    }

    /** Groups whose bounds are kept: {@code min(count(), capacity)}. */
    int known() {
        return Math.min(count, starts.length);
    }

    /** True if the bounds of every group of the last run are kept. */
    boolean complete() {
        return count <= starts.length;
    }

    /** Digits in the last run. */
    int digits() {
        return digits;
    }

    int start(int group) {
        return starts[group];
    }

    int end(int group) {
        return ends[group];
    }

    int length(int group) {
        return ends[group] - starts[group];
    }

    /** Digits in groups {@code first} to {@code last}, inclusive. */
    int digits(int first, int last) {
        int sum = 0;
        for (int g = first; g <= last; g++) {
            sum += ends[g] - starts[g];
        }
        return sum;
    }

    /** Copies the digits of groups {@code first} to {@code last} into {@code out} from index 0; returns how many. */
    int copyDigits(char[] text, int first, int last, char[] out) {
        int at = 0;
        for (int g = first; g <= last; g++) {
            for (int i = starts[g]; i < ends[g] && at < out.length; i++) {
                out[at++] = text[i];
            }
        }
        return at;
    }

    /** A string's characters, for the readers above when a caller holds no {@link TextIndex#chars()}. */
    private static char[] chars(CharSequence text) {
        return text.toString().toCharArray();
    }

    /** The group start array, read-only by convention (the first {@link #known()} entries are valid). */
    int[] starts() {
        return starts;
    }

    /** The group end array, read-only by convention (the first {@link #known()} entries are valid). */
    int[] ends() {
        return ends;
    }
}
