package dev.veil.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 key for Standard Webhooks {@code v1a} signatures, written as the spec's secrets are:
 * {@code whsk_} + base64 of the 32-byte private seed (the sender's) or {@code whpk_} + base64 of
 * the 32-byte public key (the receiver's). {@link #toString()} never shows a private key.
 */
public final class Ed25519Key {

    /** The prefix of a serialized private key. */
    public static final String PRIVATE_PREFIX = "whsk_";
    /** The prefix of a serialized public key. */
    public static final String PUBLIC_PREFIX = "whpk_";

    // DER headers that wrap a raw 32-byte Ed25519 key (RFC 8410)
    private static final byte[] PKCS8_HEADER = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};
    private static final byte[] X509_HEADER = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final int RAW = 32;

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final byte[] rawPublic;

    private Ed25519Key(PrivateKey privateKey, PublicKey publicKey, byte[] rawPublic) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.rawPublic = rawPublic;
    }

    /**
     * Reads {@code whsk_...} (a signing key) or {@code whpk_...} (a verifying key).
     *
     * @throws AuthException {@code bad_key} if neither, not base64, or not 32 bytes; never quoting the key
     */
    public static Ed25519Key parse(String serialized) {
        requireNonNull(serialized, "serialized");
        boolean isPrivate = serialized.startsWith(PRIVATE_PREFIX);
        if (!isPrivate && !serialized.startsWith(PUBLIC_PREFIX)) {
            throw AuthException.badKey("ed25519 key without the prefix " + PRIVATE_PREFIX + " or " + PUBLIC_PREFIX);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(serialized.substring(PRIVATE_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw AuthException.badKey("ed25519 key is not base64 after its prefix");
        }
        if (raw.length != RAW) {
            throw AuthException.badKey("ed25519 key of " + raw.length + " bytes (expected: " + RAW + ")");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            if (!isPrivate) {
                return new Ed25519Key(null, factory.generatePublic(new X509EncodedKeySpec(concat(X509_HEADER, raw))), raw);
            }
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_HEADER, raw)));
            return fromPrivate(privateKey);
        } catch (GeneralSecurityException e) {
            throw AuthException.badKey("not an ed25519 key");
        }
    }

    /** A new random signing key. */
    public static Ed25519Key generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(255, requireNonNull(random, "random"));
            KeyPair pair = generator.generateKeyPair();
            byte[] der = pair.getPublic().getEncoded();
            return new Ed25519Key(pair.getPrivate(), pair.getPublic(), Arrays.copyOfRange(der, der.length - RAW, der.length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable in this JVM", e);
        }
    }

    private static Ed25519Key fromPrivate(PrivateKey privateKey) throws GeneralSecurityException {
        // the JDK derives the public key only through signing; derive it from a fresh pair seeded with the same bytes
        byte[] der = privateKey.getEncoded();
        byte[] seed = Arrays.copyOfRange(der, der.length - RAW, der.length);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(255, new FixedRandom(seed));
        KeyPair pair = generator.generateKeyPair();
        byte[] pub = pair.getPublic().getEncoded();
        return new Ed25519Key(privateKey, pair.getPublic(), Arrays.copyOfRange(pub, pub.length - RAW, pub.length));
    }

    /** Whether this key can sign. */
    public boolean canSign() {
        return privateKey != null;
    }

    /** The verifying half, as {@code whpk_...}: what a receiver configures. */
    public String publicSerialized() {
        return PUBLIC_PREFIX + Base64.getEncoder().encodeToString(rawPublic);
    }

    /** The signing key as {@code whsk_...}; only for keys that can sign. */
    public String privateSerialized() {
        if (privateKey == null) {
            throw new IllegalStateException("a public key cannot be written as a private one");
        }
        byte[] der = privateKey.getEncoded();
        return PRIVATE_PREFIX + Base64.getEncoder().encodeToString(Arrays.copyOfRange(der, der.length - RAW, der.length));
    }

    byte[] sign(byte[]... parts) {
        if (privateKey == null) {
            throw new IllegalStateException("a public key cannot sign");
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            for (byte[] part : parts) {
                signature.update(part);
            }
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable in this JVM", e);
        }
    }

    boolean verify(byte[] offered, byte[]... parts) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
            for (byte[] part : parts) {
                signature.update(part);
            }
            return signature.verify(offered);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String toString() {
        return "Ed25519Key[" + (privateKey != null ? "private, redacted" : publicSerialized()) + "]";
    }

    /** Hands out a fixed seed, so the JDK's generator rebuilds the pair of a known private key. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
