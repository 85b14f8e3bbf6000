package dev.veil.tokenizer.vault;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link TokenStore} in memory, for tests and ephemeral use (for example {@code veil tokenize}
 * on one file): everything is lost when the process ends. Thread-safe.
 */
public final class InMemoryTokenStore implements TokenStore {

    private final ConcurrentMap<String, StoredToken> tokens = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> fingerprints = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<Integer>> keyVersions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private InMemoryTokenStore() {}

    public static InMemoryTokenStore of() {
        return new InMemoryTokenStore();
    }

    /** How many tokens the store holds. */
    public long size() {
        return tokens.size();
    }

    @Override
    public void put(StoredToken entry) {
        requireNonNull(entry, "entry");
        requireOpen();
        if (tokens.putIfAbsent(entry.token(), copy(entry)) != null) {
            throw new IllegalStateException("token store: token already exists");
        }
    }

    @Override
    public String putIfAbsent(byte[] fingerprint, StoredToken entry) {
        requireNonNull(fingerprint, "fingerprint");
        requireNonNull(entry, "entry");
        requireOpen();
        String key = StoredTokenCodec.fingerprintKey(entry.namespace(), fingerprint);
        if (tokens.putIfAbsent(entry.token(), copy(entry)) != null) {
            throw new IllegalStateException("token store: token already exists");
        }
        String existing = fingerprints.putIfAbsent(key, entry.token());
        if (existing == null) {
            return entry.token();
        }
        tokens.remove(entry.token());
        return existing;
    }

    @Override
    public Optional<String> convergentToken(String namespace, byte[] fingerprint) {
        requireNonNull(namespace, "namespace");
        requireNonNull(fingerprint, "fingerprint");
        requireOpen();
        String mapped = fingerprints.get(StoredTokenCodec.fingerprintKey(namespace, fingerprint));
        return mapped != null && tokens.containsKey(mapped) ? Optional.of(mapped) : Optional.empty();
    }

    @Override
    public Optional<StoredToken> get(String token) {
        requireNonNull(token, "token");
        requireOpen();
        StoredToken entry = tokens.get(token);
        return entry == null ? Optional.empty() : Optional.of(copy(entry));
    }

    @Override
    public void recordKeyVersion(byte[] entry, int version) {
        requireNonNull(entry, "entry");
        requireVersion(version);
        requireOpen();
        keyVersions.merge(StoredTokenCodec.indexKey(entry), List.of(version), (old, added) -> {
            List<Integer> merged = StoredTokenCodec.withVersion(old, version);
            return merged == null ? old : merged;
        });
    }

    @Override
    public List<Integer> keyVersions(byte[] entry) {
        requireNonNull(entry, "entry");
        requireOpen();
        return keyVersions.getOrDefault(StoredTokenCodec.indexKey(entry), List.of());
    }

    static void requireVersion(int version) {
        if (version < 1) {
            throw new IllegalArgumentException("version: " + version + " (expected: >= 1)");
        }
    }

    @Override
    public void close() {
        closed = true;
        tokens.clear();
        fingerprints.clear();
        keyVersions.clear();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("token store is closed");
        }
    }

    /** Stored entries are never shared with callers, who could alter the ciphertext array. */
    private static StoredToken copy(StoredToken entry) {
        return new StoredToken(entry.token(), entry.namespace(), entry.keyId(), entry.keyVersion(), entry.ciphertext().clone());
    }
}
