package dev.veil.tokenizer.token;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.util.RadixConverter;

/**
 * NIST SP 800-38G FF1 format-preserving encryption (AES, through Bouncy Castle's
 * {@link FPEFF1Engine}) over arrays of numerals {@code 0..radix-1} for one radix.
 *
 * <p>Bouncy Castle checks that the radix is 2 to 256 (for byte numerals), that every numeral is
 * below the radix and that {@code radix^length} reaches the 1,000,000 of SP 800-38G Rev. 1; it
 * sets no maximum length for FF1. This class checks the same up front with messages that never
 * contain numerals, and adds a maximum of {@value #MAX_LENGTH} numerals so that no input can make
 * the big-number arithmetic run long. Bouncy Castle's engine is stateful, so each call builds its
 * own; instances of this class are immutable and thread-safe.
 *
 * <p>When {@code radix^ceil(length/2)} is below 2<sup>55</sup> (up to 32 numerals of radix 10,
 * 18 of radix 62: card and phone sizes) the same algorithm runs on {@code long}s instead (see
 * {@link #processSmall}): the CBC-MAC state after the block P and the tweak-only blocks of Q is
 * the same in all ten rounds, so it is computed once per call and each round costs one AES
 * block, encrypted by the JDK's AES (which uses AES-NI) with one cipher per thread, re-keyed only
 * when the key changes. The result is the same bytes; longer values still go through Bouncy Castle.
 */
public final class Ff1 {

    /** The smallest domain ({@code radix^length}) SP 800-38G Rev. 1 allows. */
    public static final int MIN_DOMAIN = 1_000_000;

    /** The most numerals Veil encrypts in one call. */
    public static final int MAX_LENGTH = 4096;

    /** The longest configured tweak, in UTF-8 bytes, that Veil's formats accept. */
    public static final int MAX_TWEAK_BYTES = 256;

    /** Bound on {@code radix^m} for the {@code long} path: {@code (y << 8) | 255} stays below 2^63. */
    private static final long SMALL_LIMIT = 1L << 55;

    private static final int ROUNDS = 10;
    private static final int BLOCK = 16;

    private final int radix;
    private final int minLength;
    private final RadixConverter converter;
    /** {@code radix^m} for every {@code m} whose power is below {@link #SMALL_LIMIT}. */
    private final long[] powers;

    private Ff1(int radix) {
        this.radix = radix;
        this.minLength = minLength(radix);
        this.converter = new RadixConverter(radix);
        long[] p = new long[64];
        int count = 0;
        for (long power = 1; power < SMALL_LIMIT; power *= radix) {
            p[count++] = power;
        }
        this.powers = Arrays.copyOf(p, count);
    }

    /** FF1 over numerals of the given radix (2 to 256). */
    public static Ff1 of(int radix) {
        if (radix < 2 || radix > 256) {
            throw new IllegalArgumentException("radix: " + radix + " (expected: 2 to 256)");
        }
        return new Ff1(radix);
    }

    /** The radix numerals are written in. */
    public int radix() {
        return radix;
    }

    /** The fewest numerals whose domain reaches {@link #MIN_DOMAIN}. */
    public int minLength() {
        return minLength;
    }

    /**
     * Encrypts {@code numerals} under an AES key of 16, 24 or 32 bytes and {@code tweak}; returns a
     * new array of the same length.
     *
     * @throws TokenizationException if the length is outside {@link #minLength()} to
     *     {@link #MAX_LENGTH}
     */
    public byte[] encrypt(byte[] key, byte[] tweak, byte[] numerals) {
        return process(true, key, tweak, numerals);
    }

    /** Reverses {@link #encrypt} with the same key and tweak. */
    public byte[] decrypt(byte[] key, byte[] tweak, byte[] numerals) {
        return process(false, key, tweak, numerals);
    }

    /**
     * Throws unless {@code length} numerals make a domain FF1 may encrypt.
     *
     * @throws TokenizationException if the length is outside {@link #minLength()} to
     *     {@link #MAX_LENGTH}
     */
    public void checkLength(int length) {
        checkLength("FF1", length);
    }

    /** As {@link #checkLength(int)}, with {@code context} (a format's name) opening the message. */
    void checkLength(String context, int length) {
        if (length < minLength) {
            throw new TokenizationException(context + ": domain " + radix + "^" + length
                    + " is below FF1's minimum of 1,000,000 (expected: at least " + minLength
                    + " numerals of radix " + radix + ")");
        }
        if (length > MAX_LENGTH) {
            throw new TokenizationException(context + ": " + length + " numerals (expected: at most "
                    + MAX_LENGTH + ")");
        }
    }

