package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * One embedded MVStore file with durable writes: {@link #durable()} returns once every map
 * write made before it is committed and forced to disk (fsync). Concurrent writers share
 * commits (group commit), as in the token store. The file is created owner-only.
 */
final class MvFile implements AutoCloseable {

    private static final int VERSIONS_TO_KEEP = 100;

    private final Path path;
    private final String what;
    private final MVStore store;
    private final AtomicLong writes = new AtomicLong();
    private final ReentrantLock commitLock = new ReentrantLock();
    private long durableWrites;

    private MvFile(Path path, String what, MVStore store) {
        this.path = path;
        this.what = what;
        this.store = store;
    }

    /**
     * Opens or creates {@code file}.
     *
     * @throws StoreUnavailableException if it cannot be created or opened, or another process has it
     */
    static MvFile open(Path file, String what) {
        requireNonNull(file, "file");
        Path path = file.toAbsolutePath().normalize();
        try {
            Files.createDirectories(path.getParent());
            if (!Files.exists(path)) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (FileAlreadyExistsException e) {
            // created meanwhile: MVStore's file lock decides who may use it
        } catch (IOException | UnsupportedOperationException e) {
            throw new StoreUnavailableException(what + ": cannot create its file (" + e.getClass().getSimpleName() + ")");
        }
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(path.toString()).autoCommitDisabled().open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new StoreUnavailableException(what + ": its file is in use by another process");
            }
            throw new StoreUnavailableException(what + ": cannot open its file");
        }
        // chunks without live data are reused at once: every commit is forced before a later one
        store.setRetentionTime(0);
        store.setVersionsToKeep(VERSIONS_TO_KEEP);
        return new MvFile(path, what, store);
    }

    MVMap<String, byte[]> map(String name) {
        return store.openMap(name, new MVMap.Builder<String, byte[]>()
                .keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
    }

    Path path() {
        return path;
    }

    /** Runs a map write, turning MVStore's failures into {@link StoreUnavailableException}. */
    <T> T write(java.util.function.Supplier<T> change) {
        requireOpen();
        try {
            return change.get();
        } catch (MVStoreException e) {
            throw new StoreUnavailableException(what + ": write failed");
        }
    }

    <T> T read(java.util.function.Supplier<T> lookup) {
        requireOpen();
        try {
            return lookup.get();
        } catch (MVStoreException e) {
            throw new StoreUnavailableException(what + ": read failed");
        }
    }

    /** Returns once every map write made so far is on disk. */
    void durable() {
        long write = writes.incrementAndGet();
        commitLock.lock();
        try {
            if (durableWrites >= write) {
                return;
            }
            long covered = writes.get();
            store.commit();
            store.sync();
            durableWrites = covered;
        } catch (MVStoreException e) {
            throw new StoreUnavailableException(what + ": commit failed");
        } finally {
            commitLock.unlock();
        }
    }

    /** Rewrites a little of the sparsest chunks; bounded work for a periodic call. */
    void compact() {
        commitLock.lock();
        try {
            if (!store.isClosed() && store.compact(50, 1 << 20)) {
                store.commit();
                store.sync();
            }
        } catch (MVStoreException e) {
            throw new StoreUnavailableException(what + ": compaction failed");
        } finally {
            commitLock.unlock();
        }
    }

    private void requireOpen() {
        if (store.isClosed()) {
            throw new StoreUnavailableException(what + ": closed");
        }
    }

    @Override
    public void close() {
        commitLock.lock();
        try {
            if (!store.isClosed()) {
                store.close();
            }
        } catch (MVStoreException e) {
            throw new StoreUnavailableException(what + ": close failed");
        } finally {
            commitLock.unlock();
        }
    }
}
