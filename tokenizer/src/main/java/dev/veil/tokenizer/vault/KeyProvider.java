package dev.veil.tokenizer.vault;

import java.util.List;

/**
 * Where Veil's secret keys come from: named keys (for example {@code acme/fpe}) with numbered
 * versions, so that tokens made before a rotation still resolve. The local keyring is the
 * default; a HashiCorp Vault backend implements the same interface.
 */
public interface KeyProvider {

    /**
     * The newest version of {@code keyId}, creating version 1 of a 256-bit key on first use when
     * the provider allows it.
     *
     * @throws KeyUnavailableException if the key cannot be had; callers fail closed
     */
    KeyVersion current(String keyId);

    /**
     * A given version of {@code keyId}.
     *
     * @throws KeyUnavailableException if that version does not exist or cannot be had
     */
    KeyVersion version(String keyId, int version);

    /** Adds a new version of {@code keyId} and makes it current; returns it. */
    KeyVersion rotate(String keyId);

    /** Every key with its newest version number, sorted by id; never the material. */
    List<KeyInfo> keys();

    /** A key's id and newest version. */
    record KeyInfo(String keyId, int currentVersion) {}
}
