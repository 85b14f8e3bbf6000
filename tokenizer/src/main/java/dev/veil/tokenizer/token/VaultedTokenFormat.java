package dev.veil.tokenizer.token;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.error.VeilException;
import dev.veil.tokenizer.vault.AesGcm;
import dev.veil.tokenizer.vault.KeyIds;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyVersion;
import dev.veil.tokenizer.vault.StoredToken;
import dev.veil.tokenizer.vault.TokenStore;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;

/**
 * Random vaulted tokens ({@code random} in policies): a prefix ({@code tok_} by default) and 128
 * random bits as 22 base62 characters, for example {@code tok_3xQb0Lr5J8s2mVwYkT1nZa}. The value
 * is encrypted with AES-256-GCM under the current version of the data key, the namespace, token,
 * key id and version bound as associated data, and written to a {@link TokenStore} that records
 * the key version, so tokens made before a rotation still resolve.
 *
 * <p>In convergent mode the same value gets the same token within a namespace: a fingerprint,
 * HMAC-SHA256 under a separate key of the namespace and the value, is mapped to the first token
 * made for it, atomically, so concurrent tokenizations of one value agree. Rotating the
 * fingerprint key starts afresh: values seen again get new tokens, old tokens still resolve.
 *
 * <p>Tokens are only ever resolved in the namespace that made them. Immutable and thread-safe.
 */
public final class VaultedTokenFormat implements ReversibleTokenFormat {

    /** The format's name in policies. */
    public static final String NAME = "random";
    public static final String DEFAULT_PREFIX = "tok_";

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{1,7}_");
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int RANDOM_BYTES = 16;
    /** Digits of 2^128 - 1 in base 62: 22. */
    private static final int RANDOM_CHARS = Base62.encodedLength(RANDOM_BYTES);
    private static final byte[] AAD_LABEL = "veil-vault 1".getBytes(UTF_8);
    private static final byte[] FINGERPRINT_LABEL = "veil-fingerprint 1".getBytes(UTF_8);

    private final KeyProvider keys;
    private final TokenStore store;
    private final SecureRandom random;
    private final String namespace;
    private final byte[] namespaceBytes;
    /** What a fingerprint's MAC reads before the value: its label, the namespace's length and bytes (one update, not three). */
    private final byte[] fingerprintInput;
    private final String prefix;
    private final String dataKeyId;
    private final String fingerprintKeyId;

    private VaultedTokenFormat(Builder builder, String namespace, SecureRandom random) {
        this.keys = builder.keys;
        this.store = builder.store;
        this.random = random;
        this.namespace = namespace;
        this.namespaceBytes = namespace.getBytes(UTF_8);
        this.fingerprintInput = ByteBuffer.allocate(FINGERPRINT_LABEL.length + 4 + namespaceBytes.length)
                .put(FINGERPRINT_LABEL).putInt(namespaceBytes.length).put(namespaceBytes).array();
        this.prefix = builder.prefix;
        this.dataKeyId = builder.dataKeyId != null ? builder.dataKeyId : namespace + "/vault";
        this.fingerprintKeyId = !builder.convergent ? null
                : builder.fingerprintKeyId != null ? builder.fingerprintKeyId : namespace + "/fingerprint";
    }

