package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret ({@code whsec_} followed by the base64 of 24 to 64 random
 * bytes); {@link #toString()} never shows it.
 */
public final class WebhookSecret {

    /** The prefix every serialized secret carries. */
    public static final String PREFIX = "whsec_";
    static final int MIN_BYTES = 24;
    static final int MAX_BYTES = 64;
    private static final int GENERATED_BYTES = 32;
    /** What a secret must look like, for messages. */
    public static final String EXPECTED = PREFIX + " then the base64 of " + MIN_BYTES + " to " + MAX_BYTES + " random bytes";

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /**
     * Reads a secret as configured, for example {@code whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw}.
     *
     * @throws AuthException {@code bad_secret} if it lacks the prefix, is not base64 or is too short or long;
     *     the detail names what is wrong and what is expected, never the secret
     */
    public static WebhookSecret parse(String serialized) {
        requireNonNull(serialized, "serialized");
        if (!serialized.startsWith(PREFIX)) {
            throw AuthException.badSecret("webhook secret without the prefix " + PREFIX + " (expected: " + EXPECTED + ")");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(serialized.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw AuthException.badSecret("webhook secret is not base64 after " + PREFIX + " (expected: " + EXPECTED + ")");
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw AuthException.badSecret("webhook secret of " + key.length + " bytes (expected: " + EXPECTED + ")");
        }
        return new WebhookSecret(key);
    }

    /** A new random secret of 32 bytes. */
    public static WebhookSecret generate(SecureRandom random) {
        requireNonNull(random, "random");
        byte[] key = new byte[GENERATED_BYTES];
        random.nextBytes(key);
        return new WebhookSecret(key);
    }

    /** The secret as it is written in configuration: {@code whsec_<base64>}. */
    public String serialized() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The HMAC key; a copy, so callers cannot change the secret. */
    byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret that && MessageDigest.isEqual(key, that.key);
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
