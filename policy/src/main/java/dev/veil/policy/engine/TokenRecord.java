package dev.veil.policy.engine;

import static java.util.Objects.requireNonNull;

/**
 * Where a reversible token replaced a structured value: its path in the sanitized document, the profile, the key version
 * (0 for vaulted tokens, whose store records it) and the JSON kind of the original value, so that
 * reveal can restore it exactly. Never the value or the token.
 */
public record TokenRecord(String path, String profile, int keyVersion, ValueKind kind) {

    public TokenRecord {
        requireNonNull(path, "path");
        requireNonNull(profile, "profile");
        requireNonNull(kind, "kind");
    }

    /** What the original value was in JSON. */
    public enum ValueKind {
        STRING,
        NUMBER,
        BOOLEAN,
        /** An object or array, tokenized whole as canonical JSON. */
        JSON
    }
}
