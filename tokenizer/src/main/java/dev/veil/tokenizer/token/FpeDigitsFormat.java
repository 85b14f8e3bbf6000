package dev.veil.tokenizer.token;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.KeyIds;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyVersionIndex;
import dev.veil.tokenizer.vault.KeyVersion;

/**
 * {@code fpe-digits}: encrypts the ASCII digits of a value with FF1 (radix 10, AES-256) and leaves
 * every other character where it was, so {@code +1 (555) 010-4477} becomes another string of the
 * same shape. The FF1 tweak is the UTF-8 bytes of the configured tweak (for example
 * {@code acme/phone}). A token has no room for its key version: the caller keeps it (the
 * {@link Token}'s version) or a {@link KeyVersionIndex} records it ({@link #withVersionIndex}).
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
    private final FpeKeyVersions versions;

    private FpeDigitsFormat(KeyProvider keys, String keyId, byte[] tweak, FpeKeyVersions versions) {
        this.keys = keys;
        this.keyId = keyId;
        this.tweak = tweak;
        this.versions = versions;
    }

    /**
     * A format encrypting under the current version of {@code keyId} with the UTF-8 bytes of
     * {@code tweak} (at most {@value Ff1#MAX_TWEAK_BYTES} bytes; may be empty).
     */
    public static FpeDigitsFormat of(KeyProvider keys, String keyId, String tweak) {
        requireNonNull(keys, "keys");
        requireNonNull(keyId, "keyId");
        return new FpeDigitsFormat(keys, KeyMaterial.checkKeyId(keyId), Ff1.tweakBytes(tweak), FpeKeyVersions.none(keys, keyId));
    }

    /**
     * This format, recording each token's key version in {@code index} (under entries keyed by
     * {@code indexKeyId}, a key other than the token key) so that {@link #detokenize} finds it.
     */
    public FpeDigitsFormat withVersionIndex(KeyVersionIndex index, String indexKeyId) {
        requireNonNull(index, "index");
        requireNonNull(indexKeyId, "indexKeyId");
        return new FpeDigitsFormat(keys, keyId, tweak, FpeKeyVersions.indexed(keys, keyId, KeyIds.requireValid(indexKeyId), index));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Token tokenize(String value) {
        requireNonNull(value, "value");
        Token token = transform(value, 0, true);
        versions.record(KeyMaterial.symbols(token.text(), FpeDigitsFormat::isAsciiDigit), token.keyVersion());
        return token;
    }

    /**
     * Returns the value of {@code token}, made with key version {@code keyVersion}, or with the
     * version recorded for it when {@code keyVersion} is 0.
     *
     * @throws KeyVersionUnknownException if the version cannot be determined or disagrees with the record
     */
    @Override
    public String detokenize(String token, int keyVersion) {
        requireNonNull(token, "token");
        KeyMaterial.checkVersion(keyVersion);
        countDigits(token); // refuse a malformed token before looking anything up
        int version = versions.resolve(KeyMaterial.symbols(token, FpeDigitsFormat::isAsciiDigit), keyVersion);
        return transform(token, version, false).text();
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
