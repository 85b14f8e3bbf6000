package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Checks that a webhook delivery comes from the brand's CRM, by whichever scheme the brand's CRM
 * uses (Standard Webhooks, Zendesk, GitHub-style {@code X-Hub-Signature}, Stripe-style, or a shared
 * token for senders that cannot sign), and names the delivery for replay protection.
 */
@FunctionalInterface
public interface WebhookVerifier {

    /**
     * Verifies one delivery.
     *
     * @param headers the request's headers, looked up case-insensitively
     * @param pathToken the secret token from the request's URL, or null when the URL has none
     * @param peerSubject the subject of the client certificate (mutual TLS), or null without one
     * @param body the raw body, never decoded before the check
     * @return the delivery's id (the sender's, or one derived from the signed content) and time
     * @throws AuthException {@code missing_signature}, {@code bad_signature} or {@code stale_timestamp}
     */
    Delivery verify(Headers headers, String pathToken, String peerSubject, byte[] body);

    /** The request's headers. */
    @FunctionalInterface
    interface Headers {
        /** The value of {@code name} (any case), or null when absent. */
        String get(String name);
    }

    /** A verified delivery: an id to remember the first answer under, and the send time when the scheme carries one. */
    record Delivery(String id, Instant sent) {
        public Delivery {
            requireNonNull(id, "id");
        }
    }

    /** An id for schemes without a delivery id: the hex SHA-256 of what was signed, so a replay maps to the same id. */
    static String contentId(String scheme, byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(scheme.getBytes(StandardCharsets.UTF_8));
            for (byte[] part : parts) {
                sha.update((byte) 0);
                sha.update(part);
            }
            return scheme + "_" + HexFormat.of().formatHex(sha.digest(), 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable in this JVM", e);
        }
    }
}
