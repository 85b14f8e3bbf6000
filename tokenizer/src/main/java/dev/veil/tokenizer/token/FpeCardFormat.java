package dev.veil.tokenizer.token;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.KeyIds;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyVersionIndex;
import dev.veil.tokenizer.vault.KeyVersion;
import java.util.Arrays;

/**
 * {@code fpe-card}: turns a Luhn-valid card number of 13 to 19 digits into a token of the same
 * length and grouping that keeps the last {@code keepLast} digits (and the first 6 when asked) and
 * never passes the Luhn check, so it cannot be mistaken for a card.
 *
 * <p>Scheme: the middle digits lie between the kept prefix and suffix; the last middle digit is
 * fixed by Luhn given all the others, so it carries no information and is set aside. The other
 * middle digits ("free" digits) are encrypted with FF1 (radix 10, AES-256) under a tweak made of
 * the configured tweak, the kept-digit counts and the kept digits, so the same middle with another
 * last four gives another token. The set-aside digit is then chosen so that the token's Luhn sum is
 * {@value #TOKEN_LUHN_RESIDUE} modulo 10, never 0. Detokenizing decrypts the free digits and
 * recomputes that digit from Luhn. Every card of a given length and kept digits maps to exactly
 * one token and back; no cycle-walking is involved.
 *
 * <p>FF1 needs at least 6 free digits, so a card needs {@code keepFirst + keepLast + 7} digits:
 * with {@code keepFirst 6, keepLast 4} only 17- to 19-digit cards can be tokenized and shorter
 * ones are refused with a message saying so. Spaces and dashes may group the digits and stay where
 * they were; any other character is refused.
 */
public final class FpeCardFormat implements ReversibleTokenFormat {

    /** The format's name in policies. */
    public static final String NAME = "fpe-card";

    /** A token's Luhn sum modulo 10; a card's is 0. */
    public static final int TOKEN_LUHN_RESIDUE = 1;

    private static final int MIN_DIGITS = 13;
    private static final int MAX_DIGITS = 19;
    private static final int MAX_KEEP_LAST = 4;
    private static final int BIN_LENGTH = 6;
    private static final Ff1 FF1 = Ff1.of(10);

    private final KeyProvider keys;
    private final String keyId;
    private final byte[] tweak;
    private final int keepFirst;
    private final int keepLast;
    private final FpeKeyVersions versions;

    private FpeCardFormat(KeyProvider keys, String keyId, byte[] tweak, int keepFirst, int keepLast, FpeKeyVersions versions) {
        this.keys = keys;
        this.keyId = keyId;
        this.tweak = tweak;
        this.keepFirst = keepFirst;
        this.keepLast = keepLast;
        this.versions = versions;
    }

