package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret shared with a CRM as the CRM shows it (Zendesk's signing secret, a GitHub-style or
 * Stripe-style webhook secret, a URL token): used as its UTF-8 bytes, as those CRMs' own examples
 * do. At least 16 characters; {@link #toString()} never shows it.
 */
public final class SharedSecret {

    /** Shortest secret accepted. */
    public static final int MIN_LENGTH = 16;
    /** Longest secret accepted. */
    public static final int MAX_LENGTH = 512;

    private final byte[] bytes;

    private SharedSecret(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The secret as configured.
     *
     * @throws AuthException {@code bad_secret} when shorter than {@value #MIN_LENGTH} or longer than {@value #MAX_LENGTH} characters
     */
    public static SharedSecret of(String text) {
        requireNonNull(text, "text");
        if (text.length() < MIN_LENGTH || text.length() > MAX_LENGTH || text.isBlank()) {
            throw AuthException.badSecret("shared secret of " + text.length() + " characters (expected: " + MIN_LENGTH + " to "
                    + MAX_LENGTH + ")");
        }
        return new SharedSecret(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The secret itself, only to send it to the party it was issued by (a CRM API key, an OAuth client secret). */
    public String reveal() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** HMAC of the parts in turn, with this secret as the key. */
    byte[] hmac(String algorithm, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(bytes, algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(algorithm + " unavailable in this JVM", e);
        }
    }

    /** Whether {@code offered} is this secret, compared in constant time. */
    boolean matches(String offered) {
        return offered != null && MessageDigest.isEqual(bytes, offered.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SharedSecret that && MessageDigest.isEqual(bytes, that.bytes);
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
