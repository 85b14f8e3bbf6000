package dev.veil.tokenizer.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * The per-thread JDK HMAC gives the bytes Bouncy Castle's HMAC-SHA256 gave before it, whatever key
 * came before: pseudonyms, convergent fingerprints and key-version index entries already stored
 * must be found again.
 */
class ThreadHmacTest {

    @Test
    void macsAreBouncyCastlesUnderChangingKeys() {
        SplittableRandom random = new SplittableRandom(7);
        // more keys than the thread keeps keyed, so that keys are dropped and keyed again
        byte[][] keys = new byte[ThreadHmac.KEYS + 2][32];
        for (byte[] key : keys) {
            random.nextBytes(key);
        }
        for (int i = 0; i < 1000; i++) {
            byte[] key = keys[random.nextInt(keys.length)];
            byte[] input = new byte[random.nextInt(200)];
            random.nextBytes(input);
            HMac reference = new HMac(new SHA256Digest());
            reference.init(new KeyParameter(key));
            reference.update(input, 0, input.length);
            byte[] expected = new byte[32];
            reference.doFinal(expected, 0);
            javax.crypto.Mac mac = ThreadHmac.forKey(key.clone());
            if (i % 5 == 0) {
                mac.update((byte) 1); // input left behind by a call that failed halfway is discarded
                mac = ThreadHmac.forKey(key.clone());
            }
            mac.update(input);
            assertThat(mac.doFinal()).isEqualTo(expected);
        }
    }
}
