package dev.veil.tokenizer.token;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyVersion;

/**
 * {@code fpe-digits}: encrypts the ASCII digits of a value with FF1 (radix 10, AES-256) and leaves
 * every other character where it was, so {@code +1 (555) 010-4477} becomes another string of the
 * same shape. The FF1 tweak is the UTF-8 bytes of the configured tweak (for example
 * {@code acme/phone}); the token records the key version that {@link #detokenize} needs.
 *
 * <p>The value needs at least 6 digits (FF1's minimum domain of 1,000,000) and at most
 * {@value Ff1#MAX_LENGTH}. Non-ASCII digits (such as Arabic-Indic ones) are refused rather than
 * left in clear.
 */
public final class FpeDigitsFormat implements ReversibleTokenFormat {

    /** The format's name in policies. */
    public static final String NAME = "fpe-digits";

    private static final Ff1 FF1 = Ff1.of(10);

    private final KeyProvider keys;
    private final String keyId;
    private final byte[] tweak;

    private FpeDigitsFormat(KeyProvider keys, String keyId, byte[] tweak) {
        this.keys = keys;
        this.keyId = keyId;
        this.tweak = tweak;
    }

    /**
     * A format encrypting under the current version of {@code keyId} with the UTF-8 bytes of
     * {@code tweak} (at most {@value Ff1#MAX_TWEAK_BYTES} bytes; may be empty).
     */
    public static FpeDigitsFormat of(KeyProvider keys, String keyId, String tweak) {
        requireNonNull(keys, "keys");
        requireNonNull(keyId, "keyId");
        return new FpeDigitsFormat(keys, KeyMaterial.checkKeyId(keyId), Ff1.tweakBytes(tweak));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Token tokenize(String value) {
        requireNonNull(value, "value");
        return transform(value, 0, true);
    }

    @Override
    public String detokenize(String token, int keyVersion) {
        requireNonNull(token, "token");
        KeyMaterial.checkVersion(keyVersion);
        return transform(token, keyVersion, false).text();
    }

    /** Encrypts or decrypts with {@code keyVersion}, or the current version when it is 0. */
    private Token transform(String text, int keyVersion, boolean encrypt) {
        int count = countDigits(text);
        FF1.checkLength(NAME, count);
        byte[] numerals = new byte[count];
        char[] chars = text.toCharArray();
        for (int i = 0, n = 0; i < chars.length; i++) {
            if (isAsciiDigit(chars[i])) {
                numerals[n++] = (byte) (chars[i] - '0');
            }
        }
        KeyVersion key = KeyMaterial.resolve(keys, keyId, keyVersion);
        byte[] out = KeyMaterial.ff1(FF1, key, tweak, numerals, encrypt);
        for (int i = 0, n = 0; i < chars.length; i++) {
            if (isAsciiDigit(chars[i])) {
                chars[i] = (char) ('0' + out[n++]);
            }
        }
        return new Token(new String(chars), key.version());
    }

    private static int countDigits(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isAsciiDigit(cp)) {
                count++;
            } else if (Character.isDigit(cp)) {
                throw new TokenizationException(NAME + " accepts only the ASCII digits 0-9");
            }
            i += Character.charCount(cp);
        }
        return count;
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
