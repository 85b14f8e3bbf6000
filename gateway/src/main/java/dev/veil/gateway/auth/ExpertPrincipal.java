package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/** An expert authenticated by a bearer JWT: the expert id is the token's {@code sub}. */
public record ExpertPrincipal(String expertId, Set<String> scopes, Instant expiresAt) {

    public ExpertPrincipal {
        requireNonNull(expertId, "expertId");
        scopes = Set.copyOf(requireNonNull(scopes, "scopes"));
        requireNonNull(expiresAt, "expiresAt");
    }
}
