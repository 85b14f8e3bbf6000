package dev.veil.gateway.auth;

import java.util.Locale;

/** Takes the token out of an {@code Authorization: Bearer <token>} header value (RFC 6750). */
public final class BearerTokens {

    private static final String SCHEME = "bearer ";

    private BearerTokens() {}

    /**
     * The token in {@code authorization}.
     *
     * @throws AuthException {@code missing_token} if the header is absent, empty or of another scheme
     */
    public static String extract(String authorization) {
        if (authorization == null) {
            throw AuthException.missingToken("expected an Authorization: Bearer header");
        }
        String value = authorization.trim();
        if (value.length() <= SCHEME.length() || !value.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            throw AuthException.missingToken("expected an Authorization: Bearer header");
        }
        String token = value.substring(SCHEME.length()).trim();
        if (token.isEmpty()) {
            throw AuthException.missingToken("expected an Authorization: Bearer header");
        }
        return token;
    }
}
