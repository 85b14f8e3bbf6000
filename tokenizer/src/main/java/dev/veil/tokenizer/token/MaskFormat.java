package dev.veil.tokenizer.token;

import static java.util.Objects.requireNonNull;

import java.text.Normalizer;

/**
 * {@code mask}: replaces letters and digits by a mask character, keeping the first and last few in
 * clear ({@code •••• •••• •••• 4242}) or, in {@code firstInitial} mode, the first letter of each
 * word ({@code María García} becomes {@code M•••• G•••••}). Not reversible and keyless.
 *
 * <p>Counting is by Unicode code point over letters and digits, after NFC normalization, so
 * accented and supplementary characters count once and surrogate pairs are never split. A
 * combining mark shares the fate of the character before it. Every other character is a separator,
 * kept in place or dropped as configured. A value with no more letters and digits than
 * {@code keepFirst + keepLast} is masked entirely, so a mask never shows a whole value.
 */
public final class MaskFormat implements TokenFormat {

    /** The format's name in policies. */
    public static final String NAME = "mask";

    /** The default mask character, U+2022 BULLET. */
    public static final String DEFAULT_MASK = "\u2022";

    private static final int MAX_KEEP = 8;

    private final int keepFirst;
    private final int keepLast;
    private final char[] maskChars;
    private final boolean keepSeparators;
    private final boolean firstInitial;

    private MaskFormat(int keepFirst, int keepLast, String mask, boolean keepSeparators, boolean firstInitial) {
        this.keepFirst = keepFirst;
        this.keepLast = keepLast;
        this.maskChars = mask.toCharArray();
        this.keepSeparators = keepSeparators;
        this.firstInitial = firstInitial;
    }

    /** A builder for a mask that hides everything, with {@code •} and separators kept. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The same value always gives the same text: nothing random, nothing stored. */
    @Override
    public boolean deterministic() {
        return true;
    }

    @Override
    public Token tokenize(String value) {
        requireNonNull(value, "value");
        String text = Normalizer.isNormalized(value, Normalizer.Form.NFC)
                ? value
                : Normalizer.normalize(value, Normalizer.Form.NFC);
        int total = firstInitial ? 0 : countLettersAndDigits(text);
        boolean revealEnds = total > keepFirst + keepLast;
        // each code point becomes itself, the mask or nothing: at most mask.length() chars per char
        // of the text. Written into an array: a StringBuilder's appendCodePoint, once the mask had
        // made it UTF-16, was two thirds of the cost
        char[] out = new char[text.length() * maskChars.length];
        int length = 0;
        int seen = 0;
        boolean previousWasWordChar = false;
        boolean previousShown = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int from = i;
            i += Character.charCount(cp);
            if (isMark(cp)) {
                if (previousShown) {
                    length = copy(text, from, i, out, length);
                }
                continue;
            }
            if (Character.isLetterOrDigit(cp)) {
                boolean show = firstInitial
                        ? !previousWasWordChar
                        : revealEnds && (seen < keepFirst || seen >= total - keepLast);
                seen++;
                if (show) {
                    length = copy(text, from, i, out, length);
                } else {
                    System.arraycopy(maskChars, 0, out, length, maskChars.length);
                    length += maskChars.length;
                }
                previousWasWordChar = true;
                previousShown = show;
            } else {
                if (keepSeparators) {
                    length = copy(text, from, i, out, length);
                }
                previousWasWordChar = false;
                previousShown = keepSeparators;
            }
        }
        return new Token(new String(out, 0, length), 0);
    }

    /** Copies the one code point at {@code text[from, to)} to {@code out} at {@code at}; returns the next position. */
    private static int copy(String text, int from, int to, char[] out, int at) {
        out[at++] = text.charAt(from);
        if (to - from == 2) {
            out[at++] = text.charAt(from + 1);
        }
        return at;
    }

    private static int countLettersAndDigits(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                count++;
            }
            i += Character.charCount(cp);
        }
        return count;
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    /** Configures a {@link MaskFormat}; parameters are checked in {@link #build()}. */
    public static final class Builder {

        private int keepFirst;
        private int keepLast;
        private String mask = DEFAULT_MASK;
        private boolean keepSeparators = true;
        private boolean firstInitial;

        private Builder() {}

        /** Leading letters and digits shown in clear: 0 to 8. */
        public Builder keepFirst(int keepFirst) {
            this.keepFirst = keepFirst;
            return this;
        }

        /** Trailing letters and digits shown in clear: 0 to 8. */
        public Builder keepLast(int keepLast) {
            this.keepLast = keepLast;
            return this;
        }

        /** The mask: one code point that is not a digit, mark, space or control character. */
        public Builder maskChar(String mask) {
            this.mask = requireNonNull(mask, "mask");
            return this;
        }

        /** Whether characters other than letters and digits stay in place (default) or are dropped. */
        public Builder keepSeparators(boolean keepSeparators) {
            this.keepSeparators = keepSeparators;
            return this;
        }

        /** Shows the first letter or digit of each word and masks the rest; excludes keepFirst/keepLast. */
        public Builder firstInitial(boolean firstInitial) {
            this.firstInitial = firstInitial;
            return this;
        }

        /** The format, or {@link IllegalArgumentException} naming the first bad parameter. */
        public MaskFormat build() {
            if (keepFirst < 0 || keepFirst > MAX_KEEP) {
                throw new IllegalArgumentException("keepFirst: " + keepFirst + " (expected: 0 to " + MAX_KEEP + ")");
            }
            if (keepLast < 0 || keepLast > MAX_KEEP) {
                throw new IllegalArgumentException("keepLast: " + keepLast + " (expected: 0 to " + MAX_KEEP + ")");
            }
            if (firstInitial && (keepFirst != 0 || keepLast != 0)) {
                throw new IllegalArgumentException("firstInitial: true (expected: false when keepFirst or keepLast"
                        + " is set)");
            }
            if (mask.codePointCount(0, mask.length()) != 1) {
                throw new IllegalArgumentException("maskChar: " + mask.codePointCount(0, mask.length())
                        + " code points (expected: 1)");
            }
            int cp = mask.codePointAt(0);
            if (Character.isDigit(cp) || isMark(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                    || Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE
                    || Character.getType(cp) == Character.FORMAT) {
                throw new IllegalArgumentException(
                        "maskChar: U+" + String.format("%04X", cp) + " (expected: not a digit, mark, space or control)");
            }
            return new MaskFormat(keepFirst, keepLast, mask, keepSeparators, firstInitial);
        }
    }
}
