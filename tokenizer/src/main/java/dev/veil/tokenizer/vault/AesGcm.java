package dev.veil.tokenizer.vault;

import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM through the JDK's provider (AES-NI and carry-less multiplication intrinsics where the
 * CPU has them, several times faster than a table-free Java AES on a 4 KB view): a sealed box is
 * a random 96-bit nonce, the ciphertext and a 128-bit tag, authenticated together with
 * caller-chosen associated data. Random nonces keep a key safe for about 2^32 boxes; rotate it well
 * before that. The box format is the one Bouncy Castle's GCM wrote before, so older boxes open.
 */
public final class AesGcm {

    /** Nonce length in bytes. */
    public static final int NONCE_BYTES = 12;
    /** Tag length in bytes. */
    public static final int TAG_BYTES = 16;
    /** What a box adds to its plaintext. */
    public static final int OVERHEAD = NONCE_BYTES + TAG_BYTES;

    private static final int KEY_BYTES = 32;

    /** One cipher per thread: looking a cipher up costs more than sealing a short value with it. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    });

    private AesGcm() {}

    /** Encrypts {@code plaintext} under {@code key} with a fresh nonce from {@code random}. */
    public static byte[] seal(SecretKey key, SecureRandom random, byte[] plaintext, byte[] associatedData) {
        requireNonNull(plaintext, "plaintext");
        byte[] box = new byte[NONCE_BYTES + plaintext.length + TAG_BYTES];
        seal(key, random, plaintext, 0, plaintext.length, box, 0, associatedData);
        return box;
    }

    /**
     * Seals the {@code length} plaintext bytes at {@code buffer[from + NONCE_BYTES]} where they lie,
     * so that a caller who wrote them straight into its record's buffer copies nothing: a fresh
     * nonce is written at {@code from}, the ciphertext over the plaintext and the tag right after
     * it. The box, {@code length + OVERHEAD} bytes from {@code from}, is the one {@link #seal} makes.
     *
     * @throws IllegalArgumentException if {@code buffer} has no room for the nonce before or the tag after the plaintext
     */
    public static void sealInPlace(SecretKey key, SecureRandom random, byte[] buffer, int from, int length, byte[] associatedData) {
        requireNonNull(buffer, "buffer");
        if (from < 0 || length < 0 || (long) from + length + OVERHEAD > buffer.length) {
            throw new IllegalArgumentException("buffer: " + buffer.length + " bytes (expected: room for a box of " + length
                    + " plaintext bytes at " + from + ")");
        }
        seal(key, random, buffer, from + NONCE_BYTES, length, buffer, from, associatedData);
    }

    /** Seals {@code length} bytes of {@code in} at {@code inFrom} into the box at {@code out[from]} (in place when they coincide). */
    private static void seal(SecretKey key, SecureRandom random, byte[] in, int inFrom, int length, byte[] out, int from,
            byte[] associatedData) {
        requireNonNull(random, "random");
        requireNonNull(associatedData, "associatedData");
        SecretKey aes = aesKey(key);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, from, NONCE_BYTES);
        GCMParameterSpec spec = new GCMParameterSpec(TAG_BYTES * 8, nonce);
        try {
            Cipher cipher = CIPHERS.get();
            try {
                cipher.init(Cipher.ENCRYPT_MODE, aes, spec);
            } catch (InvalidAlgorithmParameterException repeated) {
                // the JDK refuses the key and nonce of this instance's last box again; only a fixed
                // nonce source (known-answer tests) repeats one, so a fresh instance seals it
                cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, aes, spec);
            }
            cipher.updateAAD(associatedData);
            // for sealInPlace input and output are at the same offset: the JDK's GCM encrypts in place
            cipher.doFinal(in, inFrom, length, out, from + NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Decrypts a box made by {@link #seal} with the same key and associated data.
     *
     * @throws AEADBadTagException if the box was altered, or sealed under another key or associated data
     */
    public static byte[] open(SecretKey key, byte[] box, byte[] associatedData) throws AEADBadTagException {
        requireNonNull(box, "box");
        return open(key, box, 0, box.length, associatedData);
    }

    /**
     * Decrypts the box of {@code length} bytes at {@code buffer[from]} (a record holding it among
     * other fields), as {@link #open(SecretKey, byte[], byte[])} does, without copying it out first.
     *
     * @throws AEADBadTagException if the box was altered, or sealed under another key or associated data
     * @throws IllegalArgumentException if the range lies outside {@code buffer}
     */
    public static byte[] open(SecretKey key, byte[] buffer, int from, int length, byte[] associatedData) throws AEADBadTagException {
        requireNonNull(buffer, "buffer");
        requireNonNull(associatedData, "associatedData");
        if (from < 0 || length < 0 || (long) from + length > buffer.length) {
            throw new IllegalArgumentException("box range outside the buffer");
        }
        SecretKey aes = aesKey(key);
        if (length < OVERHEAD) {
            throw new AEADBadTagException("sealed box: " + length + " bytes (expected: >= " + OVERHEAD + ")");
        }
        byte[] plaintext = new byte[length - OVERHEAD];
        Cipher cipher = CIPHERS.get();
        try {
            cipher.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(TAG_BYTES * 8, buffer, from, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            cipher.doFinal(buffer, from + NONCE_BYTES, length - NONCE_BYTES, plaintext, 0);
        } catch (AEADBadTagException e) {
            Arrays.fill(plaintext, (byte) 0);
            throw new AEADBadTagException("AES-GCM tag mismatch");
        } catch (GeneralSecurityException e) {
            Arrays.fill(plaintext, (byte) 0);
            throw new IllegalStateException("AES-GCM decryption failed (" + e.getClass().getSimpleName() + ")");
        }
        return plaintext;
    }

    /** The key as the JDK's AES cipher takes it; refuses anything but 256 bits. */
    private static SecretKey aesKey(SecretKey key) {
        requireNonNull(key, "key");
        byte[] raw = key.getEncoded();
        try {
            if (raw == null || raw.length != KEY_BYTES) {
                throw new IllegalArgumentException("key: " + (raw == null ? 0 : raw.length) + " bytes (expected: " + KEY_BYTES + ")");
            }
            return "AES".equalsIgnoreCase(key.getAlgorithm()) ? key : new SecretKeySpec(raw, "AES");
        } finally {
            if (raw != null) {
                Arrays.fill(raw, (byte) 0);
            }
        }
    }
}
