package dev.veil.tokenizer.vault;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The default {@link TokenStore}: one embedded H2 MVStore file holding a map from token to its
 * entry (namespace, key id and version, AES-GCM ciphertext), for convergent mode a map from
 * namespace and fingerprint to token, and the {@link KeyVersionIndex} of format-preserving tokens.
 * It holds only what it is given: ciphertext and keyed fingerprints, never plaintext.
 *
 * <p><b>Durability.</b> The file is a {@link DurableMvStore}: when {@link #put} or
 * {@link #putIfAbsent} returns, the entry (and its fingerprint mapping) has been committed and
 * forced to the storage device (inside a {@link DurableBatch}: when the batch commits), and
 * concurrent writers share commits; see that class for the
 * group commit, the owner-only file and why reusing freed chunks at once is safe. If either
 * throws, nothing was acknowledged: the entry may or may not survive, and is never handed out.
 *
 * <p>A write's two maps are committed together. Files written before that could be left by a
 * crash with a fingerprint mapped to a token that was never stored, which {@link #putIfAbsent}
 * detects and repairs. A file is opened by one process at a time; a second opener gets a clear
 * error. Thread-safe.
 */
public final class MvStoreTokenStore implements TokenStore {

    private final DurableMvStore db;
    /** Whether closing this store closes {@link #db} (not when the file is shared with other stores). */
    private final boolean ownsFile;
    private final MVMap<String, byte[]> tokens;
    private final MVMap<String, String> fingerprints;
    private final MVMap<String, String> keyVersions;

    private MvStoreTokenStore(DurableMvStore db, boolean ownsFile) {
        this.db = db;
        this.ownsFile = ownsFile;
        this.tokens = db.openMap("tokens", new MVMap.Builder<String, byte[]>()
                .keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        this.fingerprints = db.openMap("fingerprints", new MVMap.Builder<String, String>()
                .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        this.keyVersions = db.openMap("keyVersions", new MVMap.Builder<String, String>()
                .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
    }

    /**
     * Opens the store file, creating it (owner-only, with missing parent directories) if needed.
     *
     * @throws IllegalStateException if another process (or another store in this one) has the file
     *     open, or it cannot be opened or is not a token store
     */
    public static MvStoreTokenStore open(Path file) {
        requireNonNull(file, "file");
        DurableMvStore db = DurableMvStore.open(file, "token store");
        try {
            return new MvStoreTokenStore(db, true);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * A token store in its own maps ({@code tokens}, {@code fingerprints}, {@code keyVersions}) of a
     * file shared with other stores, so that a unit of work writing to several of them costs one
     * commit; closing it leaves the file open for its owner to close.
     *
     * @throws IllegalStateException if the file is closed or its maps are not a token store's
     */
    public static MvStoreTokenStore of(DurableMvStore shared) {
        return new MvStoreTokenStore(requireNonNull(shared, "shared"), false);
    }

    /** Where the store lives. */
    public Path path() {
        return db.path();
    }

    /** How many tokens the store holds. */
    public long size() {
        db.requireOpen();
        try {
            return tokens.sizeAsLong();
        } catch (MVStoreException e) {
            throw db.failure("read", e);
        }
    }

    @Override
    public void put(StoredToken entry) {
        requireNonNull(entry, "entry");
        byte[] value = StoredTokenCodec.encode(entry);
        boolean added = db.writeDurably(() -> tokens.putIfAbsent(entry.token(), value) == null);
        if (!added) {
            throw new IllegalStateException("token store: token already exists");
        }
    }

    @Override
    public String putIfAbsent(byte[] fingerprint, StoredToken entry) {
        requireNonNull(fingerprint, "fingerprint");
        requireNonNull(entry, "entry");
        String key = StoredTokenCodec.fingerprintKey(entry.namespace(), fingerprint);
        byte[] value = StoredTokenCodec.encode(entry);
        // durable also when another writer won: its entry must be on disk before we hand its token out
        String winner = db.writeDurably(() -> {
            // the entry first, so that a fingerprint never points at a token not yet in the map
            if (tokens.putIfAbsent(entry.token(), value) != null) {
                return null;
            }
            while (true) {
                String existing = fingerprints.putIfAbsent(key, entry.token());
                if (existing == null) {
                    return entry.token();
                }
                if (tokens.containsKey(existing)) {
                    tokens.remove(entry.token());
                    return existing;
                }
                // mapped to a token lost in a crash between the two maps: take the mapping over
                if (fingerprints.replace(key, existing, entry.token())) {
                    return entry.token();
                }
            }
        });
        if (winner == null) {
            throw new IllegalStateException("token store: token already exists");
        }
        return winner;
    }

    @Override
    public Optional<String> convergentToken(String namespace, byte[] fingerprint) {
        requireNonNull(namespace, "namespace");
        requireNonNull(fingerprint, "fingerprint");
        String key = StoredTokenCodec.fingerprintKey(namespace, fingerprint);
        db.requireOpen();
        String token;
        try {
            String mapped = fingerprints.get(key);
            // a new value stops here (putIfAbsent maps it, under the change lock); a fingerprint
            // mapped to a token a crash lost is not answered, and putIfAbsent repairs it
            token = mapped != null && tokens.containsKey(mapped) ? mapped : null;
        } catch (MVStoreException e) {
            throw db.failure("read", e);
        }
        if (token == null) {
            return Optional.empty();
        }
        // the mapping may be a call's that has not yet appended its frame: never handed out before
        // the log holds it (in a batch: the batch's commit waits for it, once for all its reads)
        db.awaitReads();
        return Optional.of(token);
    }

    @Override
    public Optional<StoredToken> get(String token) {
        requireNonNull(token, "token");
        db.requireOpen();
        byte[] value;
        try {
            value = tokens.get(token);
        } catch (MVStoreException e) {
            throw db.failure("read", e);
        }
        return value == null ? Optional.empty() : Optional.of(StoredTokenCodec.decode(token, value));
    }

    @Override
    public void recordKeyVersion(byte[] entry, int version) {
        requireNonNull(entry, "entry");
        InMemoryTokenStore.requireVersion(version);
        String key = StoredTokenCodec.indexKey(entry);
        if (recorded(key, version)) {
            // durable also when it was recorded already: that record may still be on its way to disk
            db.awaitReads();
            return;
        }
        db.runDurably(() -> {
            // writers run their changes concurrently: compare-and-set, as for fingerprints
            while (true) {
                String old = keyVersions.get(key);
                if (old == null) {
                    if (keyVersions.putIfAbsent(key, StoredTokenCodec.encodeVersions(List.of(version))) == null) {
                        return;
                    }
                    continue;
                }
                List<Integer> added = StoredTokenCodec.withVersion(StoredTokenCodec.decodeVersions(old), version);
                if (added == null || keyVersions.replace(key, old, StoredTokenCodec.encodeVersions(added))) {
                    return;
                }
            }
        });
    }

    /** Whether {@code version} is recorded under {@code key}, read outside any call (a token made before: nothing to write). */
    private boolean recorded(String key, int version) {
        db.requireOpen();
        String value;
        try {
            value = keyVersions.get(key);
        } catch (MVStoreException e) {
            throw db.failure("read", e);
        }
        return value != null && StoredTokenCodec.decodeVersions(value).contains(version);
    }

    @Override
    public List<Integer> keyVersions(byte[] entry) {
        requireNonNull(entry, "entry");
        db.requireOpen();
        String value;
        try {
            value = keyVersions.get(StoredTokenCodec.indexKey(entry));
        } catch (MVStoreException e) {
            throw db.failure("read", e);
        }
        return value == null ? List.of() : StoredTokenCodec.decodeVersions(value);
    }

    @Override
    public void close() {
        if (ownsFile) {
            db.close();
        }
    }

    @Override
    public String toString() {
        return "MvStoreTokenStore[" + db.path() + "]";
    }
}
