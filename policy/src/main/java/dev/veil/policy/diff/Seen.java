package dev.veil.policy.diff;

import static java.util.Objects.requireNonNull;

/**
 * What an expert sees of one value of a sample under one policy: how exposed it is, the treatment
 * in words (for example {@code tokenize (card) by fields[4]}), the number of personal-data spans
 * replaced in it by scan, and the text shown ({@code null} when hidden).
 */
public record Seen(Exposure exposure, String how, int spansReplaced, String shown) {

    public Seen {
        requireNonNull(exposure, "exposure");
        requireNonNull(how, "how");
    }
}
