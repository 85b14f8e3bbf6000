package dev.veil.tokenizer.vault;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
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
 *     // here the change is on disk, whatever the answer
 *     String json = things.get("id"); // reads need no ceremony
 * }
 * }</pre>
 *
 * <p><b>Files.</b> The file, its write-ahead log files and any missing parent directories are
 * created owner-only ({@code rw-------}, {@code rwx------}) from their first instant; an existing
 * file that group or others may read is narrowed to owner-only when opened. A file is open in one
 * process at a time; a second opener gets a clear error.
 *
 * <p><b>Durability.</b> {@link #writeDurably} runs its changes and returns only once they are on
 * the storage device: the changes the call makes to the maps are recorded as redo records (map, key
 * and resulting value, in the map's own data types), appended to a write-ahead log beside the file
 * ({@code things.mv.db.N.wal}) as one checksummed frame, and the log is forced
 * ({@code FileChannel.force}). An acknowledged change survives a crash of the process or of the
 * machine, as far as the disk honours fsync. Calls run their changes one at a time (they only touch
 * maps in memory, which is short), so the log holds them in the order they changed the maps, and a
 * frame holds all of one call's changes or none. Forces are grouped: a writer that finds a force in
 * progress waits for it, and the next force covers every frame appended meanwhile, so N concurrent
 * writers cost far fewer than N fsyncs. A {@link DurableBatch} goes further for one thread's unit of
 * work (a ticket's tokens, views, routing record and idempotency answer, kept in maps of one file):
 * its writes wait for one force together. A force covers every frame appended before it, so in one
 * file a change is never on disk without the changes that finished before it.
 *
 * <p><b>Checkpoints.</b> Once the current log file passes {@value #CHECKPOINT_BYTES} bytes (or,
 * for a file opened with {@link #open(Path, String)}, as many bytes as a checkpoint rewrote
 * beyond the log it covered, up to {@value #MAX_CHECKPOINT_BYTES}: see {@link
 * #checkpointThreshold()}), a background thread creates the next log file (filled with zeros to
 * {@link #logFileBytes the size the log is expected to reach}, so that the forces writing into it
 * need not grow it), then, with writers held off only for a moment between two calls, directs
 * the frames to come to that file and fixes a snapshot of every map (an MVStore commit recording
 * that file's number takes each map's root); writers then go on,
 * appending to the new file, while the commit builds and writes its chunk from the snapshot (the
 * maps are copy-on-write) and the checkpoint forces the older files' last frames and the chunk.
 * Only then does it delete the older log files, which until that moment still hold everything the
 * chunk holds. The snapshot is taken between calls, so a chunk never holds part of a call.
 * {@link #close} takes a last checkpoint. On open, the frames of the log files from the
 * last checkpoint's number on are read (a torn frame at the end of the newest, a write a crash cut
 * and nobody was told about, is cut off; damage anywhere else fails the open), and each map's
 * records are replayed into it, in log order, when it is opened and before anyone can read it.
 * Records are idempotent (a put of the resulting value, or a remove), so replaying one the
 * checkpoint already holds changes nothing. The records of a map not opened yet are carried into
 * the new log file by each checkpoint until it is.
 *
 * <p><b>Retention.</b> MVStore's background writer and its memory-triggered commits are off (an
 * unforced commit could race an explicit one), so only checkpoints, {@link #compact} and
 * {@link #close} ever commit. Chunks that no longer hold live data are reused once
 * {@value #VERSIONS_TO_KEEP} newer versions exist rather than after MVStore's default 45 seconds.
 * That reuse is what MVStore's documentation warns about: if a commit that frees a chunk were not
 * yet on disk when a later commit overwrote that chunk, a crash would fall back to a version whose
 * pages are gone. Here it is safe, because every commit is forced to disk before the next one may
 * start; the kept versions protect a reader still walking an older tree.
 *
 * <p><b>Failure.</b> A change that throws, or a log write, commit or fsync that fails, closes the
 * store at once without a checkpoint: half-made changes must never reach the disk through one, and
 * after a failed fsync the kernel may have dropped the unwritten pages, so a retry that "succeeds"
 * would prove nothing. Writers not yet acknowledged get an exception; reopening the file recovers
 * the last checkpoint and the log forced after it. Changes should therefore only read and write
 * maps, with anything that may fail (encoding, validation) done before.
 *
 * <p>Thread-safe. Reads go straight to the maps and may see changes not yet durable; a caller that
 * hands out what it read calls {@link #awaitReads} first. Maps may be changed only inside {@link
 * #writeDurably}; a change anywhere else is refused.
 */
public final class DurableMvStore implements AutoCloseable {

    static final int VERSIONS_TO_KEEP = 100;
    /** Log bytes after which a checkpoint is taken: replay stays short, the chunk's build is a short pause. */
    static final long CHECKPOINT_BYTES = 4L << 20;
    /** The most log bytes an adaptive threshold waits for: the log is read into memory and replayed on open. */
    static final long MAX_CHECKPOINT_BYTES = 64L << 20;
    /** The most bytes a new log file is filled with zeros to before use (see {@link WriteAheadLog}). */
    static final long MAX_PREALLOCATED_LOG = 16L << 20;
    /** The store's own map (not a store's data): the number of the first log file its last checkpoint does not cover. */
    public static final String CHECKPOINT_MAP = "veil.checkpoint";
    private static final String FIRST_LOG = "firstLog";

    private final Path file;
    private final String what;
    private final MVStore store;
    private final SnapshotSignallingFileStore fileStore;
    private final CheckpointObserver observer;
    private final MVMap<String, Long> checkpoint;
    private final WriteAheadLog log;
    /** Whether the threshold follows what the checkpoints rewrite (see {@link #checkpointThreshold()}). */
    private final boolean adaptive;
    /** Log bytes read on open that the first checkpoint covers besides the current file's; guarded by {@link #commitLock}. */
    private long replayedBytes;
    /** Log bytes after which the next checkpoint is taken. */
    private volatile long checkpointThreshold;
    /** Held while a call's changes run, and while a checkpoint fixes its snapshot. */
    private final ReentrantLock changeLock = new ReentrantLock();
    /** One checkpoint (commit and fsync) at a time. */
    private final ReentrantLock commitLock = new ReentrantLock();
    /** The running call's records; guarded by {@link #changeLock}. */
    private final RedoLog redo = new RedoLog();
    /** Whether a call's changes are running (and recorded); guarded by {@link #changeLock}. */
    private boolean inCall;
    /** Records read from the log for maps not opened yet, in log order; guarded by {@link #changeLock}. */
    private final Map<String, List<RedoLog.Record>> unreplayed;
    private final AtomicBoolean checkpointing = new AtomicBoolean();
    /** Set when a change or a commit failed; no later commit may happen. */
    private volatile boolean failed;
    private volatile DurabilityListener listener = DurabilityListener.NONE;

    private DurableMvStore(Path file, String what, MVStore store, SnapshotSignallingFileStore fileStore,
            MVMap<String, Long> checkpoint, WriteAheadLog log, Map<String, List<RedoLog.Record>> unreplayed,
            long replayedBytes, long checkpointBytes, boolean adaptive, CheckpointObserver observer) {
        this.file = file;
        this.what = what;
        this.store = store;
        this.fileStore = fileStore;
        this.observer = observer;
        this.checkpoint = checkpoint;
        this.log = log;
        this.unreplayed = unreplayed;
        this.adaptive = adaptive;
        this.replayedBytes = replayedBytes;
        this.checkpointThreshold = checkpointBytes;
    }

    /**
     * Opens the file, creating it and its missing parent directories owner-only if needed, and reads
     * its write-ahead log.
     *
     * @param what what the file holds, for error messages ({@code "token store"})
     * @throws IllegalStateException if another process (or another store in this one) has the file
     *     open, or it or its log cannot be created, opened or read
     */
    public static DurableMvStore open(Path file, String what) {
        return open(file, what, CHECKPOINT_BYTES, true, CheckpointObserver.NONE);
    }

    static DurableMvStore open(Path file, String what, long checkpointBytes) {
        return open(file, what, checkpointBytes, CheckpointObserver.NONE);
    }

    static DurableMvStore open(Path file, String what, long checkpointBytes, CheckpointObserver observer) {
        return open(file, what, checkpointBytes, false, observer);
    }

    /** What a checkpoint has done so far; a seam for tests that stop a checkpoint at a stage. */
    interface CheckpointObserver {
        CheckpointObserver NONE = new CheckpointObserver() {};

        /** The snapshot is fixed and writers may go on; runs on the checkpoint's thread before the chunk is built. */
        default void snapshotFixed() {}

        /** The chunk is written, not yet forced; the older log files are still there. */
        default void chunkWritten() {}
    }

    /** With {@code adaptive}, the threshold follows the checkpoints' chunks from {@code checkpointBytes} on (see {@link #checkpointThreshold()}). */
    static DurableMvStore open(Path file, String what, long checkpointBytes, boolean adaptive, CheckpointObserver observer) {
        requireNonNull(file, "file");
        requireNonNull(what, "what");
        requireNonNull(observer, "observer");
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
        SnapshotSignallingFileStore fileStore = new SnapshotSignallingFileStore();
        try {
            fileStore.open(InterruptSafeFilePath.name(path), false, null); // an interrupted reader must not close it
            try {
                store = new MVStore.Builder()
                        .adoptFileStore(fileStore) // closed with the store
                        .autoCommitDisabled()      // no background writer
                        .autoCommitBufferSize(0)   // no commit triggered by unsaved memory either
                        .open();
            } catch (RuntimeException e) {
                closeQuietly(fileStore);
                throw e;
            }
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new IllegalStateException(what + " " + path
                        + " is in use by another process (or already open in this one); stop it or use another file", e);
            }
            throw new IllegalStateException(what + " " + path + ": cannot open it", e);
        }
        try {
            // safe only because every commit is forced before the next (see the class comment)
            store.setRetentionTime(0);
            store.setVersionsToKeep(VERSIONS_TO_KEEP);
            MVMap<String, Long> checkpoint = store.openMap(CHECKPOINT_MAP);
            WriteAheadLog.Recovered recovered = WriteAheadLog.open(path, checkpoint.getOrDefault(FIRST_LOG, 0L), logFileBytes(checkpointBytes));
            Map<String, List<RedoLog.Record>> unreplayed = new HashMap<>();
            long replayedBytes = 0;
            for (ByteBuffer frame : recovered.frames()) {
                replayedBytes += frame.remaining();
                for (RedoLog.Record r : RedoLog.read(frame)) {
                    unreplayed.computeIfAbsent(r.map(), m -> new ArrayList<>()).add(r);
                }
            }
            return new DurableMvStore(path, what, store, fileStore, checkpoint, recovered.log(), unreplayed,
                    replayedBytes, checkpointBytes, adaptive, observer);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException(what + " " + path + ": cannot open it", e);
        }
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

    /**
     * Deletes a closed store file and its write-ahead log files, if they exist; for a copy a crash
     * left unfinished.
     *
     * @throws IllegalStateException if a file cannot be deleted
     */
    public static void deleteIfExists(Path file) {
        requireNonNull(file, "file");
        Path path = file.toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(path.getParent())) {
                for (Path log : WriteAheadLog.files(path.getParent(), path.getFileName().toString()).values()) {
                    Files.delete(log);
                }
            }
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete " + path + " or its write-ahead log", e);
        }
    }

    /** Where the store lives. */
    public Path path() {
        return file;
    }

    /**
     * Opens (or creates) a map with the builder's data types, replaying its records from the log
     * first; call it before the first write. Only {@link MVMap.Builder}'s types are used.
     *
     * @throws IllegalStateException if the map cannot be opened with these types
     */
    public <K, V> MVMap<K, V> openMap(String name, MVMap.Builder<K, V> builder) {
        requireNonNull(name, "name");
        requireNonNull(builder, "builder");
        if (name.equals(CHECKPOINT_MAP)) {
            throw new IllegalArgumentException("map name " + CHECKPOINT_MAP + " is reserved");
        }
        changeLock.lock();
        try {
            requireOpen();
            MVMap<K, V> map = store.openMap(name, new LoggedMap.Builder<>(builder, this));
            List<RedoLog.Record> records = unreplayed.remove(name);
            if (records != null) {
                LoggedMap<K, V> logged = (LoggedMap<K, V>) map;
                records.forEach(r -> logged.replay(r.op(), r.key().duplicate(), r.value() == null ? null : r.value().duplicate()));
            }
            return map;
        } catch (RuntimeException e) {
            throw new IllegalStateException(what + " " + file + ": cannot open its maps (not a " + what + "?)", e);
        } finally {
            changeLock.unlock();
        }
    }

    /**
     * Runs {@code changes}, then returns their result once they are written to the log and forced to
     * disk. The changes of one call reach the disk together; calls run their changes one at a time.
     * Inside a {@link DurableBatch} on this thread it returns once the changes are made, and the
     * batch's {@link DurableBatch#commit} waits for them to be forced.
     *
     * @throws IllegalStateException if the store is closed, this thread is already running changes
     *     of this store, or a map write, the log write or the fsync failed (the store is then closed;
     *     nothing of this call was acknowledged)
     * @throws RuntimeException whatever {@code changes} threw, once the store is closed
     */
    public <T> T writeDurably(Supplier<T> changes) {
        requireNonNull(changes, "changes");
        T result;
        long position;
        DurableBatch batch = DurableBatch.current();
        if (batch != null) {
            batch.beforeWrite(this); // after a barrier, earlier writes to other files go first
        }
        changeLock.lock();
        try {
            requireUsable();
            if (inCall) {
                throw new IllegalStateException(what + " " + file + ": writeDurably inside writeDurably of the same store");
            }
            inCall = true;
            redo.clear();
            try {
                result = changes.get();
                // a call that changed nothing still waits for what it may have read
                position = redo.length() == 0 ? log.appended() : log.append(redo.bytes(), redo.length());
            } catch (RuntimeException | Error e) {
                failed = true; // before unlocking, so that no checkpoint can take the half-made changes
                throw e;
            } finally {
                inCall = false;
            }
        } catch (MVStoreException e) {
            throw fail("write", e);
        } catch (RuntimeException | Error e) {
            if (failed) {
                closeImmediately();
            }
            throw e;
        } finally {
            changeLock.unlock();
        }
        if (log.currentFileBytes() >= checkpointThreshold && checkpointing.compareAndSet(false, true)) {
            Thread checkpointer = new Thread(this::backgroundCheckpoint, "durable-store-checkpoint");
            checkpointer.setDaemon(true);
            checkpointer.start();
        }
        if (batch != null) {
            batch.defer(this, position); // waits for the batch's commit, with the batch's other writes
            return result;
        }
        awaitDurable(position);
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
     * Returns once whatever this thread read from the maps so far, outside any call, is on disk;
     * inside a {@link DurableBatch} on this thread it returns at once, and the batch's commit waits
     * for it with the batch's writes. For a read that is handed out (a stored token found by its
     * fingerprint): a change seen outside a call may belong to a call that has not yet appended its
     * frame, but that call holds the change lock until it has, so one pass through the lock after
     * the read, taken here or once at the batch's commit, finds the frame appended. Costs no map
     * read and, in a batch, no lock: what {@link #writeDurably} of a supplier that only reads would
     * cost per read.
     *
     * @throws IllegalStateException as {@link #writeDurably} does: the store is closed or failed, or
     *     the log write or the fsync failed
     */
    public void awaitReads() {
        DurableBatch batch = DurableBatch.current();
        if (batch != null) {
            batch.deferReads(this);
            return;
        }
        awaitDurable(afterRunningCall());
    }

    /** The log position after every call that changed the maps so far: taken between two calls. */
    long afterRunningCall() {
        changeLock.lock();
        try {
            requireUsable();
            return log.appended();
        } finally {
            changeLock.unlock();
        }
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
            changeLock.lock();
            try {
                requireUsable();
                rewritten = store.compact(fillRate, bytes);
                if (rewritten) {
                    store.commit();
                }
            } finally {
                changeLock.unlock();
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

    /**
     * Takes a checkpoint now: commits the maps, forces the file and deletes the log files it covers
     * (the records of maps not opened yet are carried into the new log file first). Writers are
     * held off only while the log turns to a new file and the commit fixes its snapshot; they go on
     * while the commit's chunk is built, written and forced.
     *
     * @throws IllegalStateException if the store is closed or the commit or a file operation failed
     */
    public void checkpoint() {
        commitLock.lock();
        try {
            requireUsable();
            Instant startedAt = Instant.now();
            long started = System.nanoTime();
            log.prepareNext(logFileBytes(checkpointThreshold)); // creating and forcing a file costs the writers nothing here
            long covered;
            long rotatedAt;
            long written;
            long logged;
            AtomicBoolean released = new AtomicBoolean();
            long[] held = new long[2]; // when the change lock was taken and released
            changeLock.lock();
            try {
                held[0] = System.nanoTime();
                requireUsable();
                logged = log.currentFileBytes() + replayedBytes;
                replayedBytes = 0;
                covered = log.rotate();
                rotatedAt = log.appended();
                carryUnreplayed();
                checkpoint.put(FIRST_LOG, covered);
                written = fileStore.bytesWritten();
                fileStore.signalOnSnapshot(() -> {
                    released.set(true);
                    held[1] = System.nanoTime();
                    changeLock.unlock(); // the snapshot holds every call so far, and no part of a later one
                    observer.snapshotFixed();
                });
                store.commit();
            } finally {
                fileStore.disarm();
                if (!released.get()) {
                    held[1] = System.nanoTime();
                    changeLock.unlock(); // the commit failed, or never signalled (then writers waited for all of it)
                }
            }
            observer.chunkWritten();
            long chunk = fileStore.bytesWritten() - written;
            if (adaptive) {
                // never lowered: a checkpoint right after another rewrites little, and the file did not shrink
                checkpointThreshold = Math.min(MAX_CHECKPOINT_BYTES, Math.max(checkpointThreshold, chunk - logged));
            }
            // the older files' last frames (writers may have forced them already): a checkpoint
            // never overtakes the calls it holds, so neither does a crash image
            log.force(rotatedAt);
            store.sync();
            log.deleteBefore(covered);
            listener.checkpointed(new DurabilityListener.Checkpoint(startedAt, logged, chunk, held[1] - held[0], System.nanoTime() - started));
        } catch (IOException | MVStoreException e) {
            throw fail("checkpoint", e);
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * Log bytes after which the next checkpoint starts. Fixed for a file opened with a given
     * threshold; for one opened with {@link #open(Path, String)} it is the most any checkpoint since
     * opening wrote to the file beyond the log bytes it covered, at least {@value #CHECKPOINT_BYTES}
     * and at most {@value #MAX_CHECKPOINT_BYTES}. Why: a checkpoint rewrites every page that changed
     * since the last, and keys spread at random (tokens) change nearly every leaf page of their maps,
     * so the part of a chunk beyond the changes themselves grows with the file; waiting for as many
     * log bytes as that part keeps a checkpoint's bytes per logged byte at about two or less as the
     * file grows. Not the whole chunk: where changes append (ticket ids in time order) a chunk is about
     * 1.1 times the log it covers, and a threshold of the whole chunk grew by that factor with every
     * checkpoint to the ceiling, while every page changed since the last checkpoint stays in memory
     * (the collector copies them at each young collection until the checkpoint writes them).
     */
    long checkpointThreshold() {
        return checkpointThreshold;
    }

    /**
     * How large a new log file is made before frames go into it: the threshold and a quarter more (for
     * the frames appended while the checkpoint starts), at most {@value #MAX_PREALLOCATED_LOG} bytes.
     */
    static long logFileBytes(long threshold) {
        return Math.min(threshold + threshold / 4, MAX_PREALLOCATED_LOG);
    }

    /**
     * Tells {@code listener} of every group force of the log and every checkpoint from now on,
     * replacing the one told so far; for metrics.
     */
    public void listen(DurabilityListener listener) {
        requireNonNull(listener, "listener");
        this.listener = listener;
        log.listen(listener);
    }

    /** How many group forces of the log (each one fsync) writes have waited for so far, for operators and tests. */
    public long commits() {
        return log.forces();
    }

    /** The file's size in bytes (without its log), for operators and tests. */
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

    /**
     * Takes a last checkpoint and closes the file; a store closed so leaves no log files. After a
     * failure, closes without a checkpoint.
     */
    @Override
    public void close() {
        commitLock.lock();
        changeLock.lock();
        try {
            if (store.isClosed()) {
                return;
            }
            if (failed) {
                closeImmediately();
                return;
            }
            log.prepareNext(0); // only carries records of maps not opened, if any
            long covered = log.rotate();
            log.force(log.appended()); // the older files whole and closed
            carryUnreplayed();
            checkpoint.put(FIRST_LOG, covered);
            store.commit();
            store.sync();
            store.close();
            log.close();
            // the file just started is empty unless it carries records of maps not opened
            log.deleteBefore(unreplayed.isEmpty() ? covered + 1 : covered);
        } catch (IOException | MVStoreException e) {
            throw fail("close", e);
        } finally {
            changeLock.unlock();
            commitLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "DurableMvStore[" + file + "]";
    }

    /** Returns once the log is on disk up to {@code position}, forcing everything appended so far. */
    void awaitDurable(long position) {
        try {
            log.force(position);
        } catch (IOException e) {
            throw fail("log write", e);
        }
    }

    /**
     * The recorder for a change of {@code map} by this thread: the running call's, or null while
     * the change lock is held outside a call (replay, page rewrites of a compaction or close).
     *
     * @throws IllegalStateException if this thread is changing a map outside {@link #writeDurably}
     */
    RedoLog redo(LoggedMap<?, ?> map) {
        if (!changeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException(what + " " + file + ": map " + map.getName()
                    + " changed outside writeDurably; such a change would not be durable");
        }
        return inCall ? redo : null;
    }

    /**
     * Appends the records of maps not opened yet to the log file just started, as its first frame,
     * and forces it, before the checkpoint that lets the older files go can reach the disk. Writers
     * wait for this force; it happens only while a map with records in the log is not opened (stores
     * open their maps when they start).
     */
    private void carryUnreplayed() throws IOException {
        if (unreplayed.isEmpty()) {
            return;
        }
        redo.clear();
        unreplayed.values().forEach(records -> records.forEach(redo::copy));
        log.force(log.append(redo.bytes(), redo.length()));
    }

    private void backgroundCheckpoint() {
        try {
            if (!store.isClosed() && !failed) {
                checkpoint();
            }
        } catch (RuntimeException e) {
            // the store is closed and its writers get the error; the thread has no one to tell
        } finally {
            checkpointing.set(false);
        }
    }

    private void requireUsable() {
        requireOpen();
        if (failed) {
            throw new IllegalStateException(what + " " + file + " failed and is closed; reopen it to recover");
        }
    }

    private static void closeQuietly(SnapshotSignallingFileStore fileStore) {
        try {
            fileStore.close();
        } catch (RuntimeException e) {
            // the open failed already; that failure is the one to report
        }
    }

    private void closeImmediately() {
        store.closeImmediately();
        log.close();
    }

    private IllegalStateException fail(String operation, Exception e) {
        failed = true;
        IllegalStateException failure = e instanceof MVStoreException m
                ? failure(operation, m)
                : new IllegalStateException(what + " " + file + ": " + operation + " failed", e);
        closeImmediately();
        return failure;
    }
}