    /** Starts a format that takes keys from {@code keys} and writes tokens to {@code store}. */
    public static Builder builder(KeyProvider keys, TokenStore store) {
        return new Builder(keys, store);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The namespace (for example a brand) whose tokens this format makes and resolves. */
    public String namespace() {
        return namespace;
    }

    /** Whether equal values get equal tokens. */
    public boolean convergent() {
        return fingerprintKeyId != null;
    }

    /**
     * Returns a new vaulted token for {@code value} (in convergent mode, the one made before for it),
     * after the store made it durable (inside a {@link dev.veil.tokenizer.vault.DurableBatch} of the
     * embedded store: once the batch commits, before which it must not be handed out). The returned {@link Token}'s key version is 0: the store
     * records it.
     *
     * @throws TokenizationException if the value is not well-formed UTF-16, or a key or the store is
     *     unavailable (fail closed: no token is returned)
     */
    @Override
    public Token tokenize(String value) {
        requireNonNull(value, "value");
        byte[] plaintext = utf8(value);
        try {
            KeyVersion dataKey = keys.current(dataKeyId); // first, as before: no token while the data key is unavailable
            byte[] fingerprint = null;
            if (fingerprintKeyId != null) {
                fingerprint = fingerprint(plaintext);
                // a value seen before (most are) needs no new entry sealed only to be thrown away
                String known = convergentToken(fingerprint).orElse(null);
                if (known != null) {
                    // the draws a new token would have taken (its bits, then the nonce): a seeded random
                    // then gives every later token as before this look-up existed, which fixtures and the
                    // engine's output regression digest rely on; one draw costs far less than the seal
                    // and the store writes it replaces
                    random.nextBytes(new byte[RANDOM_BYTES]);
                    random.nextBytes(new byte[AesGcm.NONCE_BYTES]);
                    return new Token(known, 0);
                }
            }
            String token = newToken();
            byte[] ciphertext = AesGcm.seal(dataKey.key(), random, plaintext, associatedData(token, dataKey.keyId(), dataKey.version()));
            StoredToken entry = new StoredToken(token, namespace, dataKey.keyId(), dataKey.version(), ciphertext);
            if (fingerprint == null) {
                store(entry);
                return new Token(token, 0);
            }
            return new Token(storeConvergent(fingerprint, entry), 0);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Returns the value that {@code token} stands for; {@code keyVersion} is ignored, the store
     * records it.
     *
     * @throws TokenizationException if the token is malformed, unknown in this namespace, its entry
     *     fails authentication, or its key or the store is unavailable; messages never contain the
     *     token or the value
     */
    @Override
    public String detokenize(String token, int keyVersion) {
        requireNonNull(token, "token");
        if (!isWellFormed(token)) {
            throw new TokenizationException("malformed token (expected: " + prefix + " and " + RANDOM_CHARS + " letters or digits)");
        }
        StoredToken entry = lookUp(token).orElse(null);
        if (entry == null || !entry.namespace().equals(namespace)) {
            // a token of another namespace is unknown here; saying more would confirm that it exists
            throw new TokenizationException("unknown token");
        }
        KeyVersion key;
        try {
            key = keys.version(entry.keyId(), entry.keyVersion());
        } catch (IllegalArgumentException e) {
            throw new TokenizationException("stored token names an invalid key id (the store was altered)");
        }
        byte[] plaintext;
        try {
            plaintext = AesGcm.open(key.key(), entry.ciphertext(), associatedData(token, entry.keyId(), entry.keyVersion()));
        } catch (AEADBadTagException e) {
            throw new TokenizationException("stored token fails authentication (altered in the store, or made with another keyring)");
        }
        try {
            return new String(plaintext, UTF_8);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private void store(StoredToken entry) {
        try {
            store.put(entry);
        } catch (TokenizationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw TokenizationException.storeUnavailable("token store: write failed", e);
        }
    }

    private String storeConvergent(byte[] fingerprint, StoredToken entry) {
        try {
            return store.putIfAbsent(fingerprint, entry);
        } catch (TokenizationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw TokenizationException.storeUnavailable("token store: write failed", e);
        }
    }

    private Optional<String> convergentToken(byte[] fingerprint) {
        try {
            return store.convergentToken(namespace, fingerprint);
        } catch (TokenizationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw TokenizationException.storeUnavailable("token store: read failed", e);
        }
    }

    private Optional<StoredToken> lookUp(String token) {
        try {
            return store.get(token);
        } catch (TokenizationException e) {
            throw e;
        } catch (VeilException e) {
            throw e; // a corrupt entry, reported as such
        } catch (RuntimeException e) {
            throw TokenizationException.storeUnavailable("token store: read failed", e);
        }
    }

    private String newToken() {
        byte[] bits = new byte[RANDOM_BYTES];
        random.nextBytes(bits);
        return prefix + Base62.encode(bits);
    }

    private boolean isWellFormed(String token) {
        if (token.length() != prefix.length() + RANDOM_CHARS || !token.startsWith(prefix)) {
            return false;
        }
        try {
            Base62.decode(CharBuffer.wrap(token, prefix.length(), token.length()), RANDOM_BYTES);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Re-encrypts a stored entry under the newest version of its key (what {@code veil keys rewrap}
     * does after a rotation): the value is opened with the entry's version and sealed again with
     * the current one; token and namespace stay. Returns {@code entry} itself when it already uses
     * the newest version.
     *
     * @throws dev.veil.tokenizer.vault.KeyUnavailableException if a key version cannot be had (retired, say)
     * @throws TokenizationException if the entry does not open under its key version
     */
    public static StoredToken rewrap(StoredToken entry, KeyProvider keys, SecureRandom random) {
        KeyVersion newest = keys.current(entry.keyId());
        if (newest.version() <= entry.keyVersion()) {
            return entry;
        }
        KeyVersion old = keys.version(entry.keyId(), entry.keyVersion());
        byte[] namespace = entry.namespace().getBytes(UTF_8);
        byte[] plaintext;
        try {
            plaintext = AesGcm.open(old.key(), entry.ciphertext(), associatedData(namespace, entry.token(), entry.keyId(), entry.keyVersion()));
        } catch (javax.crypto.AEADBadTagException e) {
            throw new TokenizationException("a stored entry does not open under its key version");
        }
        try {
            byte[] sealed = AesGcm.seal(newest.key(), random, plaintext, associatedData(namespace, entry.token(), entry.keyId(), newest.version()));
            return new StoredToken(entry.token(), entry.namespace(), entry.keyId(), newest.version(), sealed);
        } finally {
            java.util.Arrays.fill(plaintext, (byte) 0);
        }
    }

    private byte[] associatedData(String token, String keyId, int keyVersion) {
        return associatedData(namespaceBytes, token, keyId, keyVersion);
    }

    private static byte[] associatedData(byte[] namespaceBytes, String token, String keyId, int keyVersion) {
        byte[] tokenBytes = token.getBytes(UTF_8);
        byte[] keyIdBytes = keyId.getBytes(UTF_8);
        return ByteBuffer.allocate(AAD_LABEL.length + 4 + namespaceBytes.length + 4 + tokenBytes.length + 4 + keyIdBytes.length + 4)
                .put(AAD_LABEL)
                .putInt(namespaceBytes.length).put(namespaceBytes)
                .putInt(tokenBytes.length).put(tokenBytes)
                .putInt(keyIdBytes.length).put(keyIdBytes)
                .putInt(keyVersion)
                .array();
    }

    private byte[] fingerprint(byte[] plaintext) {
        byte[] raw = KeyMaterial.bytes(keys.current(fingerprintKeyId));
        javax.crypto.Mac mac;
        try {
            mac = ThreadHmac.forKey(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
        mac.update(fingerprintInput);
        mac.update(plaintext);
        return mac.doFinal();
    }

    /** UTF-8, refusing unpaired surrogates, which would not come back as they went in. */
    private static byte[] utf8(String value) {
        boolean surrogates = false;
        for (int i = 0; i < value.length() && !surrogates; i++) {
            surrogates = Character.isSurrogate(value.charAt(i));
        }
        if (!surrogates) {
            return value.getBytes(UTF_8);
        }
        ByteBuffer encoded;
        try {
            encoded = UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            throw new TokenizationException("value: not well-formed UTF-16 (expected: no unpaired surrogates)");
        }
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "VaultedTokenFormat[namespace=" + namespace + ", prefix=" + prefix + ", convergent=" + convergent() + "]";
    }

    /** Configures a {@link VaultedTokenFormat}; only the namespace is required. */
    public static final class Builder {

        private final KeyProvider keys;
        private final TokenStore store;
        private SecureRandom random;
        private String namespace;
        private String prefix = DEFAULT_PREFIX;
        private String dataKeyId;
        private boolean convergent;
        private String fingerprintKeyId;

        private Builder(KeyProvider keys, TokenStore store) {
            this.keys = requireNonNull(keys, "keys");
            this.store = requireNonNull(store, "store");
        }

        /**
         * The namespace, usually the brand: lower case letters, digits and {@code . _ -}, at most 64.
         * Keys default to {@code <namespace>/vault} and {@code <namespace>/fingerprint}.
         */
        public Builder namespace(String namespace) {
            requireNonNull(namespace, "namespace");
            if (!NAMESPACE.matcher(namespace).matches()) {
                throw new IllegalArgumentException("namespace: " + namespace
                        + " (expected: lower case letters, digits and . _ -, starting with a letter or digit, at most 64)");
            }
            this.namespace = namespace;
            return this;
        }

        /** The token prefix, {@code tok_} by default: a lower case letter, 1 to 7 letters or digits, and {@code _}. */
        public Builder prefix(String prefix) {
            requireNonNull(prefix, "prefix");
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("prefix: " + prefix + " (expected: a lower case letter, 1 to 7 lower case letters or digits, then _)");
            }
            this.prefix = prefix;
            return this;
        }

        /** The key that encrypts values, {@code <namespace>/vault} by default. */
        public Builder dataKeyId(String dataKeyId) {
            this.dataKeyId = KeyIds.requireValid(dataKeyId);
            return this;
        }

        /** Equal values get equal tokens, fingerprinted under {@code <namespace>/fingerprint}. */
        public Builder convergent() {
            this.convergent = true;
            return this;
        }

        /** Equal values get equal tokens, fingerprinted under {@code fingerprintKeyId}. */
        public Builder convergent(String fingerprintKeyId) {
            this.fingerprintKeyId = KeyIds.requireValid(fingerprintKeyId);
            this.convergent = true;
            return this;
        }

        /** The source of tokens and nonces; a new {@link SecureRandom} by default. */
        public Builder random(SecureRandom random) {
            this.random = requireNonNull(random, "random");
            return this;
        }

        public VaultedTokenFormat build() {
            if (namespace == null) {
                throw new IllegalStateException("namespace: not set (expected: the brand or other namespace of the tokens)");
            }
            VaultedTokenFormat format = new VaultedTokenFormat(this, namespace, random != null ? random : new SecureRandom());
            if (format.dataKeyId.equals(format.fingerprintKeyId)) {
                throw new IllegalArgumentException("fingerprintKeyId: " + format.fingerprintKeyId + " (expected: a key other than the data key)");
            }
            return format;
        }
    }
}
