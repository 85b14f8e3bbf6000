package dev.veil.tokenizer.token;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyVersion;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;
import javax.crypto.Mac;

/**
 * {@code hash}: a keyed pseudonym such as {@code cust_7Gq2LbX9fR1mZt0K}, the same for the same value
 * and namespace while the key version stays, and not reversible.
 *
 * <p>The pseudonym is the optional prefix followed by {@code length} Base62 characters of
 * HMAC-SHA256 over the namespace (its UTF-8 length as 4 big-endian bytes, then its bytes) and the
 * value's UTF-8 bytes, under the current version of the key. The characters are the MAC's value
 * modulo {@code 62^length}, the low-order end of its {@link Base62} encoding, so each is close to
 * uniform. Rotating the key changes every pseudonym; the token records the version used.
 */
public final class HashFormat implements TokenFormat {

    /** The format's name in policies. */
    public static final String NAME = "hash";

    /** Default number of Base62 characters (about 95 bits). */
    public static final int DEFAULT_LENGTH = 16;

    private static final int MIN_LENGTH = 8;
    private static final int MAX_LENGTH = Base62.encodedLength(32);
    private static final int MAX_NAMESPACE_BYTES = 256;
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_:-]{0,32}");

    private final KeyProvider keys;
    private final String keyId;
    /** What the MAC reads before the value: the namespace's UTF-8 length as 4 big-endian bytes, then its bytes (one update, not five). */
    private final byte[] namespaceInput;
    private final String prefix;
    private final int length;

    private HashFormat(KeyProvider keys, String keyId, byte[] namespace, String prefix, int length) {
        this.keys = keys;
        this.keyId = keyId;
        this.namespaceInput = java.nio.ByteBuffer.allocate(4 + namespace.length).putInt(namespace.length).put(namespace).array();
        this.prefix = prefix;
        this.length = length;
    }

    /** A builder for pseudonyms under {@code keyId} in {@code namespace} (for example a brand). */
    public static Builder builder(KeyProvider keys, String keyId, String namespace) {
        return new Builder(keys, keyId, namespace);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The same value gives the same token while the key stays: nothing random, nothing stored. */
    @Override
    public boolean deterministic() {
        return true;
    }

    @Override
    public Token tokenize(String value) {
        requireNonNull(value, "value");
        KeyVersion key = keys.current(keyId);
        byte[] material = KeyMaterial.bytes(key);
        byte[] mac;
        try {
            Mac hmac = ThreadHmac.forKey(material);
            hmac.update(namespaceInput);
            hmac.update(value.getBytes(StandardCharsets.UTF_8));
            mac = hmac.doFinal();
        } finally {
            Arrays.fill(material, (byte) 0);
        }
        return new Token(prefix.concat(Base62.lastDigits(mac, length)), key.version());
    }

    /** Configures a {@link HashFormat}; parameters are checked in {@link #build()}. */
    public static final class Builder {

        private final KeyProvider keys;
        private final String keyId;
        private final String namespace;
        private String prefix = "";
        private int length = DEFAULT_LENGTH;

        private Builder(KeyProvider keys, String keyId, String namespace) {
            this.keys = requireNonNull(keys, "keys");
            this.keyId = requireNonNull(keyId, "keyId");
            this.namespace = requireNonNull(namespace, "namespace");
        }

        /** Text put before the pseudonym, such as {@code cust_}: up to 32 of {@code A-Za-z0-9_:-}. */
        public Builder prefix(String prefix) {
            this.prefix = requireNonNull(prefix, "prefix");
            return this;
        }

        /** Base62 characters in the pseudonym: 8 to 43, default 16. */
        public Builder length(int length) {
            this.length = length;
            return this;
        }

        /** The format, or {@link IllegalArgumentException} naming the first bad parameter. */
        public HashFormat build() {
            KeyMaterial.checkKeyId(keyId);
            byte[] ns = namespace.getBytes(StandardCharsets.UTF_8);
            if (ns.length == 0 || ns.length > MAX_NAMESPACE_BYTES) {
                throw new IllegalArgumentException("namespace: " + ns.length + " UTF-8 bytes (expected: 1 to "
                        + MAX_NAMESPACE_BYTES + ")");
            }
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException(
                        "prefix: " + prefix + " (expected: up to 32 of A-Z, a-z, 0-9, _, : and -)");
            }
            if (length < MIN_LENGTH || length > MAX_LENGTH) {
                throw new IllegalArgumentException(
                        "length: " + length + " (expected: " + MIN_LENGTH + " to " + MAX_LENGTH + ")");
            }
            return new HashFormat(keys, keyId, ns, prefix, length);
        }
    }
}
