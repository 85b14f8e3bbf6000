package dev.veil.policy.engine;

import static java.util.Objects.requireNonNull;

/** A sanitized document with the provenance of its characters (see {@link PolicyEngine#trace}). */
public record TracedResult(SanitizeResult result, Provenance provenance) {

    public TracedResult {
        requireNonNull(result, "result");
        requireNonNull(provenance, "provenance");
    }
}
