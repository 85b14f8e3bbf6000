package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/** What a verified bearer JWT says: its subject ({@code sub}), scopes and expiry. */
public record VerifiedToken(String subject, Set<String> scopes, Instant expiresAt) {

    public VerifiedToken {
        requireNonNull(subject, "subject");
        scopes = Set.copyOf(requireNonNull(scopes, "scopes"));
        requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the token carries {@code scope}. */
    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
