package dev.veil.tokenizer.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** {@link Ff1} (its {@code long} path for short values, Bouncy Castle for long ones) against {@link Ff1Reference}. */
class Ff1ReferenceTest {

    @Property(tries = 400)
    void encryptsAndDecryptsLikeTheReference(
            @ForAll @IntRange(min = 2, max = 256) int radix,
            @ForAll @IntRange(min = 0, max = 40) int extraLength,
            @ForAll @Size(max = 40) byte[] tweak,
            @ForAll @IntRange(min = 0, max = 2) int keySize,
            @ForAll long seed) {
        Ff1 ff1 = Ff1.of(radix);
        int length = ff1.minLength() + extraLength;
        Random random = new Random(seed);
        byte[] key = new byte[16 + 8 * keySize];
        random.nextBytes(key);
        byte[] x = new byte[length];
        for (int i = 0; i < length; i++) {
            x[i] = (byte) random.nextInt(radix);
        }

        byte[] expected = Ff1Reference.encrypt(radix, key, tweak, x);
        assertThat(ff1.encrypt(key, tweak, x)).isEqualTo(expected);
        assertThat(ff1.decrypt(key, tweak, expected)).isEqualTo(x);
        assertThat(Ff1Reference.decrypt(radix, key, tweak, expected)).isEqualTo(x);
    }

    /** Radix 10 at every length around the switch from {@code long}s (32 numerals) to Bouncy Castle. */
    @Property(tries = 200)
    void decimalLengthsAroundTheLongLimitMatchTheReference(
            @ForAll @IntRange(min = 6, max = 40) int length,
            @ForAll @Size(max = 40) byte[] tweak,
            @ForAll long seed) {
        Random random = new Random(seed);
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] x = new byte[length];
        for (int i = 0; i < length; i++) {
            x[i] = (byte) random.nextInt(10);
        }
        Ff1 ff1 = Ff1.of(10);
        byte[] expected = Ff1Reference.encrypt(10, key, tweak, x);
        assertThat(ff1.encrypt(key, tweak, x)).isEqualTo(expected);
        assertThat(ff1.decrypt(key, tweak, expected)).isEqualTo(x);
    }

    /**
     * A thread keeps the ciphers of its last few keys scheduled: values under keys taking turns,
     * more keys than it keeps, each encrypt as the reference does (a kept cipher is never one of
     * another key, and a dropped one is keyed again).
     */
    @Example
    void keysTakingTurnsEncryptLikeTheReference() {
        Random random = new Random(17);
        byte[][] keys = new byte[7][32];
        for (byte[] key : keys) {
            random.nextBytes(key);
        }
        Ff1 ff1 = Ff1.of(10);
        byte[] tweak = {1, 2, 3};
        for (int i = 0; i < 500; i++) {
            // mostly the first three keys, as a ticket's profiles take turns; now and then another
            byte[] key = keys[random.nextInt(4) < 3 ? random.nextInt(3) : 3 + random.nextInt(4)];
            byte[] x = new byte[6 + random.nextInt(14)];
            for (int k = 0; k < x.length; k++) {
                x[k] = (byte) random.nextInt(10);
            }
            byte[] expected = Ff1Reference.encrypt(10, key, tweak, x);
            assertThat(ff1.encrypt(key, tweak, x)).as("value %d", i).isEqualTo(expected);
            assertThat(ff1.decrypt(key, tweak, expected)).isEqualTo(x);
        }
    }
}
