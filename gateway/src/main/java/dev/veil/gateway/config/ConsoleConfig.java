package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

/**
 * The web console ({@code /app/} on the public listener, {@code /admin/} on the admin listener):
 * whether it is served, and the OpenID Connect client it signs in with (authorization code with
 * PKCE, a public client: no secret), when the platform's identity provider is to be used.
 */
public record ConsoleConfig(boolean enabled, Optional<Oidc> oidc) {

    /** Served, without OIDC sign-in (dev mode's dev sign-in, or an admin token on the admin pages). */
    public static final ConsoleConfig DEFAULTS = new ConsoleConfig(true, Optional.empty());

    public ConsoleConfig {
        requireNonNull(oidc, "oidc");
    }

    /**
     * The console's OIDC client at the identity provider: its id, the provider's authorization and
     * token endpoints (from its discovery document), and the scopes asked for.
     */
    public record Oidc(String clientId, URI authorizationUrl, URI tokenUrl, String scope) {
        public Oidc {
            requireNonNull(clientId, "clientId");
            requireNonNull(authorizationUrl, "authorizationUrl");
            requireNonNull(tokenUrl, "tokenUrl");
            requireNonNull(scope, "scope");
        }
    }
}
