package dev.veil.tokenizer.token;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;

/**
 * Fixed-width Base62 ({@code 0-9A-Za-z}, in ASCII order) for byte strings read as big-endian
 * unsigned numbers: 16 bytes always give 22 characters, 32 bytes 43, so encodings sort like the
 * numbers and every text has one canonical form.
 */
public final class Base62 {

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int CACHED_WIDTHS = 64;
    /** Digits per division pass, and 62 to that power (below 2^30, so a remainder and a word fit in a long). */
    private static final int CHUNK_DIGITS = 5;
    private static final long CHUNK = 62L * 62 * 62 * 62 * 62;
    private static final int[] WIDTHS = new int[CACHED_WIDTHS + 1];

    static {
        for (int n = 0; n <= CACHED_WIDTHS; n++) {
            WIDTHS[n] = computeWidth(n);
        }
    }

    private Base62() {}

    /** The number of characters {@link #encode} makes of {@code byteLength} bytes. */
    public static int encodedLength(int byteLength) {
        if (byteLength < 0) {
            throw new IllegalArgumentException("byteLength: " + byteLength + " (expected: >= 0)");
        }
        return byteLength <= CACHED_WIDTHS ? WIDTHS[byteLength] : computeWidth(byteLength);
    }

    /** Encodes {@code bytes} in exactly {@link #encodedLength encodedLength(bytes.length)} characters. */
    public static String encode(byte[] bytes) {
        requireNonNull(bytes, "bytes");
        return lastDigits(bytes, encodedLength(bytes.length));
    }

    /**
     * The last {@code count} characters of {@link #encode encode(bytes)} (the number modulo
     * {@code 62^count}), computed alone: a pseudonym keeps 16 of a MAC's 43 digits, and the
     * division passes for the leading ones were about half of encoding it.
     */
    static String lastDigits(byte[] bytes, int count) {
        char[] out = new char[count];
        // the number as 32-bit words, most significant first, divided by 62^5 per pass: five digits a pass
        int[] words = new int[(bytes.length + 3) / 4];
        int lead = words.length * 4 - bytes.length;
        for (int i = 0; i < bytes.length; i++) {
            int at = i + lead;
            words[at >> 2] |= (bytes[i] & 0xFF) << (8 * (3 - (at & 3)));
        }
        int start = 0;
        int pos = out.length - 1;
        while (pos >= 0) {
            long remainder = 0;
            for (int i = start; i < words.length; i++) {
                long acc = (remainder << 32) | (words[i] & 0xFFFF_FFFFL);
                words[i] = (int) (acc / CHUNK);
                remainder = acc % CHUNK;
            }
            for (int d = 0; d < CHUNK_DIGITS && pos >= 0; d++) {
                out[pos--] = ALPHABET[(int) (remainder % 62)];
                remainder /= 62;
            }
            while (start < words.length && words[start] == 0) {
                start++;
            }
        }
        return new String(out);
    }

    /**
     * Decodes a text made by {@link #encode} back into {@code byteLength} bytes.
     *
     * @throws IllegalArgumentException if the text has the wrong length, a character outside the
     *     alphabet, or a value that does not fit (messages never repeat the text)
     */
    public static byte[] decode(CharSequence text, int byteLength) {
        requireNonNull(text, "text");
        int width = encodedLength(byteLength);
        if (text.length() != width) {
            throw new IllegalArgumentException(
                    "text: " + text.length() + " characters (expected: " + width + ")");
        }
        byte[] out = new byte[byteLength];
        for (int i = 0; i < width; i++) {
            int carry = valueOf(text.charAt(i), i);
            for (int j = byteLength - 1; j >= 0; j--) {
                int acc = (out[j] & 0xFF) * 62 + carry;
                out[j] = (byte) acc;
                carry = acc >>> 8;
            }
            if (carry != 0) {
                throw new IllegalArgumentException("text: value does not fit in " + byteLength + " bytes");
            }
        }
        return out;
    }

    private static int valueOf(char c, int index) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 36;
        }
        throw new IllegalArgumentException("text: character at index " + index + " is not Base62");
    }

    private static int computeWidth(int byteLength) {
        BigInteger max = BigInteger.ONE.shiftLeft(8 * byteLength);
        BigInteger sixtyTwo = BigInteger.valueOf(62);
        BigInteger power = BigInteger.ONE;
        int width = 0;
        while (power.compareTo(max) < 0) {
            power = power.multiply(sixtyTwo);
            width++;
        }
        return width;
    }
}
