package dev.veil.tokenizer.vault;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * An embedded H2 MVStore file whose writes are on disk when they return: the one way Veil's stores
 * (tokens, routing state, tickets) keep data in a file.
 *
 * <pre>{@code
 * try (DurableMvStore db = DurableMvStore.open(Path.of("data/things.mv.db"), "thing store")) {
 *     MVMap<String, String> things = db.openMap("things", new MVMap.Builder<String, String>());
 *     boolean added = db.writeDurably(() -> things.putIfAbsent("id", "json") == null);
 *     // here the change is committed and forced to the device, whatever the answer
 *     String json = things.get("id"); // reads need no ceremony
 * }
 * }</pre>
 *
 * <p><b>Files.</b> The file and any missing parent directories are created owner-only
 * ({@code rw-------}, {@code rwx------}) from their first instant; an existing file that group or
 * others may read is narrowed to owner-only when opened. A file is open in one process at a time; a
 * second opener gets a clear error.
 *
 * <p><b>Durability.</b> {@link #writeDurably} runs its changes and returns only once a commit that
 * covers them has been written as a new MVStore chunk and forced to the storage device
 * ({@code FileChannel.force(true)}, that is fsync): an acknowledged change survives a crash of the
 * process or of the machine, as far as the disk honours fsync. Writers run their changes
 * concurrently but never while a commit is being taken, so a commit holds all of one call's changes
 * or none of them. Commits are grouped: a writer that finds a commit in progress waits for it, and
 * the next commit covers every change finished meanwhile, so N concurrent writers cost far fewer
 * than N fsyncs. A {@link DurableBatch} goes further for one thread's unit of work (a ticket's
 * tokens, views, routing record and idempotency answer, kept in maps of one file): its writes wait
 * for one commit together. A commit covers every change finished before it, so in one file a
 * change is never on disk without the changes that finished before it.
 *
 * <p><b>Retention.</b> MVStore's background writer and its memory-triggered commits are off (an
 * unforced commit could race an explicit one), so only {@link #writeDurably}, {@link #compact}
 * and {@link #close} ever commit. Chunks that no longer hold live data are reused once
 * {@value #VERSIONS_TO_KEEP} newer versions exist rather than after MVStore's default 45 seconds,
 * which with a commit per operation would grow the file by a chunk per operation meanwhile. That
 * reuse is what MVStore's documentation warns about: if a commit that frees a chunk were not yet on
 * disk when a later commit overwrote that chunk, a crash would fall back to a version whose pages
 * are gone. Here it is safe, because every commit is forced to disk before the next one may start;
 * the kept versions protect a reader still walking an older tree.
 *
 * <p><b>Failure.</b> A change that throws, or a commit or fsync that fails, closes the store at
 * once without committing: half-made changes must never reach the disk through another writer's
 * commit, and after a failed fsync the kernel may have dropped the unwritten pages, so a retry that
 * "succeeds" would prove nothing. Writers not yet acknowledged get an exception; reopening the file
 * recovers the last durable commit. Changes should therefore only read and write maps, with
 * anything that may fail (encoding, validation) done before.
 *
 * <p>Thread-safe. Reads go straight to the maps and may see changes not yet durable.
 */
public final class DurableMvStore implements AutoCloseable {

    static final int VERSIONS_TO_KEEP = 100;

    private final Path file;
    private final String what;
    private final MVStore store;
    /** Held shared while changes run and exclusively while a commit is taken. */
    private final ReentrantReadWriteLock changeLock = new ReentrantReadWriteLock();
    /** One commit (and its fsync) at a time. */
    private final ReentrantLock commitLock = new ReentrantLock();
    /** Calls whose changes have finished; a commit that starts later covers all of them. */
    private final AtomicLong finished = new AtomicLong();
    /** Calls known to be on disk; guarded by {@link #commitLock}. */
    private long durable;
    /** Commits taken by {@link #awaitDurable}, each with its fsync. */
    private final AtomicLong commits = new AtomicLong();
    /** Set when a change or a commit failed; no later commit may happen. */
    private volatile boolean failed;

    private DurableMvStore(Path file, String what, MVStore store) {
        this.file = file;
        this.what = what;
        this.store = store;
    }

    /**
     * Opens the file, creating it and its missing parent directories owner-only if needed.
     *
     * @param what what the file holds, for error messages ({@code "token store"})
     * @throws IllegalStateException if another process (or another store in this one) has the file
     *     open, or it cannot be created or opened
     */
    public static DurableMvStore open(Path file, String what) {
        requireNonNull(file, "file");
        requireNonNull(what, "what");
        Path path = file.toAbsolutePath().normalize();
        try {
            OwnerOnlyFiles.createDirectories(path.getParent());
            if (!Files.exists(path)) {
                OwnerOnlyFiles.createFile(path);
                // the file's name must outlive a crash as surely as its content
                OwnerOnlyFiles.forceDirectory(path.getParent());
            } else {
                OwnerOnlyFiles.restrictToOwner(path);
            }
        } catch (FileAlreadyExistsException e) {
            // created by someone else meanwhile: MVStore's lock decides who may use it
        } catch (IOException e) {
            throw new IllegalStateException(what + " " + path + ": cannot create it", e);
        }
        MVStore store;
        try {
            store = new MVStore.Builder()
                    .fileName(path.toString())
                    .autoCommitDisabled()      // no background writer
                    .autoCommitBufferSize(0)   // no commit triggered by unsaved memory either
                    .open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new IllegalStateException(what + " " + path
                        + " is in use by another process (or already open in this one); stop it or use another file", e);
            }
            throw new IllegalStateException(what + " " + path + ": cannot open it", e);
        }
        // safe only because every commit is forced before the next (see the class comment)
        store.setRetentionTime(0);
        store.setVersionsToKeep(VERSIONS_TO_KEEP);
        return new DurableMvStore(path, what, store);
    }

    /**
     * Renames a closed store file (or any file) atomically and forces the directories, so that the
     * new name survives a crash as surely as the content did; for migrations between layouts.
     *
     * @throws IllegalStateException if the file cannot be moved (the target exists, say)
     */
    public static void moveDurably(Path from, Path to) {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        try {
            Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            OwnerOnlyFiles.forceDirectory(to.toAbsolutePath().getParent());
            Path fromDir = from.toAbsolutePath().getParent();
            if (!fromDir.equals(to.toAbsolutePath().getParent())) {
                OwnerOnlyFiles.forceDirectory(fromDir);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot rename " + from + " to " + to, e);
        }
    }

    /** Where the store lives. */
    public Path path() {
        return file;
    }

    /**
     * Opens (or creates) a map; call it before the first write.
     *
     * @throws IllegalStateException if the map cannot be opened with these types
     */
    public <K, V> MVMap<K, V> openMap(String name, MVMap.Builder<K, V> builder) {
        requireNonNull(name, "name");
        requireNonNull(builder, "builder");
        requireOpen();
        try {
            return store.openMap(name, builder);
        } catch (RuntimeException e) {
            throw new IllegalStateException(what + " " + file + ": cannot open its maps (not a " + what + "?)", e);
        }
    }

    /**
     * Runs {@code changes}, then returns their result once they are committed and forced to disk.
     * The changes of one call are committed together; they may run concurrently with other calls'.
     * Inside a {@link DurableBatch} on this thread it returns once the changes are made, and the
     * batch's {@link DurableBatch#commit} waits for their commit.
     *
     * @throws IllegalStateException if the store is closed, or a map write, the commit or the fsync
     *     failed (the store is then closed; nothing of this call was acknowledged)
     * @throws RuntimeException whatever {@code changes} threw, once the store is closed
     */
    public <T> T writeDurably(Supplier<T> changes) {
        requireNonNull(changes, "changes");
        T result;
        long call;
        DurableBatch batch = DurableBatch.current();
        if (batch != null) {
            batch.beforeWrite(this); // after a barrier, earlier writes to other files go first
        }
        changeLock.readLock().lock();
        try {
            requireUsable();
            try {
                result = changes.get();
            } catch (RuntimeException | Error e) {
                failed = true; // before unlocking, so that no commit can take the half-made changes
                throw e;
            }
            call = finished.incrementAndGet();
        } catch (MVStoreException e) {
            throw fail("write", e);
        } catch (RuntimeException | Error e) {
            if (failed) {
                store.closeImmediately();
            }
            throw e;
        } finally {
            changeLock.readLock().unlock();
        }
        if (batch != null) {
            batch.defer(this, call); // its commit waits for this call, with the batch's other writes
            return result;
        }
        awaitDurable(call);
        return result;
    }

    /** {@link #writeDurably(Supplier)} for changes without a result. */
    public void runDurably(Runnable changes) {
        requireNonNull(changes, "changes");
        writeDurably(() -> {
            changes.run();
            return null;
        });
    }

    /**
     * Rewrites up to {@code bytes} of chunks filled below {@code fillRate} percent, then commits
     * and forces the result; bounded housekeeping for a file written a little at a time.
     *
     * @return whether anything was rewritten
     */
    public boolean compact(int fillRate, int bytes) {
        commitLock.lock();
        try {
            boolean rewritten;
            changeLock.writeLock().lock();
            try {
                requireUsable();
                rewritten = store.compact(fillRate, bytes);
                if (rewritten) {
                    store.commit();
                }
            } finally {
                changeLock.writeLock().unlock();
            }
            if (rewritten) {
                store.sync();
            }
            return rewritten;
        } catch (MVStoreException e) {
            throw fail("compact", e);
        } finally {
            commitLock.unlock();
        }
    }

    /** How many group commits (each one fsync) writes have waited for so far, for operators and tests. */
    public long commits() {
        return commits.get();
    }

    /** The file's size in bytes, for operators and tests. */
    public long fileSize() {
        requireOpen();
        return store.getFileStore().size();
    }

    /**
     * Refuses to go on once closed; MVStore still answers reads from memory after closing, and a
     * closed store must not.
     *
     * @throws IllegalStateException if the store is closed
     */
    public void requireOpen() {
        if (store.isClosed()) {
            throw new IllegalStateException(what + " " + file + " is closed");
        }
    }

    /** An exception for a failed read or write of a map, saying whether the store was closed. */
    public IllegalStateException failure(String operation, MVStoreException e) {
        requireNonNull(operation, "operation");
        requireNonNull(e, "e");
        if (e.getErrorCode() == DataUtils.ERROR_CLOSED || store.isClosed()) {
            return new IllegalStateException(what + " " + file + " is closed", e);
        }
        return new IllegalStateException(what + " " + file + ": " + operation + " failed", e);
    }

    /** Commits what was acknowledged and closes the file; after a failure, closes without committing. */
    @Override
    public void close() {
        commitLock.lock();
        changeLock.writeLock().lock();
        try {
            if (store.isClosed()) {
                return;
            }
            if (failed) {
                store.closeImmediately();
            } else {
                store.close();
            }
        } catch (MVStoreException e) {
            throw fail("close", e);
        } finally {
            changeLock.writeLock().unlock();
            commitLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "DurableMvStore[" + file + "]";
    }

    /** Returns once call number {@code call} is on disk, committing and forcing everything finished so far. */
    void awaitDurable(long call) {
        commitLock.lock();
        try {
            if (durable >= call) {
                return; // a commit that started after our changes finished while we waited
            }
            long covered;
            changeLock.writeLock().lock();
            try {
                requireUsable();
                covered = finished.get();
                store.commit();
            } finally {
                changeLock.writeLock().unlock();
            }
            // writers may change maps meanwhile: nothing reaches the file before the next commit,
            // which cannot start before this fsync ends
            store.sync();
            durable = covered;
            commits.incrementAndGet();
        } catch (MVStoreException e) {
            throw fail("commit", e);
        } finally {
            commitLock.unlock();
        }
    }

    private void requireUsable() {
        requireOpen();
        if (failed) {
            throw new IllegalStateException(what + " " + file + " failed and is closed; reopen it to recover");
        }
    }

    private IllegalStateException fail(String operation, MVStoreException e) {
        failed = true;
        IllegalStateException failure = failure(operation, e);
        store.closeImmediately();
        return failure;
    }
}
