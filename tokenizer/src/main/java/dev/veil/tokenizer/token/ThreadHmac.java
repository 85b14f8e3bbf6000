package dev.veil.tokenizer.token;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One JDK HMAC-SHA256 per thread, re-keyed only when the key changes: keying an HMAC (two hash
 * blocks over the padded key) cost about as much as the few blocks a pseudonym, fingerprint or
 * index entry hashes. A caller finishes its MAC ({@code doFinal}) before the thread asks again.
 */
final class ThreadHmac {

    private static final ThreadLocal<ThreadHmac> CURRENT = ThreadLocal.withInitial(ThreadHmac::new);

    private final Mac mac;
    private byte[] key = new byte[0];

    private ThreadHmac() {
        try {
            mac = Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    /** The thread's HMAC-SHA256 keyed with {@code key}, with no input yet; {@code key} stays the caller's to wipe. */
    static Mac forKey(byte[] key) {
        ThreadHmac current = CURRENT.get();
        if (!MessageDigest.isEqual(current.key, key)) {
            try {
                current.mac.init(new SecretKeySpec(key, "HmacSHA256"));
            } catch (InvalidKeyException e) {
                throw new IllegalArgumentException("key: not an HMAC key", e);
            }
            Arrays.fill(current.key, (byte) 0);
            current.key = key.clone();
        } else {
            current.mac.reset(); // a call that failed halfway may have left input behind
        }
        return current.mac;
    }
}
