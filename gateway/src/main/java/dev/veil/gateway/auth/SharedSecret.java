package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret shared with a peer, the one holder of every HMAC key and shared token Veil is configured
 * with; compared in constant time, and {@link #toString()} never shows it.
 *
 * <p>It is written in one of two forms. {@link #of} takes a secret as a CRM shows it (Zendesk's
 * signing secret, a GitHub-style or Stripe-style webhook secret, a URL token, an API key): its UTF-8
 * bytes are the key, as those CRMs' own examples do, and it has at least 16 characters.
 * {@link #standardWebhooks} takes a Standard Webhooks secret ({@code whsec_} followed by the base64
 * of 24 to 64 random bytes): the decoded bytes are the key.
 */
public final class SharedSecret {

    /**
     * A MAC per algorithm and thread, keyed again for each use: choosing the JDK's provider for a new one
     * was about a quarter of verifying a 4 KB webhook. Only the algorithm names in this package's code are used.
     */
    private static final ThreadLocal<Map<String, Mac>> THREAD_MACS = ThreadLocal.withInitial(HashMap::new);

    /** Shortest secret accepted by {@link #of}. */
    public static final int MIN_LENGTH = 16;
    /** Longest secret accepted by {@link #of}. */
    public static final int MAX_LENGTH = 512;
    /** The prefix every Standard Webhooks secret carries. */
    public static final String WHSEC_PREFIX = "whsec_";
    static final int MIN_WHSEC_BYTES = 24;
    static final int MAX_WHSEC_BYTES = 64;
    private static final int GENERATED_BYTES = 32;
    /** What a Standard Webhooks secret must look like, for messages. */
    public static final String WHSEC_EXPECTED = WHSEC_PREFIX + " then the base64 of " + MIN_WHSEC_BYTES + " to " + MAX_WHSEC_BYTES
            + " random bytes";

    private final byte[] bytes;
    /** Whether it is written {@code whsec_<base64>} rather than as its text. */
    private final boolean whsec;

    private SharedSecret(byte[] bytes, boolean whsec) {
        this.bytes = bytes;
        this.whsec = whsec;
    }

    /**
     * The secret as configured, its UTF-8 bytes being the key.
     *
     * @throws AuthException {@code bad_secret} when shorter than {@value #MIN_LENGTH} or longer than {@value #MAX_LENGTH} characters
     */
    public static SharedSecret of(String text) {
        requireNonNull(text, "text");
        if (text.length() < MIN_LENGTH || text.length() > MAX_LENGTH || text.isBlank()) {
            throw AuthException.badSecret("shared secret of " + text.length() + " characters (expected: " + MIN_LENGTH + " to "
                    + MAX_LENGTH + ")");
        }
        return new SharedSecret(text.getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * Reads a Standard Webhooks secret as configured, for example {@code whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw}.
     *
     * @throws AuthException {@code bad_secret} if it lacks the prefix, is not base64 or is too short or long;
     *     the detail names what is wrong and what is expected, never the secret
     */
    public static SharedSecret standardWebhooks(String serialized) {
        requireNonNull(serialized, "serialized");
        if (!serialized.startsWith(WHSEC_PREFIX)) {
            throw AuthException.badSecret("webhook secret without the prefix " + WHSEC_PREFIX + " (expected: " + WHSEC_EXPECTED + ")");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(serialized.substring(WHSEC_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw AuthException.badSecret("webhook secret is not base64 after " + WHSEC_PREFIX + " (expected: " + WHSEC_EXPECTED + ")");
        }
        if (key.length < MIN_WHSEC_BYTES || key.length > MAX_WHSEC_BYTES) {
            throw AuthException.badSecret("webhook secret of " + key.length + " bytes (expected: " + WHSEC_EXPECTED + ")");
        }
        return new SharedSecret(key, true);
    }

    /** A new random Standard Webhooks secret of 32 bytes. */
    public static SharedSecret generate(SecureRandom random) {
        requireNonNull(random, "random");
        byte[] key = new byte[GENERATED_BYTES];
        random.nextBytes(key);
        return new SharedSecret(key, true);
    }

    /**
     * The secret as it is written in configuration ({@code whsec_<base64>} for a Standard Webhooks
     * secret), only to configure or to send it to the party it was issued by (a CRM API key, an OAuth
     * client secret).
     */
    public String reveal() {
        return whsec ? WHSEC_PREFIX + Base64.getEncoder().encodeToString(bytes) : new String(bytes, StandardCharsets.UTF_8);
    }

    /** HMAC of the parts in turn, with this secret as the key; the parts are fed as they are, never copied. */
    byte[] hmac(String algorithm, byte[]... parts) {
        try {
            Mac mac = THREAD_MACS.get().get(algorithm);
            if (mac == null) {
                mac = Mac.getInstance(algorithm);
                THREAD_MACS.get().put(algorithm, mac);
            }
            mac.init(new SecretKeySpec(bytes, algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(algorithm + " unavailable in this JVM", e);
        }
    }

    /** Whether {@code offered} is this secret as written, compared in constant time. */
    boolean matches(String offered) {
        if (offered == null) {
            return false;
        }
        byte[] written = whsec ? reveal().getBytes(StandardCharsets.UTF_8) : bytes;
        return MessageDigest.isEqual(written, offered.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SharedSecret that && whsec == that.whsec && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SharedSecret[redacted]";
    }
}
