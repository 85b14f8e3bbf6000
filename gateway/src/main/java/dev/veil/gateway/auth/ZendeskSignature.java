package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Verifies Zendesk's own webhook signature: {@code X-Zendesk-Webhook-Signature} is the base64 of
 * HMAC-SHA256, keyed with the webhook's signing secret, of {@code X-Zendesk-Webhook-Signature-Timestamp}
 * (ISO-8601 text) followed directly by the raw body. The timestamp must be within five minutes of
 * the clock; the delivery is named by {@code X-Zendesk-Webhook-Invocation-Id} (the same on Zendesk's
 * retries of one invocation), or by the signed content when that header is missing.
 */
public final class ZendeskSignature implements WebhookVerifier {

    /** The signature header. */
    public static final String SIGNATURE_HEADER = "X-Zendesk-Webhook-Signature";
    /** The timestamp header, for example {@code 2021-03-25T05:09:27Z}. */
    public static final String TIMESTAMP_HEADER = "X-Zendesk-Webhook-Signature-Timestamp";
    /** The invocation id header: one invocation, however often delivered. */
    public static final String INVOCATION_HEADER = "X-Zendesk-Webhook-Invocation-Id";
    /** How far a timestamp may be from the clock, either way. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    /** The signing secret Zendesk documents for test deliveries of a webhook not yet created. */
    public static final String ZENDESK_TEST_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";

    private static final Pattern ID = Pattern.compile("[\\x21-\\x7e]{1,200}");
    private static final String HMAC = "HmacSHA256";

    private final List<SharedSecret> secrets;
    private final Clock clock;

    private ZendeskSignature(List<SharedSecret> secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    /** A verifier accepting any of {@code secrets} (two during a rotation). */
    public static ZendeskSignature of(List<SharedSecret> secrets, Clock clock) {
        requireNonNull(secrets, "secrets");
        if (secrets.isEmpty()) {
            throw AuthException.badSecret("zendesk signing secrets: none configured (expected: at least one)");
        }
        return new ZendeskSignature(List.copyOf(secrets), requireNonNull(clock, "clock"));
    }

    @Override
    public Delivery verify(Headers headers, String pathToken, String peerSubject, byte[] body) {
        requireNonNull(body, "body");
        String signature = headers.get(SIGNATURE_HEADER);
        String timestamp = headers.get(TIMESTAMP_HEADER);
        if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
            throw AuthException.missingSignature("expected the headers " + SIGNATURE_HEADER + " and " + TIMESTAMP_HEADER);
        }
        Instant sent;
        try {
            sent = OffsetDateTime.parse(timestamp.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw AuthException.badSignature(TIMESTAMP_HEADER + ": expected an ISO-8601 time such as 2021-03-25T05:09:27Z");
        }
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(TOLERANCE)) || sent.isAfter(now.plus(TOLERANCE))) {
            throw AuthException.staleTimestamp(TIMESTAMP_HEADER + ": more than " + TOLERANCE.toMinutes() + " minutes from the server's clock");
        }
        byte[] offered;
        try {
            offered = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            throw AuthException.badSignature(SIGNATURE_HEADER + ": not base64");
        }
        byte[] signedTime = timestamp.getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (SharedSecret secret : secrets) {
            matched |= MessageDigest.isEqual(secret.hmac(HMAC, signedTime, body), offered);
        }
        if (!matched) {
            throw AuthException.badSignature(SIGNATURE_HEADER + ": does not match the brand's Zendesk signing secrets");
        }
        String invocation = headers.get(INVOCATION_HEADER);
        String id = invocation != null && ID.matcher(invocation).matches() ? "zd_" + invocation
                : WebhookVerifier.contentId("zd", signedTime, body);
        return new Delivery(id, sent);
    }

    /** The two signature headers' values for {@code body} sent at {@code timestamp} (tests, {@code veil crm test}). */
    public static String sign(SharedSecret secret, String timestamp, byte[] body) {
        return Base64.getEncoder().encodeToString(secret.hmac(HMAC, timestamp.getBytes(StandardCharsets.UTF_8), body));
    }
}
