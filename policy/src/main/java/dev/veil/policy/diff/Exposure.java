package dev.veil.policy.diff;

/** How much of a value an expert sees, from nothing to everything; later constants show more. */
public enum Exposure {
    /** Removed: the expert does not even see that it was there. */
    HIDDEN,
    /** Replaced by a placeholder. */
    REDACTED,
    /** Replaced by a token or pseudonym (format-preserving tokens may keep a few digits). */
    TOKENIZED,
    /** Partly shown, for example {@code •••• 4242}. */
    MASKED,
    /** Free text shown with the personal data that detectors found replaced. */
    SCANNED,
    /** Shown as it is. */
    CLEAR;

    /** The word diff output uses. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
