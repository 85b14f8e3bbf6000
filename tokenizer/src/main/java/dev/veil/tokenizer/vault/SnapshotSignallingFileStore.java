package dev.veil.tokenizer.vault;

import java.util.HashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.SingleFileStore;
import org.h2.mvstore.WriteBuffer;

/**
 * MVStore's single-file store that tells a {@link DurableMvStore} checkpoint the moment its commit
 * has taken the snapshot it writes (every map's root at the commit's version), so that writers
 * held off for the snapshot may go on while the chunk is built and written.
 *
 * <p>Why this works: an MVStore commit first fixes each map's current root as the commit's version
 * (meta last; quick), then serializes those roots' pages into a write buffer taken from here and
 * writes the chunk (slow). Maps are copy-on-write, so changes made after the roots were fixed go
 * to new pages and never into that chunk; MVStore supports writes concurrent with a commit. The
 * first {@link #getWriteBuffer} of a commit comes after the roots are fixed (H2 2.3's {@code
 * FileStore.serializeAndStore}); because a later H2 might order it differently, the signal is given
 * only once the meta map's root, fixed last, carries the commit's version. Without the signal the
 * checkpoint simply holds writers off for the whole commit, as before.
 *
 * <p>It also keeps the write buffer of a large chunk for the next one. MVStore keeps buffers of up
 * to 4 MiB only and grows a new one by halves from 1 MiB: for a checkpoint's chunk of 40 MB that is
 * about 150 MB of short-lived buffers, each a humongous object to G1 (allocated in old regions,
 * starting concurrent cycles), every checkpoint.
 */
final class SnapshotSignallingFileStore extends SingleFileStore {

    /** The largest buffer MVStore itself keeps for the next chunk. */
    private static final int MVSTORE_KEPT_BYTES = 4 << 20;
    /** The largest buffer kept here: a sixteenth of the heap at most, so small heaps keep small ones. */
    private static final long KEPT_BYTES = Runtime.getRuntime().maxMemory() / 16;

    /** The buffer of the last large chunk, for the next; taken by the commit that writes it. */
    private final AtomicReference<WriteBuffer> kept = new AtomicReference<>();

    /** The thread whose next commit signals, and what it runs then; written and read by that thread. */
    private volatile Thread armedBy;
    private Runnable onSnapshot;

    SnapshotSignallingFileStore() {
        super(new HashMap<>()); // MVStore's defaults, as for a store opened by file name
    }

    /** Runs {@code action} on this thread as soon as the commit it starts next has fixed its snapshot. */
    void signalOnSnapshot(Runnable action) {
        onSnapshot = action;
        armedBy = Thread.currentThread();
    }

    /** Stops waiting for a snapshot (the commit is over); whether {@code action} ran or not. */
    void disarm() {
        armedBy = null;
        onSnapshot = null;
    }

    /** Bytes written to the file so far (chunks and headers), for sizing the next checkpoint. */
    long bytesWritten() {
        return writeBytes.get();
    }

    @Override
    public WriteBuffer getWriteBuffer() {
        if (armedBy == Thread.currentThread() && snapshotFixed()) {
            Runnable action = onSnapshot;
            disarm();
            action.run();
        }
        WriteBuffer large = kept.getAndSet(null);
        return large != null ? large.clear() : super.getWriteBuffer();
    }

    @Override
    public void releaseWriteBuffer(WriteBuffer buffer) {
        if (buffer.capacity() > MVSTORE_KEPT_BYTES && buffer.capacity() <= KEPT_BYTES) {
            kept.set(buffer);
        } else {
            super.releaseWriteBuffer(buffer);
        }
    }

    /**
     * Whether the running commit has fixed every map's root: the meta map's root reference, fixed
     * last, is labelled with the commit's version ({@code MVMap.getVersion} would not do: it names
     * the version of the map's last change).
     */
    private boolean snapshotFixed() {
        MVStore store = getMvStore();
        return store.getMetaMap().getRoot().version >= store.getCurrentVersion();
    }
}
