package dev.veil.tokenizer.vault;

import java.util.HashMap;
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
 */
final class SnapshotSignallingFileStore extends SingleFileStore {

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
        return super.getWriteBuffer();
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
