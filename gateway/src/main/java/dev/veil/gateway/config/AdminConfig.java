package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Who may call the admin API: a bearer token stored only as its SHA-256 (hex), and/or JWTs from
 * the expert identity provider that carry {@code adminScope} in their {@code scope} claim. With
 * neither, every admin call is refused. {@link dev.veil.gateway.auth.AdminAuthenticator} does the checking.
 */
public record AdminConfig(Optional<String> tokenSha256, Optional<String> adminScope) {

    /** No admin access. */
    public static final AdminConfig NONE = new AdminConfig(Optional.empty(), Optional.empty());

    public AdminConfig {
        requireNonNull(tokenSha256, "tokenSha256");
        requireNonNull(adminScope, "adminScope");
        tokenSha256.ifPresent(hex -> {
            if (!hex.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("tokenSha256: (expected: 64 lower-case hex digits)");
            }
        });
    }
}
