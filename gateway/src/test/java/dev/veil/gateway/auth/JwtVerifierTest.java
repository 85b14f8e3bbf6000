package dev.veil.gateway.auth;

import static dev.veil.gateway.auth.StandardWebhooksTest.assertCode;
import static dev.veil.gateway.auth.TestKeys.AUDIENCE;
import static dev.veil.gateway.auth.TestKeys.ISSUER;
import static dev.veil.gateway.auth.TestKeys.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.veil.gateway.routing.MutableClock;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {

    private static final RSAKey RSA = TestKeys.rsa("rsa-1");
    private static final ECKey EC = TestKeys.ec("ec-1");
    private static final KeyPair ED = TestKeys.ed25519();

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final Instant now = clock.instant();

    private JwtVerifier verifier() {
        JWKSet keys = new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK()));
        return JwtVerifier.builder().issuer(ISSUER).audience(AUDIENCE).clock(clock).staticKeys(keys).build();
    }

    @Test
    void acceptsRs256AndReturnsSubjectAndScopes() {
        VerifiedToken token = verifier().verify(TestKeys.rs256(RSA, claims(now, "exp-1").build()));
        assertEquals("exp-1", token.subject());
        assertEquals(Set.of("tickets:read", "tickets:write"), token.scopes());
        assertEquals(now.plusSeconds(600), token.expiresAt());
    }

    @Test
    void acceptsEs256() {
        assertEquals("exp-2", verifier().verify(TestKeys.es256(EC, claims(now, "exp-2").build())).subject());
    }

    @Test
    void acceptsEdDsaFromAPemKeyWithAndWithoutKid() {
        JWKSet fromPem = VerificationKeys.fromPem(TestKeys.pem(ED.getPublic()));
        JwtVerifier v = JwtVerifier.builder().issuer(ISSUER).audience(AUDIENCE).clock(clock).staticKeys(fromPem).build();
        String kid = fromPem.getKeys().get(0).getKeyID();
        assertEquals("exp-3", v.verify(TestKeys.eddsa(ED, kid, claims(now, "exp-3").build())).subject());
        assertEquals("exp-3", v.verify(TestKeys.eddsa(ED, null, claims(now, "exp-3").build())).subject());
        KeyPair other = TestKeys.ed25519();
        assertCode(AuthException.INVALID_TOKEN, () -> v.verify(TestKeys.eddsa(other, kid, claims(now, "exp-3").build())));
    }

    @Test
    void acceptsScpAsAList() {
        JWTClaimsSet c = claims(now, "exp-1").claim("scope", null).claim("scp", List.of("a", "b")).build();
        assertEquals(Set.of("a", "b"), verifier().verify(TestKeys.rs256(RSA, c)).scopes());
    }

    @Test
    void refusesAlgNone() {
        String payload = claims(now, "exp-1").build().toString();
        assertCode(AuthException.INVALID_TOKEN, () -> verifier().verify(TestKeys.raw("{\"alg\":\"none\"}", payload, "")));
        assertCode(AuthException.INVALID_TOKEN, () -> verifier().verify(TestKeys.raw("{\"alg\":\"none\",\"kid\":\"rsa-1\"}", payload, "")));
    }

    @Test
    void refusesHmacSignedWithTheRsaPublicKey() throws JOSEException {
        // the classic confusion: a verifier that takes the key for an HMAC secret would accept this
        byte[] publicKeyBytes = RSA.toRSAPublicKey().getEncoded();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims(now, "exp-1").build());
        forged.sign(new MACSigner(publicKeyBytes));
        assertCode(AuthException.INVALID_TOKEN, () -> verifier().verify(forged.serialize()));
    }

    @Test
    void refusesUnknownKid() {
        RSAKey stranger = TestKeys.rsa("rsa-unknown");
        assertCode(AuthException.INVALID_TOKEN, () -> verifier().verify(TestKeys.rs256(stranger, claims(now, "exp-1").build())));
    }

    @Test
    void refusesAKidOfTheWrongKeyType() {
        // header says ES256 but names the RSA key's kid: no EC key matches
        ECKey ecWithRsaKid = TestKeys.ec("rsa-1");
        assertCode(AuthException.INVALID_TOKEN, () -> verifier().verify(TestKeys.es256(ecWithRsaKid, claims(now, "exp-1").build())));
    }

    @Test
    void refusesExpiredBeyondTheSkewOnly() {
        JWTClaimsSet c = claims(now.minusSeconds(3600), "exp-1").expirationTime(Date.from(now.minusSeconds(30))).build();
        verifier().verify(TestKeys.rs256(RSA, c)); // within the 60 s skew
        JWTClaimsSet expired = claims(now.minusSeconds(3600), "exp-1").expirationTime(Date.from(now.minusSeconds(61))).build();
        AuthException e = assertCode(AuthException.INVALID_TOKEN, () -> verifier().verify(TestKeys.rs256(RSA, expired)));
        assertEquals("token: expired", e.detail());
        assertEquals(401, e.status());
    }

    @Test
    void refusesNotYetValid() {
        JWTClaimsSet c = claims(now, "exp-1").notBeforeTime(Date.from(now.plusSeconds(120))).build();
        AuthException e = assertCode(AuthException.INVALID_TOKEN, () -> verifier().verify(TestKeys.rs256(RSA, c)));
        assertEquals("token: not valid yet (nbf)", e.detail());
        clock.advance(Duration.ofSeconds(61));
        verifier().verify(TestKeys.rs256(RSA, c));
    }

    @Test
    void refusesWrongAudience() {
        JWTClaimsSet c = claims(now, "exp-1").audience(List.of("other-app")).build();
        assertEquals("token: audience not accepted",
                assertCode(AuthException.INVALID_TOKEN, () -> verifier().verify(TestKeys.rs256(RSA, c))).detail());
        JWTClaimsSet both = claims(now, "exp-1").audience(List.of("other-app", AUDIENCE)).build();
        verifier().verify(TestKeys.rs256(RSA, both));
    }

    @Test
    void refusesWrongIssuer() {
        JWTClaimsSet c = claims(now, "exp-1").issuer("https://evil.example.test").build();
        AuthException e = assertCode(AuthException.INVALID_TOKEN, () -> verifier().verify(TestKeys.rs256(RSA, c)));
        assertEquals("token: issuer not accepted", e.detail());
    }

    @Test
    void refusesEachMissingRequiredClaim() {
        for (String claim : List.of("exp", "nbf", "iss", "aud", "sub")) {
            JWTClaimsSet.Builder b = claims(now, "exp-1");
            b.claim(claim, null);
            String token = TestKeys.rs256(RSA, b.build());
            AuthException e = assertCode(AuthException.INVALID_TOKEN, () -> verifier().verify(token));
            assertEquals("token: expected the claims exp, nbf, iss, aud and sub", e.detail(), claim);
        }
    }

    @Test
    void refusesABadSignature() {
        RSAKey impostor = TestKeys.rsa("rsa-1"); // same kid, different key
        assertEquals("token: bad signature", assertCode(AuthException.INVALID_TOKEN,
                () -> verifier().verify(TestKeys.rs256(impostor, claims(now, "exp-1").build()))).detail());
        String good = TestKeys.rs256(RSA, claims(now, "exp-1").build());
        String[] parts = good.split("\\.");
        String otherPayload = TestKeys.raw("{}", claims(now, "exp-admin").build().toString(), "").split("\\.")[1];
        assertCode(AuthException.INVALID_TOKEN, () -> verifier().verify(parts[0] + "." + otherPayload + "." + parts[2]));
    }

    @Test
    void aTokenVerifiedBeforeHasItsClaimsCheckedEveryTime() {
        JwtVerifier v = verifier();
        String token = TestKeys.es256(EC, claims(now, "exp-1").build()); // expires 600 s from now
        for (int i = 0; i < 3; i++) {
            assertEquals("exp-1", v.verify(token).subject());
        }
        clock.advance(Duration.ofSeconds(600 + 61));
        assertEquals("token: expired", assertCode(AuthException.INVALID_TOKEN, () -> v.verify(token)).detail());
    }

    @Test
    void aCopyOfAVerifiedTokenWithAnotherPayloadIsRefused() {
        JwtVerifier v = verifier();
        String good = TestKeys.es256(EC, claims(now, "exp-1").build());
        v.verify(good);
        String[] parts = good.split("\\.");
        String otherPayload = TestKeys.raw("{}", claims(now, "exp-admin").build().toString(), "").split("\\.")[1];
        assertEquals("token: bad signature",
                assertCode(AuthException.INVALID_TOKEN, () -> v.verify(parts[0] + "." + otherPayload + "." + parts[2])).detail());
        assertEquals("exp-1", v.verify(good).subject());
    }

    @Test
    void refusesGarbage() {
        for (String garbage : List.of("garbage", "a.b.c", "....", "eyJhbGciOiJSUzI1NiJ9.eyJ9.x", "x".repeat(10_000))) {
            AuthException e = assertCode(AuthException.INVALID_TOKEN, () -> verifier().verify(garbage));
            assertFalse(e.detail().contains(garbage));
        }
        assertCode(AuthException.MISSING_TOKEN, () -> verifier().verify(""));
        assertCode(AuthException.MISSING_TOKEN, () -> verifier().verify(null));
    }

    @Test
    void errorsNeverQuoteTheSubjectOrToken() {
        JWTClaimsSet c = claims(now, "maria.lopez@example.com").issuer("https://evil.example.test").build();
        String token = TestKeys.rs256(RSA, c);
        AuthException e = assertCode(AuthException.INVALID_TOKEN, () -> verifier().verify(token));
        assertFalse(e.detail().contains("maria"));
        assertFalse(e.detail().contains("evil"));
    }

    @Test
    void refusesWeakOrForeignStaticKeys() throws JOSEException {
        RSAKey weak = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(1024, true).keyID("weak").generate();
        assertCode(AuthException.BAD_KEY, () -> JwtVerifier.builder().staticKeys(new JWKSet(weak.toPublicJWK())));
        ECKey p384 = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_384).generate();
        assertCode(AuthException.BAD_KEY, () -> VerificationKeys.fromJson(p384.toPublicJWK().toJSONString()));
        assertCode(AuthException.BAD_KEY, () -> VerificationKeys.fromPem("no pem here"));
        assertCode(AuthException.BAD_KEY, () -> VerificationKeys.fromJson("{not json"));
        // private parts are dropped when static keys are read
        JWKSet read = VerificationKeys.fromJson(new JWKSet(RSA).toString(false));
        assertFalse(read.getKeys().get(0).isPrivate());
    }

    @Test
    void expertAuthenticatorReadsTheBearerHeaderAndChecksScope() {
        String token = TestKeys.rs256(RSA, claims(now, "exp-9").build());
        ExpertPrincipal p = ExpertAuthenticator.of(verifier()).authenticate("Bearer " + token);
        assertEquals("exp-9", p.expertId());
        assertEquals("exp-9", ExpertAuthenticator.of(verifier()).authenticate("bearer  " + token).expertId());
        assertCode(AuthException.MISSING_TOKEN, () -> ExpertAuthenticator.of(verifier()).authenticate(null));
        assertCode(AuthException.MISSING_TOKEN, () -> ExpertAuthenticator.of(verifier()).authenticate("Basic " + token));
        assertCode(AuthException.MISSING_TOKEN, () -> ExpertAuthenticator.of(verifier()).authenticate("Bearer "));
        ExpertAuthenticator scoped = ExpertAuthenticator.requiringScope(verifier(), "veil:expert");
        assertEquals(403, assertCode(AuthException.INSUFFICIENT_SCOPE, () -> scoped.authenticate("Bearer " + token)).status());
    }
}
