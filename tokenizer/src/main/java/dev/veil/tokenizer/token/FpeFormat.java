package dev.veil.tokenizer.token;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.KeyIds;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyVersion;
import dev.veil.tokenizer.vault.KeyVersionIndex;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code fpe-digits} and {@code fpe-alnum}: encrypts the characters of a value that belong to an
 * {@link Alphabet} with FF1 (AES-256, the alphabet's radix) and leaves every other character where
 * it was, so {@code +1 (555) 010-4477} or {@code AB-1234-XY} becomes another string of the same
 * shape. The FF1 tweak is the UTF-8 bytes of the configured tweak (for example {@code acme/phone}).
 * A token has no room for its key version: the caller keeps it (the {@link Token}'s version) or a
 * {@link KeyVersionIndex} records it ({@link #withVersionIndex}).
 *
 * <p>{@link Alphabet#DIGITS} ({@code fpe-digits}) encrypts the ASCII digits, leaves letters in place
 * and refuses other digits (such as Arabic-Indic ones) rather than leave them in clear; the value
 * needs at least 6 digits (FF1's minimum domain of 1,000,000).
 *
 * <p>The letter alphabets ({@code fpe-alnum}) are fixed by configuration, never guessed per value,
 * which is what makes the round trip exact. {@code upper} (0-9A-Z, radix 36) refuses lowercase
 * letters, {@code lower} (0-9a-z, radix 36) refuses uppercase ones, {@code mixed} (0-9A-Za-z, radix
 * 62) takes both. Token characters are drawn from the whole alphabet, so a digit may become a letter
 * and, with {@code mixed}, an uppercase letter may become a lowercase one. Letters, digits and
 * combining marks outside ASCII (such as {@code é}) are refused rather than left in clear; every
 * other character is a separator. The value needs at least 4 alphabet characters.
 *
 * <p>Every value holds at most {@value Ff1#MAX_LENGTH} alphabet characters.
 */
public final class FpeFormat implements ReversibleTokenFormat {

    /** The name in policies of the format over {@link Alphabet#DIGITS}. */
    public static final String DIGITS_NAME = "fpe-digits";
    /** The name in policies of the format over a letter alphabet. */
    public static final String ALNUM_NAME = "fpe-alnum";

    /** The characters a format encrypts, and those its tokens are made of. */
    public enum Alphabet {
        /** The ASCII digits {@code 0-9}; letters are separators. */
        DIGITS("0123456789"),
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

        /** The letter alphabet {@code fpe-alnum} policies call {@code name}: {@code upper}, {@code lower} or {@code mixed}. */
        public static Alphabet of(String name) {
            requireNonNull(name, "name");
            for (Alphabet a : values()) {
                if (a.hasLetters() && a.policyName().equals(name)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("alphabet: " + name + " (expected: upper, lower or mixed)");
        }

        /** The name policies use. */
        public String policyName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The radix FF1 works in: 10, 36 or 62. */
        public int radix() {
            return symbols.length;
        }

        /** The name of the format over this alphabet: {@code fpe-digits} or {@code fpe-alnum}. */
        public String formatName() {
            return hasLetters() ? ALNUM_NAME : DIGITS_NAME;
        }

        private boolean hasLetters() {
            return this != DIGITS;
        }

        /** Whether {@code cp} is one of the ASCII characters this alphabet's format encrypts or refuses by case. */
        private boolean isCandidate(int cp) {
            return (cp >= '0' && cp <= '9') || hasLetters() && ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'));
        }
    }

    private final KeyProvider keys;
    private final String keyId;
    private final byte[] tweak;
    private final Alphabet alphabet;
    private final FpeKeyVersions versions;

    private FpeFormat(KeyProvider keys, String keyId, byte[] tweak, Alphabet alphabet, FpeKeyVersions versions) {
        this.keys = keys;
        this.keyId = keyId;
        this.tweak = tweak;
        this.alphabet = alphabet;
        this.versions = versions;
    }

    /**
     * A format encrypting {@code alphabet} under the current version of {@code keyId} with the UTF-8
     * bytes of {@code tweak} (at most {@value Ff1#MAX_TWEAK_BYTES} bytes; may be empty).
     */
    public static FpeFormat of(KeyProvider keys, String keyId, String tweak, Alphabet alphabet) {
        requireNonNull(keys, "keys");
        requireNonNull(keyId, "keyId");
        requireNonNull(alphabet, "alphabet");
        return new FpeFormat(keys, KeyMaterial.checkKeyId(keyId), Ff1.tweakBytes(tweak), alphabet,
                FpeKeyVersions.none(keys, keyId));
    }

    /**
     * This format, recording each token's key version in {@code index} (under entries keyed by
     * {@code indexKeyId}, a key other than the token key) so that {@link #detokenize} finds it.
     */
    public FpeFormat withVersionIndex(KeyVersionIndex index, String indexKeyId) {
        requireNonNull(index, "index");
        requireNonNull(indexKeyId, "indexKeyId");
        return new FpeFormat(keys, keyId, tweak, alphabet,
                FpeKeyVersions.indexed(keys, keyId, KeyIds.requireValid(indexKeyId), index, alphabet::isCandidate));
    }

    /** The {@code fpe-digits} format: {@code of(keys, keyId, tweak, Alphabet.DIGITS)}. */
    public static FpeFormat digits(KeyProvider keys, String keyId, String tweak) {
        return of(keys, keyId, tweak, Alphabet.DIGITS);
    }

    @Override
    public String name() {
        return alphabet.formatName();
    }

    /** The configured alphabet. */
    public Alphabet alphabet() {
        return alphabet;
    }

    @Override
    public Token tokenize(String value) {
        requireNonNull(value, "value");
        Token token = transform(value, 0, true);
        versions.record(token.text(), token.keyVersion());
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
        int version = versions.resolve(token, keyVersion);
        return transform(token, version, false).text();
    }

    /** Encrypts or decrypts with {@code keyVersion}, or the current version when it is 0. */
    private Token transform(String text, int keyVersion, boolean encrypt) {
        int count = countSymbols(text);
        alphabet.ff1.checkLength(name(), count);
        char[] chars = text.toCharArray();
        byte[] numerals = new byte[count];
        for (int i = 0, n = 0; i < chars.length; i++) {
            if (alphabet.isCandidate(chars[i])) {
                numerals[n++] = alphabet.numerals[chars[i]];
            }
        }
        KeyVersion key = KeyMaterial.resolve(keys, keyId, keyVersion);
        byte[] out = KeyMaterial.ff1(alphabet.ff1, key, tweak, numerals, encrypt);
        for (int i = 0, n = 0; i < chars.length; i++) {
            if (alphabet.isCandidate(chars[i])) {
                chars[i] = alphabet.symbols[out[n++]];
            }
        }
        return new Token(new String(chars), key.version());
    }

    private int countSymbols(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (alphabet.isCandidate(cp)) {
                if (alphabet.numerals[cp] < 0) {
                    throw new TokenizationException(name() + " with alphabet " + alphabet.policyName()
                            + " does not accept " + (Character.isUpperCase(cp) ? "uppercase" : "lowercase")
                            + " letters");
                }
                count++;
            } else if (isOutsideAscii(cp)) {
                throw new TokenizationException(alphabet.hasLetters()
                        ? ALNUM_NAME + " accepts letters and digits only from A-Z, a-z and 0-9"
                        : DIGITS_NAME + " accepts only the ASCII digits 0-9");
            }
            i += Character.charCount(cp);
        }
        return count;
    }

    /** A character of the alphabet's kind that ASCII lacks, which would be left in clear. */
    private boolean isOutsideAscii(int cp) {
        return alphabet.hasLetters() ? Character.isLetterOrDigit(cp) || isMark(cp) : Character.isDigit(cp);
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
