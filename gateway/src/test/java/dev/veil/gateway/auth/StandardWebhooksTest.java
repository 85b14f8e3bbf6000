package dev.veil.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.gateway.routing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {

    // The test vector of the Standard Webhooks reference libraries (standard-webhooks/standard-webhooks).
    private static final String REF_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String REF_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long REF_TS = 1614265330L;
    private static final byte[] REF_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String REF_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(REF_TS));
    private final SharedSecret ref = SharedSecret.standardWebhooks(REF_SECRET);

    private StandardWebhooks hooks(SharedSecret... secrets) {
        return StandardWebhooks.of(List.of(secrets), clock);
    }

    @Test
    void reproducesTheReferenceVector() {
        assertEquals(REF_SIGNATURE, StandardWebhooks.signature(ref, REF_ID, REF_TS, REF_BODY));
        StandardWebhooks.VerifiedWebhook verified = hooks(ref).verify(REF_ID, Long.toString(REF_TS), REF_SIGNATURE, REF_BODY);
        assertEquals(REF_ID, verified.id());
        assertEquals(Instant.ofEpochSecond(REF_TS), verified.timestamp());
    }

    @Test
    void signProducesHeadersThatVerify() {
        Map<String, String> headers = hooks(ref).sign("msg_1", REF_BODY);
        assertEquals("msg_1", headers.get(StandardWebhooks.ID_HEADER));
        assertEquals(Long.toString(REF_TS), headers.get(StandardWebhooks.TIMESTAMP_HEADER));
        assertEquals(StandardWebhooks.signature(ref, "msg_1", REF_TS, REF_BODY), headers.get(StandardWebhooks.SIGNATURE_HEADER));
        hooks(ref).verify(headers.get("webhook-id"), headers.get("webhook-timestamp"), headers.get("webhook-signature"), REF_BODY);
    }

    @Test
    void acceptsAnyOfSeveralSecretsDuringRotation() {
        SharedSecret fresh = SharedSecret.generate(new SecureRandom());
        String oldSig = StandardWebhooks.signature(ref, REF_ID, REF_TS, REF_BODY);
        hooks(fresh, ref).verify(REF_ID, Long.toString(REF_TS), oldSig, REF_BODY);
        // a verifier without the old secret refuses the same delivery
        assertCode(AuthException.BAD_SIGNATURE, () -> hooks(fresh).verify(REF_ID, Long.toString(REF_TS), oldSig, REF_BODY));
    }

    @Test
    void acceptsWhenOneOfSeveralSignaturesMatches() {
        SharedSecret other = SharedSecret.generate(new SecureRandom());
        String header = "v1a,AAAA " + StandardWebhooks.signature(other, REF_ID, REF_TS, REF_BODY) + " v1,!!notbase64 " + REF_SIGNATURE;
        hooks(ref).verify(REF_ID, Long.toString(REF_TS), header, REF_BODY);
    }

    @Test
    void refusesATamperedBodyIdOrTimestamp() {
        byte[] tampered = REF_BODY.clone();
        tampered[tampered.length - 2] ^= 1;
        assertCode(AuthException.BAD_SIGNATURE, () -> hooks(ref).verify(REF_ID, Long.toString(REF_TS), REF_SIGNATURE, tampered));
        assertCode(AuthException.BAD_SIGNATURE, () -> hooks(ref).verify(REF_ID + "x", Long.toString(REF_TS), REF_SIGNATURE, REF_BODY));
        assertCode(AuthException.BAD_SIGNATURE, () -> hooks(ref).verify(REF_ID, Long.toString(REF_TS + 1), REF_SIGNATURE, REF_BODY));
    }

    @Test
    void refusesAWrongSecret() {
        SharedSecret other = SharedSecret.generate(new SecureRandom());
        assertCode(AuthException.BAD_SIGNATURE, () -> hooks(other).verify(REF_ID, Long.toString(REF_TS), REF_SIGNATURE, REF_BODY));
    }

    @Test
    void refusesSignaturesWithoutTheV1Prefix() {
        String bare = REF_SIGNATURE.substring(3);
        assertCode(AuthException.BAD_SIGNATURE, () -> hooks(ref).verify(REF_ID, Long.toString(REF_TS), bare, REF_BODY));
        assertCode(AuthException.BAD_SIGNATURE, () -> hooks(ref).verify(REF_ID, Long.toString(REF_TS), "v2," + bare, REF_BODY));
    }

    @Test
    void timestampMustBeWithinFiveMinutesEitherWay() {
        String ts = Long.toString(REF_TS);
        clock.advance(Duration.ofMinutes(5));
        hooks(ref).verify(REF_ID, ts, REF_SIGNATURE, REF_BODY);
        clock.advance(Duration.ofSeconds(1));
        assertCode(AuthException.STALE_TIMESTAMP, () -> hooks(ref).verify(REF_ID, ts, REF_SIGNATURE, REF_BODY));
        clock.advance(Duration.ofMinutes(-10).minusSeconds(1));
        hooks(ref).verify(REF_ID, ts, REF_SIGNATURE, REF_BODY);
        clock.advance(Duration.ofSeconds(-1));
        assertCode(AuthException.STALE_TIMESTAMP, () -> hooks(ref).verify(REF_ID, ts, REF_SIGNATURE, REF_BODY));
    }

    @Test
    void missingHeadersAreMissingSignature() {
        String ts = Long.toString(REF_TS);
        assertCode(AuthException.MISSING_SIGNATURE, () -> hooks(ref).verify(null, ts, REF_SIGNATURE, REF_BODY));
        assertCode(AuthException.MISSING_SIGNATURE, () -> hooks(ref).verify(REF_ID, null, REF_SIGNATURE, REF_BODY));
        assertCode(AuthException.MISSING_SIGNATURE, () -> hooks(ref).verify(REF_ID, ts, null, REF_BODY));
        assertCode(AuthException.MISSING_SIGNATURE, () -> hooks(ref).verify(REF_ID, ts, "  ", REF_BODY));
    }

    @Test
    void malformedHeadersAreBadSignatureAndNotQuoted() {
        AuthException e = assertCode(AuthException.BAD_SIGNATURE,
                () -> hooks(ref).verify(REF_ID, "16142653xx", REF_SIGNATURE, REF_BODY));
        assertFalse(e.detail().contains("16142653xx"));
        AuthException id = assertCode(AuthException.BAD_SIGNATURE,
                () -> hooks(ref).verify("has space", Long.toString(REF_TS), REF_SIGNATURE, REF_BODY));
        assertFalse(id.detail().contains("has space"));
        String huge = "v1,AAAA ".repeat(1000);
        assertCode(AuthException.BAD_SIGNATURE, () -> hooks(ref).verify(REF_ID, Long.toString(REF_TS), huge, REF_BODY));
    }

    @Test
    void bodyIsSignedAsRawBytesEvenWhenNotUtf8() {
        byte[] body = {(byte) 0xff, (byte) 0xfe, '{', '}', (byte) 0xc3};
        String sig = StandardWebhooks.signature(ref, REF_ID, REF_TS, body);
        hooks(ref).verify(REF_ID, Long.toString(REF_TS), sig, body);
        byte[] other = {(byte) 0xfd, (byte) 0xfe, '{', '}', (byte) 0xc3};
        // both bodies decode to the same replacement characters; the signature still tells them apart
        assertEquals(new String(body, StandardCharsets.UTF_8).length(), new String(other, StandardCharsets.UTF_8).length());
        assertCode(AuthException.BAD_SIGNATURE, () -> hooks(ref).verify(REF_ID, Long.toString(REF_TS), sig, other));
    }

    @Test
    void secretsParseStrictlyAndNeverPrint() {
        assertCode(AuthException.BAD_SECRET, () -> SharedSecret.standardWebhooks("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertCode(AuthException.BAD_SECRET, () -> SharedSecret.standardWebhooks("whsec_not*base64"));
        assertCode(AuthException.BAD_SECRET, () -> SharedSecret.standardWebhooks("whsec_c2hvcnQ="));
        assertCode(AuthException.BAD_SECRET, () -> StandardWebhooks.of(List.of(), clock));
        SharedSecret generated = SharedSecret.generate(new SecureRandom());
        assertTrue(generated.reveal().startsWith("whsec_"));
        assertEquals(generated, SharedSecret.standardWebhooks(generated.reveal()));
        assertNotEquals(generated, SharedSecret.generate(new SecureRandom()));
        assertFalse(generated.toString().contains(generated.reveal().substring(6)));
        assertEquals(401, assertCode(AuthException.MISSING_SIGNATURE,
                () -> hooks(ref).verify(null, null, null, REF_BODY)).status());
    }

    static AuthException assertCode(String code, org.junit.jupiter.api.function.Executable call) {
        AuthException e = assertThrows(AuthException.class, call);
        assertEquals(code, e.code());
        return e;
    }
}
