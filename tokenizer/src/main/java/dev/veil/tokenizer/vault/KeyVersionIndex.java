package dev.veil.tokenizer.vault;

import java.util.List;

/**
 * Where Veil records which key version made each format-preserving token, which has no room for
 * it, so that detokenizing never has to guess. Entries are keyed by an opaque index entry (a keyed
 * HMAC of the key id and the token, never the token or the value) and hold the versions recorded
 * for it, more than one when two versions happened to give the same token. Implementations are
 * thread-safe; a durable one makes a record durable before {@link #recordKeyVersion} returns.
 */
public interface KeyVersionIndex {

    /**
     * Adds {@code version} to the versions recorded for {@code entry}; recording a version twice
     * changes nothing. Durable on return (in a {@link DurableBatch} of the embedded store: when the
     * batch commits).
     */
    void recordKeyVersion(byte[] entry, int version);

    /** The versions recorded for {@code entry}, ascending; empty if none. */
    List<Integer> keyVersions(byte[] entry);
}
