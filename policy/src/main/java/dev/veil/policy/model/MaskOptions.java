package dev.veil.policy.model;

/**
 * How a {@code mask} action shows a value: how many letters and digits stay visible at each end,
 * or (with {@code firstInitial}) the first of each word, and the masking character ({@code null}
 * for the format's default, {@code •}).
 */
public record MaskOptions(int keepFirst, int keepLast, boolean firstInitial, String maskChar) {

    /** Masks everything. */
    public static final MaskOptions NONE = new MaskOptions(0, 0, false, null);

    public MaskOptions {
        if (keepFirst < 0) {
            throw new IllegalArgumentException("keepFirst: " + keepFirst + " (expected: >= 0)");
        }
        if (keepLast < 0) {
            throw new IllegalArgumentException("keepLast: " + keepLast + " (expected: >= 0)");
        }
    }
}
