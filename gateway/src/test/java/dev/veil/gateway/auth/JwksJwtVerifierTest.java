package dev.veil.gateway.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.veil.gateway.auth.StandardWebhooksTest.assertCode;
import static dev.veil.gateway.auth.TestKeys.AUDIENCE;
import static dev.veil.gateway.auth.TestKeys.ISSUER;
import static dev.veil.gateway.auth.TestKeys.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JWKS-backed verification against a real HTTP server (WireMock) standing in for the identity provider. */
class JwksJwtVerifierTest {

    private static final String PATH = "/.well-known/jwks.json";
    private static final RSAKey OLD = TestKeys.rsa("2026-01");
    private static final ECKey NEW = TestKeys.ec("2026-02");

    private WireMockServer idp;
    private final Instant now = Instant.now();

    @BeforeEach
    void start() {
        idp = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        idp.start();
    }

    @AfterEach
    void stop() {
        idp.stop();
    }

    private void serve(JWKSet set) {
        idp.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(set.toString(true))));
    }

    private JwtVerifier verifier() {
        JwksSettings settings = JwksSettings.of(URI.create(idp.baseUrl() + PATH));
        return JwtVerifier.builder().issuer(ISSUER).audience(AUDIENCE).jwks(settings).build();
    }

    private int fetches() {
        return idp.countRequestsMatching(getRequestedFor(urlEqualTo(PATH)).build()).getCount();
    }

    @Test
    void verifiesWithKeysFromTheJwksAndCachesThem() {
        serve(new JWKSet(OLD));
        JwtVerifier v = verifier();
        for (int i = 0; i < 5; i++) {
            assertEquals("exp-1", v.verify(TestKeys.rs256(OLD, claims(now, "exp-1").build())).subject());
        }
        assertEquals(1, fetches());
    }

    @Test
    void picksUpARotatedKeyWhenAnUnknownKidAppears() {
        serve(new JWKSet(OLD));
        JwtVerifier v = verifier();
        v.verify(TestKeys.rs256(OLD, claims(now, "exp-1").build()));
        String withNewKey = TestKeys.es256(NEW, claims(now, "exp-2").build());
        // the provider rotates: the new key is published next to the old one
        serve(new JWKSet(List.of(NEW.toPublicJWK(), OLD.toPublicJWK())));
        assertEquals("exp-2", v.verify(withNewKey).subject());
        assertEquals(2, fetches());
        v.verify(TestKeys.rs256(OLD, claims(now, "exp-1").build()));
        assertEquals(2, fetches());
    }

    @Test
    void aTokenVerifiedBeforeIsRefusedOnceItsKeyIsReplacedUnderTheSameKid() {
        serve(new JWKSet(OLD));
        JwtVerifier v = verifier();
        String token = TestKeys.rs256(OLD, claims(now, "exp-1").build());
        assertEquals("exp-1", v.verify(token).subject());
        // the provider replaces the key material behind the kid (and publishes a new kid, which makes Veil refetch)
        RSAKey replaced = TestKeys.rsa(OLD.getKeyID());
        serve(new JWKSet(List.of(replaced.toPublicJWK(), NEW.toPublicJWK())));
        v.verify(TestKeys.es256(NEW, claims(now, "exp-2").build()));
        assertEquals(2, fetches());
        // the remembered verification no longer counts: the key that made it is gone
        assertEquals("token: bad signature", assertCode(AuthException.INVALID_TOKEN, () -> v.verify(token)).detail());
    }

    @Test
    void unknownKidsAreRefusedWithoutHammeringTheProvider() {
        serve(new JWKSet(OLD));
        JwtVerifier v = verifier();
        v.verify(TestKeys.rs256(OLD, claims(now, "exp-1").build()));
        for (int i = 0; i < 10; i++) {
            ECKey stranger = TestKeys.ec("unknown-" + i); // EC: RSA key generation is slow
            assertCode(AuthException.INVALID_TOKEN, () -> v.verify(TestKeys.es256(stranger, claims(now, "exp-1").build())));
        }
        // one initial fetch, then the single refresh the 30 s rate limit allows
        assertEquals(2, fetches());
    }

    @Test
    void failsClosedWhenTheJwksEndpointAnswers500() {
        idp.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500)));
        AuthException e = assertCode(AuthException.IDENTITY_UNAVAILABLE,
                () -> verifier().verify(TestKeys.rs256(OLD, claims(now, "exp-1").build())));
        assertEquals(503, e.status());
    }

    @Test
    void failsClosedWhenTheJwksEndpointResetsTheConnection() {
        idp.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertCode(AuthException.IDENTITY_UNAVAILABLE, () -> verifier().verify(TestKeys.rs256(OLD, claims(now, "exp-1").build())));
    }

    @Test
    void failsClosedWhenTheJwksIsNotJson() {
        idp.stubFor(get(urlEqualTo(PATH)).willReturn(okJson("<html>maintenance</html>")));
        assertCode(AuthException.IDENTITY_UNAVAILABLE, () -> verifier().verify(TestKeys.rs256(OLD, claims(now, "exp-1").build())));
    }

    @Test
    void failsClosedWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        JwksSettings settings = JwksSettings.of(URI.create("http://127.0.0.1:" + port + PATH));
        JwtVerifier v = JwtVerifier.builder().issuer(ISSUER).audience(AUDIENCE).jwks(settings).build();
        assertCode(AuthException.IDENTITY_UNAVAILABLE, () -> v.verify(TestKeys.rs256(OLD, claims(now, "exp-1").build())));
    }

    @Test
    void failsClosedWhenTheProviderIsSlowerThanTheReadTimeout() {
        idp.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(new JWKSet(OLD).toString(true)).withFixedDelay(3_000)));
        JwksSettings settings = new JwksSettings(URI.create(idp.baseUrl() + PATH), Duration.ofMinutes(5), Duration.ofSeconds(15),
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMillis(300), 64 * 1024);
        JwtVerifier v = JwtVerifier.builder().issuer(ISSUER).audience(AUDIENCE).jwks(settings).build();
        assertCode(AuthException.IDENTITY_UNAVAILABLE, () -> v.verify(TestKeys.rs256(OLD, claims(now, "exp-1").build())));
    }

    @Test
    void garbageTokensNeverReachTheProvider() {
        serve(new JWKSet(OLD));
        JwtVerifier v = verifier();
        assertCode(AuthException.INVALID_TOKEN, () -> v.verify("not.a.jwt"));
        assertCode(AuthException.INVALID_TOKEN, () -> v.verify(TestKeys.raw("{\"alg\":\"HS256\",\"kid\":\"2026-01\"}", "{}", "AAAA")));
        assertEquals(0, fetches());
    }
}
