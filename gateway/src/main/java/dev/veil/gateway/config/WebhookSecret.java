package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret ({@code whsec_<base64>}, 24 to 64 bytes of key). Its
 * {@link #toString()} never shows the key, so a secret cannot reach a log by accident.
 */
public final class WebhookSecret {

    /** The prefix every secret is written with. */
    public static final String PREFIX = "whsec_";
    static final int MIN_BYTES = 24;
    static final int MAX_BYTES = 64;
    /** What a secret must look like, as messages say it (never quoting the value). */
    static final String EXPECTED = PREFIX + " then the base64 of " + MIN_BYTES + " to " + MAX_BYTES + " random bytes";

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /** The secret written as {@code whsec_<base64>}; {@link IllegalArgumentException} (without the value) if it is not one. */
    public static WebhookSecret parse(String text) {
        requireNonNull(text, "text");
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a webhook secret (expected: " + EXPECTED + ")");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook secret is not base64 (expected: " + EXPECTED + ")");
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new IllegalArgumentException("webhook secret of " + key.length + " bytes (expected: " + EXPECTED + ")");
        }
        return new WebhookSecret(key);
    }

    /** The HMAC key: a copy. */
    public byte[] key() {
        return key.clone();
    }

    /** The secret as it is written in {@code veil.yaml}, for signing tools such as {@code veil ticket send}. */
    public String encoded() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookSecret other && MessageDigest.isEqual(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
