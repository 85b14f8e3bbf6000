package dev.veil.tokenizer.vault;

import java.util.Optional;

/**
 * Holds vaulted tokens and the {@link KeyVersionIndex} of format-preserving ones. Implementations
 * are thread-safe and hold only ciphertext and keyed hashes; the embedded file store is the
 * default, a HashiCorp Vault or shared SQL store implements the same interface.
 */
public interface TokenStore extends KeyVersionIndex, AutoCloseable {

    /**
     * Stores a new token; durable when this returns (in a {@link DurableBatch} of the embedded
     * store: when the batch commits).
     *
     * @throws IllegalStateException if the token already exists
     */
    void put(StoredToken entry);

    /**
     * Convergent store: if {@code fingerprint} (a keyed HMAC of the value, never the value) is
     * already mapped in the entry's namespace, returns the token stored before and stores nothing;
     * otherwise stores {@code entry} and maps the fingerprint to it, atomically. Durable on return
     * (in a {@link DurableBatch} of the embedded store: when the batch commits).
     */
    String putIfAbsent(byte[] fingerprint, StoredToken entry);

    /** The entry for {@code token}, if any. */
    Optional<StoredToken> get(String token);

    @Override
    void close();
}
