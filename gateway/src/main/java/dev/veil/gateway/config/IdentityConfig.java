package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How experts' bearer JWTs are verified: the built-in dev identity provider (dev mode only), or
 * an issuer and audience with keys from a JWKS URL (cached for {@code jwksCacheTtl}) and/or
 * static PEM public keys.
 */
public record IdentityConfig(boolean devProvider, String issuer, String audience, Optional<URI> jwksUrl,
        Duration jwksCacheTtl, List<Path> keys) {

    /** The issuer and audience of the tokens the dev identity provider makes. */
    public static final String DEV_ISSUER = "veil-dev";
    public static final String DEV_AUDIENCE = "veil";
    static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofMinutes(5);

    public IdentityConfig {
        requireNonNull(issuer, "issuer");
        requireNonNull(audience, "audience");
        requireNonNull(jwksUrl, "jwksUrl");
        requireNonNull(jwksCacheTtl, "jwksCacheTtl");
        keys = List.copyOf(keys);
        if (!devProvider && jwksUrl.isEmpty() && keys.isEmpty()) {
            throw new IllegalArgumentException("identity: no keys (expected: jwksUrl and/or keys)");
        }
    }

    /** The built-in dev identity provider. */
    public static IdentityConfig dev() {
        return new IdentityConfig(true, DEV_ISSUER, DEV_AUDIENCE, Optional.empty(), DEFAULT_JWKS_CACHE_TTL, List.of());
    }
}
