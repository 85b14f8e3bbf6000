package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

/** Who called the admin API: the configured admin token, or the subject of an admin-scoped JWT. */
public record AdminPrincipal(Kind kind, String id) {

    /** The id given to callers of the shared admin token, which names no person. */
    public static final String TOKEN_ID = "admin-token";

    /** How the admin authenticated. */
    public enum Kind {
        /** The static token whose SHA-256 is in the configuration. */
        TOKEN,
        /** A JWT from the identity provider carrying the admin scope. */
        JWT
    }

    public AdminPrincipal {
        requireNonNull(kind, "kind");
        requireNonNull(id, "id");
    }
}
