package dev.veil.tokenizer.token;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.KeyIds;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyVersionIndex;
import dev.veil.tokenizer.vault.KeyVersion;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code fpe-alnum}: encrypts the letters and digits of a value with FF1 over a configured
 * {@link Alphabet} and leaves every other character (dashes, spaces, dots ...) where it was, so
 * {@code AB-1234-XY} becomes another string of the same length with dashes in the same places.
 *
 * <p>Letter case: the alphabet is fixed by configuration, never guessed per value, which is what
 * makes the round trip exact. {@code upper} (0-9A-Z, radix 36) refuses lowercase letters,
 * {@code lower} (0-9a-z, radix 36) refuses uppercase ones, {@code mixed} (0-9A-Za-z, radix 62)
 * takes both. Token characters are drawn from the whole alphabet, so a digit may become a letter
 * and, with {@code mixed}, an uppercase letter may become a lowercase one. Letters, digits and
 * combining marks outside ASCII (such as {@code é}) are refused rather than left in clear; every
 * other character is a separator.
 *
 * <p>The value needs at least 4 alphabet characters (FF1's minimum domain of 1,000,000) and at
 * most {@value Ff1#MAX_LENGTH}. The FF1 tweak is the UTF-8 bytes of the configured tweak. A token
 * has no room for its key version: the caller keeps it (the {@link Token}'s version) or a
 * {@link KeyVersionIndex} records it ({@link #withVersionIndex}).
 */
public final class FpeAlphanumericFormat implements ReversibleTokenFormat {

    /** The format's name in policies. */
    public static final String NAME = "fpe-alnum";

    /** The characters a token may be made of. */
    public enum Alphabet {
        /** Digits and uppercase letters, {@code 0-9A-Z}. */
        UPPER("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        /** Digits and lowercase letters, {@code 0-9a-z}. */
        LOWER("0123456789abcdefghijklmnopqrstuvwxyz"),
        /** Digits and letters of both cases, {@code 0-9A-Za-z}. */
        MIXED("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

        private final char[] symbols;
        private final byte[] numerals = new byte[128];
        private final Ff1 ff1;

        Alphabet(String symbols) {
            this.symbols = symbols.toCharArray();
            Arrays.fill(numerals, (byte) -1);
            for (int i = 0; i < this.symbols.length; i++) {
                numerals[this.symbols[i]] = (byte) i;
            }
            this.ff1 = Ff1.of(this.symbols.length);
        }

        /** The alphabet policies call {@code name}: {@code upper}, {@code lower} or {@code mixed}. */
        public static Alphabet of(String name) {
            requireNonNull(name, "name");
            for (Alphabet a : values()) {
                if (a.policyName().equals(name)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("alphabet: " + name + " (expected: upper, lower or mixed)");
        }

        /** The name policies use. */
        public String policyName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The radix FF1 works in: 36 or 62. */
        public int radix() {
            return symbols.length;
        }

        /** The numeral of ASCII letter or digit {@code c}, or -1 if the alphabet lacks it. */
        int numeral(char c) {
            return numerals[c];
        }

        char symbol(int numeral) {
            return symbols[numeral];
        }
    }

    private final KeyProvider keys;
    private final String keyId;
    private final byte[] tweak;
    private final Alphabet alphabet;
    private final FpeKeyVersions versions;

    private FpeAlphanumericFormat(KeyProvider keys, String keyId, byte[] tweak, Alphabet alphabet, FpeKeyVersions versions) {
        this.keys = keys;
        this.keyId = keyId;
        this.tweak = tweak;
        this.alphabet = alphabet;
        this.versions = versions;
    }

    /**
     * A format encrypting under the current version of {@code keyId} with the UTF-8 bytes of
     * {@code tweak} (at most {@value Ff1#MAX_TWEAK_BYTES} bytes; may be empty) over {@code alphabet}.
     */
    public static FpeAlphanumericFormat of(KeyProvider keys, String keyId, String tweak, Alphabet alphabet) {
        requireNonNull(keys, "keys");
        requireNonNull(keyId, "keyId");
        requireNonNull(alphabet, "alphabet");
        return new FpeAlphanumericFormat(keys, KeyMaterial.checkKeyId(keyId), Ff1.tweakBytes(tweak), alphabet,
                FpeKeyVersions.none(keys, keyId));
    }

    /**
     * This format, recording each token's key version in {@code index} (under entries keyed by
     * {@code indexKeyId}, a key other than the token key) so that {@link #detokenize} finds it.
     */
    public FpeAlphanumericFormat withVersionIndex(KeyVersionIndex index, String indexKeyId) {
        requireNonNull(index, "index");
        requireNonNull(indexKeyId, "indexKeyId");
        return new FpeAlphanumericFormat(keys, keyId, tweak, alphabet,
                FpeKeyVersions.indexed(keys, keyId, KeyIds.requireValid(indexKeyId), index));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The configured alphabet. */
    public Alphabet alphabet() {
        return alphabet;
    }

    @Override
    public Token tokenize(String value) {
        requireNonNull(value, "value");
        Token token = transform(value, 0, true);
        versions.record(KeyMaterial.symbols(token.text(), FpeAlphanumericFormat::isAsciiAlnum), token.keyVersion());
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
        countSymbols(token); // refuse a malformed token before looking anything up
        int version = versions.resolve(KeyMaterial.symbols(token, FpeAlphanumericFormat::isAsciiAlnum), keyVersion);
        return transform(token, version, false).text();
    }

    /** Encrypts or decrypts with {@code keyVersion}, or the current version when it is 0. */
    private Token transform(String text, int keyVersion, boolean encrypt) {
        int count = countSymbols(text);
        alphabet.ff1.checkLength(NAME, count);
        char[] chars = text.toCharArray();
        byte[] numerals = new byte[count];
        for (int i = 0, n = 0; i < chars.length; i++) {
            if (isAsciiAlnum(chars[i])) {
                numerals[n++] = (byte) alphabet.numeral(chars[i]);
            }
        }
        KeyVersion key = KeyMaterial.resolve(keys, keyId, keyVersion);
        byte[] out = KeyMaterial.ff1(alphabet.ff1, key, tweak, numerals, encrypt);
        for (int i = 0, n = 0; i < chars.length; i++) {
            if (isAsciiAlnum(chars[i])) {
                chars[i] = alphabet.symbol(out[n++]);
            }
        }
        return new Token(new String(chars), key.version());
    }

    private int countSymbols(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isAsciiAlnum(cp)) {
                if (alphabet.numeral((char) cp) < 0) {
                    throw new TokenizationException(NAME + " with alphabet " + alphabet.policyName()
                            + " does not accept " + (Character.isUpperCase(cp) ? "uppercase" : "lowercase")
                            + " letters");
                }
                count++;
            } else if (Character.isLetterOrDigit(cp) || isMark(cp)) {
                throw new TokenizationException(
                        NAME + " accepts letters and digits only from A-Z, a-z and 0-9");
            }
            i += Character.charCount(cp);
        }
        return count;
    }

    private static boolean isAsciiAlnum(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
