package dev.veil.policy.diff;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * How many characters of an original value an expert can read in a piece of output: the letters and
 * digits of both, lower-cased and with everything else removed (so {@code 4111 1111 1111 1111}
 * matches {@code 4111111111111111}), then the total length of the disjoint runs they share, longest
 * first, counting only runs of at least {@link #MIN_RUN} characters so that tokens and placeholders
 * that share a letter or two with the original by chance count as nothing.
 */
public final class Readable {

    /** The shortest run of original characters that counts as readable. */
    public static final int MIN_RUN = 4;

    /** Longer originals are measured on their first this many letters and digits (the cost is quadratic). */
    public static final int MAX_SECRET = 256;

    /** What people write inside a value without changing it: grouping and punctuation of numbers, addresses and names. */
    private static final String SEPARATORS = " \t\n\r-.,()+/@_:'";
    private static final char BREAK = '\u0000';

    private Readable() {}

    /** The letters and digits of {@code text}, lower-cased, in order. */
    public static String alnum(String text) {
        requireNonNull(text, "text");
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(Character::isLetterOrDigit)
                .forEach(cp -> out.appendCodePoint(Character.toLowerCase(cp)));
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * The letters and digits of an expert's view of {@code text}, lower-cased, with a break
     * wherever something else than a letter, a digit or a separator stands (a mask character, a
     * bracket), so that the two kept ends of {@code +1 415 ••• 0132} do not read as one run.
     */
    public static String shown(String text) {
        requireNonNull(text, "text");
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp)) {
                out.appendCodePoint(Character.toLowerCase(cp));
            } else if (SEPARATORS.indexOf(cp) < 0) {
                out.append(BREAK);
            }
        });
        return out.toString();
    }

    /**
     * How many letters and digits of {@code secret} (already {@link #alnum}) can be read in
     * {@code output} (already {@link #shown}).
     */
    public static int visible(String secret, String output) {
        requireNonNull(secret, "secret");
        requireNonNull(output, "output");
        char[] s = (secret.length() > MAX_SECRET ? secret.substring(0, MAX_SECRET) : secret).toCharArray();
        char[] o = output.toCharArray();
        int minRun = Math.min(MIN_RUN, s.length);
        if (minRun == 0) {
            return 0;
        }
        int total = 0;
        while (true) {
            int[] best = longestCommon(s, o);
            if (best[0] < minRun) {
                return total;
            }
            total += best[0];
            // each output character is read once and each original character is counted once
            for (int k = 0; k < best[0]; k++) {
                s[best[1] + k] = '\u0001';
                o[best[2] + k] = '\u0002';
            }
        }
    }

    /** {length, start in a, start in b} of the longest common run of {@code a} and {@code b}. */
    private static int[] longestCommon(char[] a, char[] b) {
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        int best = 0;
        int endA = 0;
        int endB = 0;
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                if (a[i - 1] == b[j - 1]) {
                    current[j] = previous[j - 1] + 1;
                    if (current[j] > best) {
                        best = current[j];
                        endA = i;
                        endB = j;
                    }
                } else {
                    current[j] = 0;
                }
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return new int[] {best, endA - best, endB - best};
    }
}
