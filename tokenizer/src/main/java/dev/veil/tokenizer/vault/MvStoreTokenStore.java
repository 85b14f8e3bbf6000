package dev.veil.tokenizer.vault;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The default {@link TokenStore}: one embedded H2 MVStore file holding a map from token to its
 * entry (namespace, key id and version, AES-GCM ciphertext), for convergent mode a map from
 * namespace and fingerprint to token, and the {@link KeyVersionIndex} of format-preserving tokens. It holds only what it is given: ciphertext, never plaintext.
 *
 * <p><b>Durability.</b> When {@link #put} or {@link #putIfAbsent} returns, the entry (and its
 * fingerprint mapping) has been committed as a new MVStore chunk and the file has been forced to
 * the storage device ({@code FileChannel.force(true)}, that is fsync); it survives a crash of the
 * process or of the machine, as far as the disk honours fsync. If either throws, nothing was
 * acknowledged: the entry may or may not survive, and is never handed out. Concurrent writers
 * share commits (group commit): a writer that finds a commit in progress waits for it, and the
 * next commit covers every write that arrived meanwhile, so a burst of N writers costs far fewer
 * than N fsyncs. MVStore's background writer is off (its asynchronous commits could race an
 * explicit one), and chunks that no longer hold live data are reused once 100 newer versions
 * exist rather than after MVStore's default 45 seconds, which keeps the file compact and is safe
 * because every commit is forced to disk before a later one may overwrite anything.
 *
 * <p>Writes are atomic per map, not across both maps: a crash between them can leave a
 * fingerprint mapped to a token that was never stored, which {@link #putIfAbsent} detects and
 * repairs. A file is opened by one process at a time; a second opener gets a clear error.
 * Thread-safe.
 */
public final class MvStoreTokenStore implements TokenStore {

    private static final int VERSIONS_TO_KEEP = 100;

    private final Path file;
    private final MVStore store;
    private final MVMap<String, byte[]> tokens;
    private final MVMap<String, String> fingerprints;
    private final MVMap<String, String> keyVersions;
    /** Map writes completed so far; a commit that starts later covers all of them. */
    private final AtomicLong writes = new AtomicLong();
    private final ReentrantLock commitLock = new ReentrantLock();
    /** Map writes known to be on disk; guarded by {@link #commitLock}. */
    private long durableWrites;

    private MvStoreTokenStore(Path file, MVStore store) {
        this.file = file;
        this.store = store;
        this.tokens = store.openMap("tokens", new MVMap.Builder<String, byte[]>()
                .keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        this.fingerprints = store.openMap("fingerprints", new MVMap.Builder<String, String>()
                .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        this.keyVersions = store.openMap("keyVersions", new MVMap.Builder<String, String>()
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
        Path path = file.toAbsolutePath().normalize();
        try {
            OwnerOnlyFiles.createDirectories(path.getParent());
            if (!Files.exists(path)) {
                OwnerOnlyFiles.createFile(path);
            }
        } catch (FileAlreadyExistsException e) {
            // created by someone else meanwhile: MVStore's lock decides who may use it
        } catch (IOException e) {
            throw new IllegalStateException("token store " + path + ": cannot create it", e);
        }
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(path.toString()).autoCommitDisabled().open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new IllegalStateException("token store " + path
                        + " is in use by another process (or already open in this one); stop it or use another file", e);
            }
            throw new IllegalStateException("token store " + path + ": cannot open it", e);
        }
        try {
            // chunks without live data are reused at once rather than after 45 s (with a commit per
            // write the file would grow by a chunk per token meanwhile): safe, because each commit is
            // forced to disk before a later one can overwrite anything; the last 100 versions are
            // kept so that a reader still walking an older tree does not see its pages overwritten
            store.setRetentionTime(0);
            store.setVersionsToKeep(VERSIONS_TO_KEEP);
            return new MvStoreTokenStore(path, store);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw new IllegalStateException("token store " + path + ": not a token store", e);
        }
    }

    /** Where the store lives. */
    public Path path() {
        return file;
    }

    /** How many tokens the store holds. */
    public long size() {
        requireOpen();
        try {
            return tokens.sizeAsLong();
        } catch (MVStoreException e) {
            throw failure("read", e);
        }
    }

    @Override
    public void put(StoredToken entry) {
        requireNonNull(entry, "entry");
        requireOpen();
        byte[] value = StoredTokenCodec.encode(entry);
        try {
            if (tokens.putIfAbsent(entry.token(), value) != null) {
                throw new IllegalStateException("token store: token already exists");
            }
        } catch (MVStoreException e) {
            throw failure("write", e);
        }
        awaitDurable(writes.incrementAndGet());
    }

    @Override
    public String putIfAbsent(byte[] fingerprint, StoredToken entry) {
        requireNonNull(fingerprint, "fingerprint");
        requireNonNull(entry, "entry");
        requireOpen();
        String key = StoredTokenCodec.fingerprintKey(entry.namespace(), fingerprint);
        byte[] value = StoredTokenCodec.encode(entry);
        String winner;
        try {
            // the entry first, so that a fingerprint never points at a token not yet in the map
            if (tokens.putIfAbsent(entry.token(), value) != null) {
                throw new IllegalStateException("token store: token already exists");
            }
            while (true) {
                String existing = fingerprints.putIfAbsent(key, entry.token());
                if (existing == null) {
                    winner = entry.token();
                    break;
                }
                if (tokens.containsKey(existing)) {
                    tokens.remove(entry.token());
                    winner = existing;
                    break;
                }
                // mapped to a token lost in a crash between the two maps: take the mapping over
                if (fingerprints.replace(key, existing, entry.token())) {
                    winner = entry.token();
                    break;
                }
            }
        } catch (MVStoreException e) {
            throw failure("write", e);
        }
        // also when another writer won: its entry must be on disk before we hand its token out
        awaitDurable(writes.incrementAndGet());
        return winner;
    }

    @Override
    public Optional<StoredToken> get(String token) {
        requireNonNull(token, "token");
        requireOpen();
        byte[] value;
        try {
            value = tokens.get(token);
        } catch (MVStoreException e) {
            throw failure("read", e);
        }
        return value == null ? Optional.empty() : Optional.of(StoredTokenCodec.decode(token, value));
    }

    @Override
    public void recordKeyVersion(byte[] entry, int version) {
        requireNonNull(entry, "entry");
        InMemoryTokenStore.requireVersion(version);
        requireOpen();
        String key = StoredTokenCodec.indexKey(entry);
        try {
            while (true) {
                String old = keyVersions.get(key);
                if (old == null) {
                    if (keyVersions.putIfAbsent(key, StoredTokenCodec.encodeVersions(List.of(version))) == null) {
                        break;
                    }
                    continue;
                }
                List<Integer> added = StoredTokenCodec.withVersion(StoredTokenCodec.decodeVersions(old), version);
                if (added == null || keyVersions.replace(key, old, StoredTokenCodec.encodeVersions(added))) {
                    break;
                }
            }
        } catch (MVStoreException e) {
            throw failure("write", e);
        }
        // also when it was recorded already: that record may still be on its way to disk
        awaitDurable(writes.incrementAndGet());
    }

    @Override
    public List<Integer> keyVersions(byte[] entry) {
        requireNonNull(entry, "entry");
        requireOpen();
        String value;
        try {
            value = keyVersions.get(StoredTokenCodec.indexKey(entry));
        } catch (MVStoreException e) {
            throw failure("read", e);
        }
        return value == null ? List.of() : StoredTokenCodec.decodeVersions(value);
    }

    /** Commits and forces every change made so far; returns once write number {@code write} is on disk. */
    private void awaitDurable(long write) {
        commitLock.lock();
        try {
            if (durableWrites >= write) {
                return; // a commit that started after our write finished while we waited
            }
            long covered = writes.get();
            store.commit();
            store.sync();
            durableWrites = covered;
        } catch (MVStoreException e) {
            throw failure("commit", e);
        } finally {
            commitLock.unlock();
        }
    }

    /** MVStore still answers reads from memory once closed; a closed store must not. */
    private void requireOpen() {
        if (store.isClosed()) {
            throw new IllegalStateException("token store " + file + " is closed");
        }
    }

    private IllegalStateException failure(String operation, MVStoreException e) {
        if (e.getErrorCode() == DataUtils.ERROR_CLOSED) {
            return new IllegalStateException("token store " + file + " is closed", e);
        }
        return new IllegalStateException("token store " + file + ": " + operation + " failed", e);
    }

    @Override
    public void close() {
        commitLock.lock();
        try {
            if (!store.isClosed()) {
                store.close();
            }
        } catch (MVStoreException e) {
            throw failure("close", e);
        } finally {
            commitLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "MvStoreTokenStore[" + file + "]";
    }
}