    /** A builder for {@code keyId} with an empty tweak, keepFirst 0 and keepLast 4. */
    public static Builder builder(KeyProvider keys, String keyId) {
        return new Builder(keys, keyId);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The fewest digits a card needs for this configuration to tokenize it. */
    public int minDigits() {
        return Math.max(MIN_DIGITS, keepFirst + keepLast + 1 + FF1.minLength());
    }

    @Override
    public Token tokenize(String value) {
        requireNonNull(value, "value");
        Token token = transform(value, 0, true);
        versions.record(token.text(), token.keyVersion());
        return token;
    }

    /**
     * Returns the card number of {@code token}, made with key version {@code keyVersion}, or with
     * the version recorded for it when {@code keyVersion} is 0.
     *
     * @throws KeyVersionUnknownException if the version cannot be determined or disagrees with the record
     */
    @Override
    public String detokenize(String token, int keyVersion) {
        requireNonNull(token, "token");
        KeyMaterial.checkVersion(keyVersion);
        countDigits(token.toCharArray()); // refuse a malformed token before looking anything up
        int version = versions.resolve(token, keyVersion);
        return transform(token, version, false).text();
    }

    /** Encrypts or decrypts with {@code keyVersion}, or the current version when it is 0. */
    private Token transform(String text, int keyVersion, boolean encrypt) {
        char[] chars = text.toCharArray();
        int n = countDigits(chars);
        if (n < MIN_DIGITS || n > MAX_DIGITS) {
            throw new TokenizationException(NAME + ": " + n + " digits (expected: " + MIN_DIGITS + " to "
                    + MAX_DIGITS + ")");
        }
        byte[] digits = new byte[n];
        for (int i = 0, d = 0; i < chars.length; i++) {
            if (isDigit(chars[i])) {
                digits[d++] = (byte) (chars[i] - '0');
            }
        }
        int residue = Luhn.residue(digits, n);
        if (encrypt && residue != 0) {
            throw new TokenizationException(NAME + " needs a Luhn-valid card number");
        }
        if (!encrypt && residue != TOKEN_LUHN_RESIDUE) {
            throw new TokenizationException(NAME + ": not a token of this format (its Luhn sum is wrong)");
        }
        int free = n - keepFirst - keepLast - 1;
        if (free < FF1.minLength()) {
            FF1.checkLength(NAME + " with keepFirst " + keepFirst + " and keepLast " + keepLast + " leaves "
                    + free + " free digits in a " + n + "-digit card number", free);
        }
        byte[] middle = Arrays.copyOfRange(digits, keepFirst, keepFirst + free);
        KeyVersion key = KeyMaterial.resolve(keys, keyId, keyVersion);
        byte[] out = KeyMaterial.ff1(FF1, key, tweakFor(digits), middle, encrypt);
        System.arraycopy(out, 0, digits, keepFirst, free);
        int designated = keepFirst + free;
        digits[designated] = 0;
        int others = Luhn.residue(digits, n);
        int target = encrypt ? TOKEN_LUHN_RESIDUE : 0;
        digits[designated] = (byte) Luhn.digitFor(target - others, n - 1 - designated);
        for (int i = 0, d = 0; i < chars.length; i++) {
            if (isDigit(chars[i])) {
                chars[i] = (char) ('0' + digits[d++]);
            }
        }
        return new Token(new String(chars), key.version());
    }

    /** Configured tweak, 0, keepFirst, keepLast, then the kept digits: distinct per configuration. */
    private byte[] tweakFor(byte[] digits) {
        int n = digits.length;
        byte[] t = new byte[tweak.length + 3 + keepFirst + keepLast];
        System.arraycopy(tweak, 0, t, 0, tweak.length);
        int at = tweak.length;
        t[at++] = 0;
        t[at++] = (byte) keepFirst;
        t[at++] = (byte) keepLast;
        System.arraycopy(digits, 0, t, at, keepFirst);
        System.arraycopy(digits, n - keepLast, t, at + keepFirst, keepLast);
        return t;
    }

    private static int countDigits(char[] chars) {
        int count = 0;
        for (char c : chars) {
            if (isDigit(c)) {
                count++;
            } else if (c != ' ' && c != '-') {
                throw new TokenizationException(NAME + " accepts only digits, spaces and dashes");
            }
            if (count > MAX_DIGITS) {
                break;
            }
        }
        return count;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** Configures an {@link FpeCardFormat}; parameters are checked in {@link #build()}. */
    public static final class Builder {

        private final KeyProvider keys;
        private final String keyId;
        private String tweak = "";
        private int keepFirst;
        private int keepLast = MAX_KEEP_LAST;
        private KeyVersionIndex index;
        private String indexKeyId;

        private Builder(KeyProvider keys, String keyId) {
            this.keys = requireNonNull(keys, "keys");
            this.keyId = requireNonNull(keyId, "keyId");
        }

        /** Tweak text, for example {@code acme/card} (at most {@value Ff1#MAX_TWEAK_BYTES} UTF-8 bytes). */
        public Builder tweak(String tweak) {
            this.tweak = requireNonNull(tweak, "tweak");
            return this;
        }

        /** Leading digits kept in clear: 0 or 6 (the issuer's BIN). */
        public Builder keepFirst(int keepFirst) {
            this.keepFirst = keepFirst;
            return this;
        }

        /** Trailing digits kept in clear: 0 to 4. */
        public Builder keepLast(int keepLast) {
            this.keepLast = keepLast;
            return this;
        }

        /**
         * Records each token's key version in {@code index}, under entries keyed by
         * {@code indexKeyId} (a key other than the token key), so that detokenizing finds it.
         */
        public Builder versionIndex(KeyVersionIndex index, String indexKeyId) {
            this.index = requireNonNull(index, "index");
            this.indexKeyId = KeyIds.requireValid(indexKeyId);
            return this;
        }

        /** The format, or {@link IllegalArgumentException} naming the first bad parameter. */
        public FpeCardFormat build() {
            KeyMaterial.checkKeyId(keyId);
            if (keepFirst != 0 && keepFirst != BIN_LENGTH) {
                throw new IllegalArgumentException("keepFirst: " + keepFirst + " (expected: 0 or 6)");
            }
            if (keepLast < 0 || keepLast > MAX_KEEP_LAST) {
                throw new IllegalArgumentException("keepLast: " + keepLast + " (expected: 0 to 4)");
            }
            int mostFree = MAX_DIGITS - keepFirst - keepLast - 1;
            if (mostFree < FF1.minLength()) {
                throw new IllegalArgumentException("keepFirst " + keepFirst + " and keepLast " + keepLast
                        + " leave " + mostFree + " free digits even in a 19-digit card (expected: at least "
                        + FF1.minLength() + ")");
            }
            FpeKeyVersions versions = index == null ? FpeKeyVersions.none(keys, keyId)
                    : FpeKeyVersions.indexed(keys, keyId, indexKeyId, index, FpeCardFormat::isDigit);
            return new FpeCardFormat(keys, keyId, Ff1.tweakBytes(tweak), keepFirst, keepLast, versions);
        }
    }
}
