package dev.veil.tokenizer.vault;

import java.util.List;

/**
 * Where Veil's secret keys come from: named keys (for example {@code acme/card}) with numbered
 * versions, so that tokens made before a rotation still resolve. The local keyring is the
 * default; a HashiCorp Vault backend implements the same interface.
 *
 * <p>Creating a key is an explicit act: {@link #createIfAbsent} or {@link #rotate} (what
 * {@code veil keys init --policy}, {@code veil keys create} and {@code veil keys rotate} call).
 * A lookup ({@link #current}, {@link #version}) never creates anything, so a key that vanished from
 * a keyring is reported as missing instead of being replaced by a fresh key that would strand
 * every token made with the old one. Only providers whose keys live in memory for one run (the
 * command line's throwaway keys, test fixtures) may document that {@link #current} creates
 * version 1 on first use; {@link #createsOnFirstUse()} says so.
 */
public interface KeyProvider {

    /**
     * The newest version of {@code keyId}.
     *
     * @throws KeyUnavailableException if the key does not exist (unless {@link #createsOnFirstUse()})
     *     or cannot be had; callers fail closed
     */
    KeyVersion current(String keyId);

    /**
     * A given version of {@code keyId}; never one that was not created.
     *
     * @throws KeyUnavailableException if that version does not exist or cannot be had
     */
    KeyVersion version(String keyId, int version);

    /**
     * Creates version 1 of a 256-bit key {@code keyId} if the key does not exist yet; never adds a
     * version to an existing key. Returns the key's newest version either way.
     *
     * @throws KeyUnavailableException if the key cannot be created (for example a read-only view)
     */
    KeyVersion createIfAbsent(String keyId);

    /** Adds a new version of {@code keyId} (version 1 for a new key) and makes it current; returns it. */
    KeyVersion rotate(String keyId);

    /** Every key with its newest version number, sorted by id; never the material. */
    List<KeyInfo> keys();

    /**
     * Whether {@link #current} creates version 1 of a missing key: {@code false} for every durable
     * provider; {@code true} only for in-memory providers that document it.
     */
    default boolean createsOnFirstUse() {
        return false;
    }

    /** A key's id and newest version. */
    record KeyInfo(String keyId, int currentVersion) {}
}
