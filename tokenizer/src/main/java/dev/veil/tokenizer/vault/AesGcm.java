package dev.veil.tokenizer.vault;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.modes.gcm.BasicGCMMultiplier;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-256-GCM through Bouncy Castle's lightweight API: a sealed box is a random 96-bit nonce, the
 * ciphertext and a 128-bit tag, authenticated together with caller-chosen associated data.
 * Random nonces keep a key safe for about 2^32 boxes; rotate it well before that.
 */
public final class AesGcm {

    /** Nonce length in bytes. */
    public static final int NONCE_BYTES = 12;
    /** Tag length in bytes. */
    public static final int TAG_BYTES = 16;
    /** What a box adds to its plaintext. */
    public static final int OVERHEAD = NONCE_BYTES + TAG_BYTES;

    private static final int KEY_BYTES = 32;

    private AesGcm() {}

    /** Encrypts {@code plaintext} under {@code key} with a fresh nonce from {@code random}. */
    public static byte[] seal(SecretKey key, SecureRandom random, byte[] plaintext, byte[] associatedData) {
        requireNonNull(random, "random");
        requireNonNull(plaintext, "plaintext");
        requireNonNull(associatedData, "associatedData");
        byte[] box = new byte[NONCE_BYTES + plaintext.length + TAG_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, box, 0, NONCE_BYTES);
        GCMModeCipher cipher = cipher(true, key, nonce, associatedData);
        int written = cipher.processBytes(plaintext, 0, plaintext.length, box, NONCE_BYTES);
        try {
            cipher.doFinal(box, NONCE_BYTES + written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e); // cannot happen when encrypting
        }
        return box;
    }

    /**
     * Decrypts a box made by {@link #seal} with the same key and associated data.
     *
     * @throws AEADBadTagException if the box was altered, or sealed under another key or associated data
     */
    public static byte[] open(SecretKey key, byte[] box, byte[] associatedData) throws AEADBadTagException {
        requireNonNull(box, "box");
        requireNonNull(associatedData, "associatedData");
        if (box.length < OVERHEAD) {
            throw new AEADBadTagException("sealed box: " + box.length + " bytes (expected: >= " + OVERHEAD + ")");
        }
        GCMModeCipher cipher = cipher(false, key, Arrays.copyOf(box, NONCE_BYTES), associatedData);
        byte[] plaintext = new byte[box.length - OVERHEAD];
        int written = cipher.processBytes(box, NONCE_BYTES, box.length - NONCE_BYTES, plaintext, 0);
        try {
            cipher.doFinal(plaintext, written);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(plaintext, (byte) 0);
            throw new AEADBadTagException("AES-GCM tag mismatch");
        }
        return plaintext;
    }

    private static GCMModeCipher cipher(boolean encrypt, SecretKey key, byte[] nonce, byte[] associatedData) {
        requireNonNull(key, "key");
        byte[] raw = key.getEncoded();
        try {
            if (raw == null || raw.length != KEY_BYTES) {
                throw new IllegalArgumentException("key: " + (raw == null ? 0 : raw.length) + " bytes (expected: " + KEY_BYTES + ")");
            }
            // every box has its own cipher, so a per-key 4 KB multiplication table would be built
            // for a few blocks only; the basic multiplier is several times faster here and has no
            // key-dependent table lookups
            GCMModeCipher cipher = GCMBlockCipher.newInstance(AESEngine.newInstance(), new BasicGCMMultiplier());
            cipher.init(encrypt, new AEADParameters(new KeyParameter(raw), TAG_BYTES * 8, nonce, associatedData));
            return cipher;
        } finally {
            if (raw != null) {
                Arrays.fill(raw, (byte) 0);
            }
        }
    }
}
