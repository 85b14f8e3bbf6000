package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Authenticates admin API calls: a bearer token whose SHA-256 matches the configured hash (compared
 * in constant time; the token itself is never stored), or a JWT that carries the admin scope.
 */
public final class AdminAuthenticator {

    /** The scope an admin JWT must carry unless configured otherwise. */
    public static final String DEFAULT_SCOPE = "veil:admin";
    /** The prefix of tokens made by {@link #generateToken}, so that a leaked one is recognisable. */
    public static final String TOKEN_PREFIX = "veil_admin_";

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final byte[] tokenHash;
    private final JwtVerifier jwtVerifier;
    private final String scope;

    private AdminAuthenticator(Builder b) {
        this.tokenHash = b.tokenHash;
        this.jwtVerifier = b.jwtVerifier;
        this.scope = b.scope;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The admin behind {@code authorization} (the whole header value, {@code Bearer <token>}).
     *
     * @throws AuthException {@code missing_token}, {@code invalid_token}, {@code insufficient_scope} or {@code identity_unavailable}
     */
    public AdminPrincipal authenticate(String authorization) {
        String token = BearerTokens.extract(authorization);
        if (tokenHash != null && MessageDigest.isEqual(sha256(token), tokenHash)) {
            return new AdminPrincipal(AdminPrincipal.Kind.TOKEN, AdminPrincipal.TOKEN_ID);
        }
        if (jwtVerifier != null && token.chars().filter(c -> c == '.').count() == 2) {
            VerifiedToken jwt = jwtVerifier.verify(token);
            if (!jwt.hasScope(scope)) {
                throw AuthException.insufficientScope("token: lacks the admin scope");
            }
            return new AdminPrincipal(AdminPrincipal.Kind.JWT, jwt.subject());
        }
        throw AuthException.invalidToken("admin token: not accepted");
    }

    /** The lower-case hex SHA-256 of {@code token}, as the configuration stores it. */
    public static String sha256Hex(String token) {
        requireNonNull(token, "token");
        return HexFormat.of().formatHex(sha256(token));
    }

    /** A new random admin token: {@value #TOKEN_PREFIX} and 32 random bytes in base64url. */
    public static String generateToken(SecureRandom random) {
        requireNonNull(random, "random");
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable in this JVM", e);
        }
    }

    /** Configures an {@link AdminAuthenticator}; at least one of the two ways is required. */
    public static final class Builder {

        private byte[] tokenHash;
        private JwtVerifier jwtVerifier;
        private String scope = DEFAULT_SCOPE;

        private Builder() {}

        /**
         * Accepts the token whose SHA-256 is {@code hex} (64 hex digits, see {@link #sha256Hex}).
         *
         * @throws AuthException {@code bad_key} if it is not 64 hex digits
         */
        public Builder tokenSha256(String hex) {
            requireNonNull(hex, "hex");
            if (!HEX_SHA256.matcher(hex).matches()) {
                throw AuthException.badKey("admin token hash: expected 64 hex digits (a SHA-256)");
            }
            this.tokenHash = HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
            return this;
        }

        /** Accepts JWTs {@code verifier} accepts that carry {@code scope} (e.g. {@value #DEFAULT_SCOPE}). */
        public Builder jwt(JwtVerifier verifier, String scope) {
            this.jwtVerifier = requireNonNull(verifier, "verifier");
            requireNonNull(scope, "scope");
            if (scope.isBlank()) {
                throw new IllegalArgumentException("scope: blank (expected: a scope name such as " + DEFAULT_SCOPE + ")");
            }
            this.scope = scope;
            return this;
        }

        public AdminAuthenticator build() {
            if (tokenHash == null && jwtVerifier == null) {
                throw new IllegalStateException("admin auth: expected tokenSha256(...) or jwt(...)");
            }
            return new AdminAuthenticator(this);
        }
    }
}
