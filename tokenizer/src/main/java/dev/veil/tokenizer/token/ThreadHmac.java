package dev.veil.tokenizer.token;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * JDK HMAC-SHA256s per thread, one per key for the last few keys, re-keyed only when a key not
 * among them comes: keying an HMAC (two hash blocks over the padded key) cost about as much as the
 * few blocks a pseudonym, fingerprint or index entry hashes, and one ticket's tokens take turns
 * among several keys (a brand's pseudonym, fingerprint and key-version index keys), which re-keyed
 * a single HMAC at nearly every call. A caller finishes its MAC ({@code doFinal}) before the
 * thread asks again.
 */
final class ThreadHmac {

    /** Keys kept keyed per thread: a brand's HMAC keys, and a second brand's in turn. */
    static final int KEYS = 4;

    private static final ThreadLocal<ThreadHmac> CURRENT = ThreadLocal.withInitial(ThreadHmac::new);

    private final Mac[] macs = new Mac[KEYS];
    private final byte[][] keys = new byte[KEYS][];
    /** When each slot was last asked for, by a counter of asks: the least recent is re-keyed. */
    private final long[] used = new long[KEYS];
    private long asks;

    private ThreadHmac() {}

    /** The thread's HMAC-SHA256 keyed with {@code key}, with no input yet; {@code key} stays the caller's to wipe. */
    static Mac forKey(byte[] key) {
        return CURRENT.get().keyed(key);
    }

    private Mac keyed(byte[] key) {
        asks++;
        int oldest = 0;
        for (int slot = 0; slot < KEYS; slot++) {
            if (keys[slot] != null && MessageDigest.isEqual(keys[slot], key)) {
                used[slot] = asks;
                macs[slot].reset(); // a call that failed halfway may have left input behind
                return macs[slot];
            }
            if (used[slot] < used[oldest]) {
                oldest = slot;
            }
        }
        if (macs[oldest] == null) {
            macs[oldest] = newMac();
        }
        try {
            macs[oldest].init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("key: not an HMAC key", e);
        }
        if (keys[oldest] != null) {
            Arrays.fill(keys[oldest], (byte) 0);
        }
        keys[oldest] = key.clone();
        used[oldest] = asks;
        return macs[oldest];
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
