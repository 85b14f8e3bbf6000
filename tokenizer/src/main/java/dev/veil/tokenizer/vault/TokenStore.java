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

    /**
     * Convergent look-up, before a value is sealed for {@link #putIfAbsent}: the token that
     * {@code fingerprint} is mapped to in {@code namespace}, if that token is stored, durable on
     * return as {@link #putIfAbsent} makes the token it returns (in a {@link DurableBatch} of the
     * embedded store: when the batch commits); otherwise empty. Stores nothing. Empty is always a
     * correct answer (the caller then goes on with {@link #putIfAbsent}, which decides), and is what
     * a store answers that has no cheaper way than {@link #putIfAbsent} to find out. Why it
     * exists: most values of a convergent namespace were seen before, and sealing a new entry only
     * to throw it away cost more than the look-up.
     */
    default Optional<String> convergentToken(String namespace, byte[] fingerprint) {
        return Optional.empty();
    }

    /** The entry for {@code token}, if any. */
    Optional<StoredToken> get(String token);

    @Override
    void close();
}
