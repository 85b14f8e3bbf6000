package dev.veil.tokenizer.token;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
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
 */
public final class Ff1 {

    /** The smallest domain ({@code radix^length}) SP 800-38G Rev. 1 allows. */
    public static final int MIN_DOMAIN = 1_000_000;

    /** The most numerals Veil encrypts in one call. */
    public static final int MAX_LENGTH = 4096;

    /** The longest configured tweak, in UTF-8 bytes, that Veil's formats accept. */
    public static final int MAX_TWEAK_BYTES = 256;

    private final int radix;
    private final int minLength;
    private final RadixConverter converter;

    private Ff1(int radix) {
        this.radix = radix;
        this.minLength = minLength(radix);
        this.converter = new RadixConverter(radix);
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
        FPEFF1Engine engine = new FPEFF1Engine(AESEngine.newInstance());
        engine.init(encrypt, new FPEParameters(new KeyParameter(key), converter, tweak, false));
        byte[] out = new byte[numerals.length];
        engine.processBlock(numerals, 0, numerals.length, out, 0);
        return out;
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
