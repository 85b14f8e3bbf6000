package dev.veil.policy.engine;

import dev.veil.tokenizer.token.Luhn;
import dev.veil.tokenizer.token.TokenFormat;
import dev.veil.tokenizer.token.TokenizationException;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Finds which characters of a replacement are copies of the original value, by what they do when
 * the original changes: the same format is applied to altered originals (every letter and digit
 * changed to another of its kind, a card kept Luhn-valid), and a character counts as a copy only
 * if it equals the original's aligned character every time. A token character that equals the
 * original's by chance, or a placeholder letter that happens to match, does not follow the change.
 */
final class CopyTracker {

    /** Altered originals tried; a chance match survives each with odds of about one in ten. */
    private static final int ALTERATIONS = 4;
    private static final int MAX_ATTEMPTS = 8;
    private static final int MAX_ALIGNED = 1024;
    private static final String DIGITS = "0123456789";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private CopyTracker() {}

    /**
     * For each character of {@code replacement} (what {@code format} made of {@code original}), the
     * index of the original character it copies, or -1.
     */
    static int[] copies(TokenFormat format, String original, String replacement) {
        int[] copies = align(original, replacement);
        if (Arrays.stream(copies).allMatch(c -> c < 0)) {
            return copies;
        }
        // seeded by the value so that a run is reproducible; never leaves this method
        SplittableRandom random = new SplittableRandom(original.hashCode() * 31L + replacement.length());
        int tried = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && tried < ALTERATIONS; attempt++) {
            String altered = alter(original, random, attempt);
            String made;
            try {
                made = format.tokenize(altered).text();
            } catch (KeyUnavailableException e) {
                throw e;
            } catch (TokenizationException | IllegalArgumentException e) {
                continue; // the format refuses this shape: no evidence either way
            }
            if (made.length() != replacement.length()) {
                continue;
            }
            tried++;
            for (int i = 0; i < copies.length; i++) {
                if (copies[i] >= 0 && made.charAt(i) != altered.charAt(copies[i])) {
                    copies[i] = -1;
                }
            }
        }
        // a format that refused every altered value leaves the aligned characters counted: a gate errs towards exposure
        return copies;
    }

    /** Pairs equal letters and digits: position by position when the lengths agree, else along a longest common subsequence. */
    private static int[] align(String original, String replacement) {
        int[] copies = new int[replacement.length()];
        Arrays.fill(copies, -1);
        if (original.length() == replacement.length()) {
            for (int i = 0; i < copies.length; i++) {
                if (Character.isLetterOrDigit(replacement.charAt(i)) && replacement.charAt(i) == original.charAt(i)) {
                    copies[i] = i;
                }
            }
            return copies;
        }
        int n = Math.min(original.length(), MAX_ALIGNED);
        int m = Math.min(replacement.length(), MAX_ALIGNED);
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = matches(original.charAt(i), replacement.charAt(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        for (int i = 0, j = 0; i < n && j < m; ) {
            if (matches(original.charAt(i), replacement.charAt(j))) {
                copies[j++] = i++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        return copies;
    }

    /**
     * For each character of {@code value}, the offset in {@code text} where it recurs in
     * {@code text[start, end)} (a known value found again, perhaps grouped differently or without a
     * country code), or -1: letters and digits are paired in order, from the end when their counts
     * differ, and only where they are the same letter or digit.
     */
    static int[] onto(String value, String text, int start, int end) {
        int[] onto = new int[value.length()];
        Arrays.fill(onto, -1);
        int[] from = positions(value, 0, value.length());
        int[] to = positions(text, start, end);
        int shift = to.length - from.length;
        for (int k = 0; k < from.length; k++) {
            int at = k + shift;
            if (at >= 0 && at < to.length
                    && Character.toLowerCase(value.charAt(from[k])) == Character.toLowerCase(text.charAt(to[at]))) {
                onto[from[k]] = to[at];
            }
        }
        return onto;
    }

    private static int[] positions(String text, int start, int end) {
        int[] out = new int[end - start];
        int n = 0;
        for (int i = start; i < end; i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean matches(char a, char b) {
        return a == b && Character.isLetterOrDigit(a);
    }

    /** {@code original} with every ASCII letter and digit changed to another of its kind; a Luhn-valid number stays valid. */
    private static String alter(String original, SplittableRandom random, int attempt) {
        char[] out = original.toCharArray();
        for (int i = 0; i < out.length; i++) {
            out[i] = other(out[i], random);
        }
        String digits = KnownValues.digitsOf(original);
        if (digits.length() >= 12 && digits.length() <= 19 && digits.length() == lettersAndDigits(original) && Luhn.isValid(digits)) {
            // fix a different digit each attempt so that every position is tested by some alteration
            int fix = (attempt * 7) % digits.length();
            int seen = 0;
            for (int i = 0; i < out.length; i++) {
                if (out[i] >= '0' && out[i] <= '9' && seen++ == fix) {
                    for (char d = '0'; d <= '9'; d++) {
                        out[i] = d;
                        if (Luhn.isValid(KnownValues.digitsOf(new String(out)))) {
                            break;
                        }
                    }
                    break;
                }
            }
        }
        return new String(out);
    }

    private static char other(char c, SplittableRandom random) {
        if (Character.isSurrogate(c)) {
            return c;
        }
        // other scripts' letters and digits become ASCII ones of the same kind: still a different character
        String kind = Character.isDigit(c) ? DIGITS : Character.isLowerCase(c) ? LOWER : Character.isLetter(c) ? UPPER : null;
        if (kind == null) {
            return c;
        }
        if (kind.indexOf(c) < 0) {
            return kind.charAt(random.nextInt(kind.length()));
        }
        int pick = random.nextInt(kind.length() - 1);
        char chosen = kind.charAt(pick);
        return chosen >= c ? kind.charAt(pick + 1) : chosen;
    }

    private static int lettersAndDigits(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            count += Character.isLetterOrDigit(text.charAt(i)) ? 1 : 0;
        }
        return count;
    }
}
