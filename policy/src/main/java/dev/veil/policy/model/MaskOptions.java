package dev.veil.policy.model;

import java.util.List;
import java.util.Optional;

/**
 * How a {@code mask} action shows a value: how many letters and digits stay visible at each end,
 * or (with {@code firstInitial}) the first of each word, and the masking character ({@code null}
 * for the format's default, {@code •}).
 */
public record MaskOptions(int keepFirst, int keepLast, boolean firstInitial, String maskChar) {

    /** Masks everything. */
    public static final MaskOptions NONE = new MaskOptions(0, 0, false, null);

    /** The names {@code show} accepts: shorthands for common masks. */
    public static final List<String> PRESETS = List.of("first_initial", "last_2", "last_4", "none");

    /** The mask {@code show: name} stands for, if {@code name} is a preset. */
    public static Optional<MaskOptions> preset(String name, String maskChar) {
        return switch (name) {
            case "first_initial" -> Optional.of(new MaskOptions(0, 0, true, maskChar));
            case "last_2" -> Optional.of(new MaskOptions(0, 2, false, maskChar));
            case "last_4" -> Optional.of(new MaskOptions(0, 4, false, maskChar));
            case "none" -> Optional.of(new MaskOptions(0, 0, false, maskChar));
            default -> Optional.empty();
        };
    }

    public MaskOptions {
        if (keepFirst < 0) {
            throw new IllegalArgumentException("keepFirst: " + keepFirst + " (expected: >= 0)");
        }
        if (keepLast < 0) {
            throw new IllegalArgumentException("keepLast: " + keepLast + " (expected: >= 0)");
        }
    }
}
