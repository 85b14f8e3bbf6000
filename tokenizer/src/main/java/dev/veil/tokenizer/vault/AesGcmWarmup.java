package dev.veil.tokenizer.vault;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Runs {@link AesGcm} on throwaway data at start, so that the JIT compiles the JDK's AES-GCM with its
 * AES and carry-less multiplication intrinsics before the first tickets arrive. Until it does, the
 * JDK's GHASH runs as plain Java: a 5 KB ticket record took about 30 µs to seal instead of 3, and
 * under load the compile came only after a minute or more. The key is random and forgotten, the
 * data zeros but for one byte: nothing here touches a real key or value.
 */
public final class AesGcmWarmup {

    /**
     * Rounds enough, with room to spare, for C2 to compile the JDK's GHASH: in a throwaway harness
     * on a busy machine 10,000 did and 6,000 did not (about 0.8 s of CPU for 15,000).
     */
    public static final int ROUNDS = 15_000;
    /** A ticket record's size and a vaulted value's, taken in turn, so both of AES-GCM's paths are warmed. */
    private static final int[] SIZES = {8 * 1024, 48};

    private AesGcmWarmup() {}

    /**
     * Seals and opens {@code rounds} boxes under a throwaway key and checks every round trip; stops
     * early if the thread is interrupted (a node closing while it still warms up).
     *
     * @return the round trips made, each of which gave back what was sealed
     * @throws IllegalStateException if one did not: the JDK's AES-GCM is broken, and nothing should be sealed with it
     */
    public static int run(int rounds) {
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds: " + rounds + " (expected: >= 0)");
        }
        SecureRandom random = new SecureRandom();
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        SecretKey key = new SecretKeySpec(raw, "AES");
        Arrays.fill(raw, (byte) 0);
        byte[] associatedData = {'w', 'a', 'r', 'm'};
        int verified = 0;
        for (int round = 0; round < rounds && !Thread.currentThread().isInterrupted(); round++) {
            byte[] plaintext = new byte[SIZES[round % SIZES.length]];
            plaintext[round % plaintext.length] = (byte) round;
            byte[] box = AesGcm.seal(key, random, plaintext, associatedData);
            try {
                if (!Arrays.equals(AesGcm.open(key, box, associatedData), plaintext)) {
                    throw new IllegalStateException("AES-GCM warm-up: a box opened to other bytes than were sealed");
                }
            } catch (AEADBadTagException e) {
                throw new IllegalStateException("AES-GCM warm-up: a box just sealed did not open");
            }
            verified++;
        }
        return verified;
    }
}