    private byte[] process(boolean encrypt, byte[] key, byte[] tweak, byte[] numerals) {
        requireNonNull(key, "key");
        requireNonNull(tweak, "tweak");
        requireNonNull(numerals, "numerals");
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("key: " + key.length + " bytes (expected: 16, 24 or 32)");
        }
        checkLength(numerals.length);
        for (int i = 0; i < numerals.length; i++) {
            if ((numerals[i] & 0xFF) >= radix) {
                throw new IllegalArgumentException("numerals: index " + i + " is outside radix " + radix);
            }
        }
        if (numerals.length - numerals.length / 2 < powers.length) {
            return processSmall(encrypt, key, tweak, numerals);
        }
        FPEFF1Engine engine = new FPEFF1Engine(AESEngine.newInstance());
        engine.init(encrypt, new FPEParameters(new KeyParameter(key), converter, tweak, false));
        byte[] out = new byte[numerals.length];
        engine.processBlock(numerals, 0, numerals.length, out, 0);
        return out;
    }

    /**
     * FF1 (SP 800-38G, algorithms 7 and 8) for values whose halves fit in a {@code long} below
     * {@link #SMALL_LIMIT}. Then {@code b <= 7}, so the round number and {@code NUM(B)} sit in the
     * last block of Q and {@code d <= 12} bytes of the first PRF block are all of S; everything
     * before that last block depends only on key, tweak and length and is MACed once per call.
     */
    private byte[] processSmall(boolean encrypt, byte[] key, byte[] tweak, byte[] x) {
        int n = x.length;
        int u = n / 2;
        int v = n - u;
        long modU = powers[u];
        long modV = powers[v];
        int b = (Long.SIZE - Long.numberOfLeadingZeros(modV - 1) + 7) / 8; // ceil(ceil(v * log2(radix)) / 8)
        int d = 4 * ((b + 3) / 4) + 4;
        int t = tweak.length;
        int qLength = t + Math.floorMod(-t - b - 1, BLOCK) + 1 + b;

        ThreadAes aes = ThreadAes.forKey(key);
        byte[] prefix = new byte[BLOCK];
        byte[] last = new byte[BLOCK];
        byte[] r = new byte[BLOCK];
        try {
            // P = [1]1 [2]1 [1]1 [radix]3 [10]1 [u mod 256]1 [n]4 [t]4; CBC-MAC with a zero IV.
            prefix[0] = 1;
            prefix[1] = 2;
            prefix[2] = 1;
            prefix[3] = (byte) (radix >>> 16);
            prefix[4] = (byte) (radix >>> 8);
            prefix[5] = (byte) radix;
            prefix[6] = 10;
            prefix[7] = (byte) u;
            putInt(prefix, 8, n);
            putInt(prefix, 12, t);
            aes.encryptInPlace(prefix);
            int lastStart = qLength - BLOCK;
            for (int at = 0; at < lastStart; at += BLOCK) {
                for (int k = 0; k < BLOCK; k++) {
                    int j = at + k;
                    prefix[k] ^= j < t ? tweak[j] : 0;
                }
                aes.encryptInPlace(prefix);
            }
            for (int k = 0; k < BLOCK; k++) {
                int j = lastStart + k;
                last[k] = (byte) (prefix[k] ^ (j < t ? tweak[j] : 0));
            }

            long a = num(x, 0, u);
            long c = num(x, u, n);
            for (int step = 0; step < ROUNDS; step++) {
                int i = encrypt ? step : ROUNDS - 1 - step;
                long mod = (i & 1) == 0 ? modU : modV;
                long numeral = encrypt ? c : a; // NUM(B) when encrypting, NUM(A) when decrypting
                System.arraycopy(last, 0, r, 0, BLOCK);
                r[BLOCK - 1 - b] ^= (byte) i;
                for (int k = 0; k < b; k++) {
                    r[BLOCK - 1 - k] ^= (byte) (numeral >>> (8 * k));
                }
                aes.encryptInPlace(r);
                // y = NUM(S) mod radix^m: the first 8 bytes as one unsigned long, then d - 8 more
                long y = Long.remainderUnsigned(getLong(r), mod);
                for (int k = 8; k < d; k++) {
                    y = ((y << 8) | (r[k] & 0xFF)) % mod;
                }
                if (encrypt) {
                    long next = (a + y) % mod;
                    a = c;
                    c = next;
                } else {
                    long next = c - y;
                    if (next < 0) {
                        next += mod;
                    }
                    c = a;
                    a = next;
                }
            }
            byte[] out = new byte[n];
            str(a, out, 0, u);
            str(c, out, u, n);
            return out;
        } finally {
            Arrays.fill(prefix, (byte) 0);
            Arrays.fill(last, (byte) 0);
            Arrays.fill(r, (byte) 0);
        }
    }

    /**
     * JDK AES ciphers per thread (AES-NI where the CPU has it), one per key for the last few keys,
     * re-keyed only when a key not among them comes: FF1 encrypts about a dozen blocks per value
     * under the same key, building a cipher and its key schedule per value cost more than the
     * blocks themselves, and one ticket's values take turns among several keys (a brand's card and
     * digits profiles, another brand's in the next ticket), which re-keyed a single cipher at
     * nearly every value.
     */
    private static final class ThreadAes {

        /** Keys kept scheduled per thread. */
        private static final int KEYS = 4;

        private static final ThreadLocal<Kept> CURRENT = ThreadLocal.withInitial(Kept::new);

        /** A thread's ciphers, and when each was last asked for (by a count of asks): the least recent is re-keyed. */
        private static final class Kept {
            final ThreadAes[] ciphers = new ThreadAes[KEYS];
            final long[] used = new long[KEYS];
            long asks;
        }

        private final Cipher cipher;
        private final byte[] block = new byte[BLOCK];
        private byte[] key = new byte[0];

        private ThreadAes() {
            try {
                cipher = Cipher.getInstance("AES/ECB/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/ECB/NoPadding is not available in this JDK", e);
            }
        }

        static ThreadAes forKey(byte[] key) {
            Kept kept = CURRENT.get();
            long ask = ++kept.asks;
            int oldest = 0;
            for (int slot = 0; slot < KEYS; slot++) {
                ThreadAes aes = kept.ciphers[slot];
                if (aes != null && MessageDigest.isEqual(aes.key, key)) {
                    kept.used[slot] = ask;
                    return aes;
                }
                if (kept.used[slot] < kept.used[oldest]) {
                    oldest = slot;
                }
            }
            if (kept.ciphers[oldest] == null) {
                kept.ciphers[oldest] = new ThreadAes();
            }
            ThreadAes aes = kept.ciphers[oldest];
            try {
                aes.cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            } catch (InvalidKeyException e) {
                throw new IllegalArgumentException("key: not an AES key", e);
            }
            Arrays.fill(aes.key, (byte) 0);
            aes.key = key.clone();
            kept.used[oldest] = ask;
            return aes;
        }

        /** Encrypts one block in place (ECB: no state carries from one block to the next). */
        void encryptInPlace(byte[] data) {
            try {
                cipher.update(data, 0, BLOCK, block, 0);
            } catch (ShortBufferException e) {
                throw new IllegalStateException(e);
            }
            System.arraycopy(block, 0, data, 0, BLOCK);
            Arrays.fill(block, (byte) 0);
        }
    }

    private static void putInt(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
    }

    private static long getLong(byte[] in) {
        long value = 0;
        for (int k = 0; k < Long.BYTES; k++) {
            value = (value << 8) | (in[k] & 0xFF);
        }
        return value;
    }

    /** NUM_radix of {@code x[from..to)}, most significant numeral first. */
    private long num(byte[] x, int from, int to) {
        long value = 0;
        for (int k = from; k < to; k++) {
            value = value * radix + (x[k] & 0xFF);
        }
        return value;
    }

    /** STR_radix of {@code value} into {@code out[from..to)}, most significant numeral first. */
    private void str(long value, byte[] out, int from, int to) {
        for (int k = to - 1; k >= from; k--) {
            out[k] = (byte) (value % radix);
            value /= radix;
        }
    }

    /** The UTF-8 bytes of a format's configured tweak, validated once at construction. */
    static byte[] tweakBytes(String tweak) {
        requireNonNull(tweak, "tweak");
        byte[] bytes = tweak.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_TWEAK_BYTES) {
            throw new IllegalArgumentException("tweak: " + bytes.length + " UTF-8 bytes (expected: at most "
                    + MAX_TWEAK_BYTES + ")");
        }
        return bytes;
    }

    private static int minLength(int radix) {
        long domain = 1;
        int length = 0;
        while (domain < MIN_DOMAIN) {
            domain *= radix;
            length++;
        }
        return Math.max(length, 2);
    }
}
