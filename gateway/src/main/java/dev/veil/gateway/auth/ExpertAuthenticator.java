package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** Turns an expert request's {@code Authorization} header into an {@link ExpertPrincipal}, or refuses it. */
public final class ExpertAuthenticator {

    private final JwtVerifier verifier;
    private final Optional<String> requiredScope;

    private ExpertAuthenticator(JwtVerifier verifier, Optional<String> requiredScope) {
        this.verifier = verifier;
        this.requiredScope = requiredScope;
    }

    /** Accepts any token {@code verifier} accepts. */
    public static ExpertAuthenticator of(JwtVerifier verifier) {
        return new ExpertAuthenticator(requireNonNull(verifier, "verifier"), Optional.empty());
    }

    /** Accepts tokens {@code verifier} accepts that also carry {@code scope}. */
    public static ExpertAuthenticator requiringScope(JwtVerifier verifier, String scope) {
        requireNonNull(scope, "scope");
        if (scope.isBlank()) {
            throw new IllegalArgumentException("scope: blank (expected: a scope name)");
        }
        return new ExpertAuthenticator(requireNonNull(verifier, "verifier"), Optional.of(scope));
    }

    /**
     * The expert behind {@code authorization} (the whole header value, {@code Bearer <jwt>}).
     *
     * @throws AuthException {@code missing_token}, {@code invalid_token}, {@code insufficient_scope} or {@code identity_unavailable}
     */
    public ExpertPrincipal authenticate(String authorization) {
        VerifiedToken token = verifier.verify(BearerTokens.extract(authorization));
        if (requiredScope.isPresent() && !token.hasScope(requiredScope.get())) {
            throw AuthException.insufficientScope("token: lacks the scope this endpoint requires");
        }
        return new ExpertPrincipal(token.subject(), token.scopes(), token.expiresAt());
    }
}
