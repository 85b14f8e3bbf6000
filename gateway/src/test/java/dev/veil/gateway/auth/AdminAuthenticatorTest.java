package dev.veil.gateway.auth;

import static dev.veil.gateway.auth.StandardWebhooksTest.assertCode;
import static dev.veil.gateway.auth.TestKeys.AUDIENCE;
import static dev.veil.gateway.auth.TestKeys.ISSUER;
import static dev.veil.gateway.auth.TestKeys.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.veil.gateway.routing.MutableClock;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class AdminAuthenticatorTest {

    private static final RSAKey RSA = TestKeys.rsa("rsa-1");
    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final String token = AdminAuthenticator.generateToken(new SecureRandom());

    private JwtVerifier jwt() {
        return JwtVerifier.builder().issuer(ISSUER).audience(AUDIENCE).clock(clock).staticKeys(new JWKSet(RSA.toPublicJWK())).build();
    }

    @Test
    void acceptsTheTokenWhoseHashIsConfigured() {
        AdminAuthenticator auth = AdminAuthenticator.builder().tokenSha256(AdminAuthenticator.sha256Hex(token)).build();
        assertEquals(new AdminPrincipal(AdminPrincipal.Kind.TOKEN, "admin-token"), auth.authenticate("Bearer " + token));
        // upper-case hex in the configuration is the same hash
        AdminAuthenticator upper = AdminAuthenticator.builder().tokenSha256(AdminAuthenticator.sha256Hex(token).toUpperCase()).build();
        assertEquals(AdminPrincipal.Kind.TOKEN, upper.authenticate("Bearer " + token).kind());
    }

    @Test
    void refusesOtherTokens() {
        AdminAuthenticator auth = AdminAuthenticator.builder().tokenSha256(AdminAuthenticator.sha256Hex(token)).build();
        assertCode(AuthException.INVALID_TOKEN, () -> auth.authenticate("Bearer " + token + "x"));
        assertCode(AuthException.INVALID_TOKEN, () -> auth.authenticate("Bearer " + AdminAuthenticator.sha256Hex(token)));
        assertCode(AuthException.MISSING_TOKEN, () -> auth.authenticate(null));
        // a JWT is no use when only the token is configured
        assertCode(AuthException.INVALID_TOKEN, () -> auth.authenticate("Bearer " + TestKeys.rs256(RSA,
                claims(clock.instant(), "ops-1").claim("scope", "veil:admin").build())));
    }

    @Test
    void acceptsAnAdminScopedJwtOnly() {
        AdminAuthenticator auth = AdminAuthenticator.builder().jwt(jwt(), "veil:admin").build();
        String admin = TestKeys.rs256(RSA, claims(clock.instant(), "ops-1").claim("scope", "veil:admin").build());
        assertEquals(new AdminPrincipal(AdminPrincipal.Kind.JWT, "ops-1"), auth.authenticate("Bearer " + admin));
        String expert = TestKeys.rs256(RSA, claims(clock.instant(), "exp-1").build());
        assertEquals(403, assertCode(AuthException.INSUFFICIENT_SCOPE, () -> auth.authenticate("Bearer " + expert)).status());
        assertCode(AuthException.INVALID_TOKEN, () -> auth.authenticate("Bearer " + token));
    }

    @Test
    void bothWaysTogether() {
        AdminAuthenticator auth = AdminAuthenticator.builder()
                .tokenSha256(AdminAuthenticator.sha256Hex(token)).jwt(jwt(), "ops").build();
        assertEquals(AdminPrincipal.Kind.TOKEN, auth.authenticate("Bearer " + token).kind());
        String admin = TestKeys.rs256(RSA, claims(clock.instant(), "ops-1").claim("scope", "ops").build());
        assertEquals(AdminPrincipal.Kind.JWT, auth.authenticate("Bearer " + admin).kind());
    }

    @Test
    void configurationIsCheckedAndRequired() {
        assertCode(AuthException.BAD_KEY, () -> AdminAuthenticator.builder().tokenSha256("abc"));
        assertCode(AuthException.BAD_KEY, () -> AdminAuthenticator.builder().tokenSha256("z".repeat(64)));
        assertThrows(IllegalStateException.class, () -> AdminAuthenticator.builder().build());
        assertEquals("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", AdminAuthenticator.sha256Hex("test"));
        assertTrue(token.startsWith("veil_admin_"));
        assertNotEquals(token, AdminAuthenticator.generateToken(new SecureRandom()));
    }
}
