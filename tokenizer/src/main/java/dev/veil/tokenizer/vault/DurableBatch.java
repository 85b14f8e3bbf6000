package dev.veil.tokenizer.vault;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A unit of work whose {@link DurableMvStore} writes reach the disk together: while a batch is open
 * on a thread, {@link DurableMvStore#writeDurably} on that thread makes its changes and returns
 * without waiting for their commit, and {@link #commit} then waits once per store for a commit that
 * covers all of them. One ticket's vaulted tokens thus cost one group commit (shared with other
 * threads' writes) instead of one fsync each.
 *
 * <pre>{@code
 * try (DurableBatch batch = DurableBatch.open()) {
 *     String a = format.tokenize(card).text();   // written, not yet durable
 *     String b = format.tokenize(email).text();
 *     batch.commit();                             // both on disk now
 *     // only here may a and b be handed to anyone
 * }
 * }</pre>
 *
 * <p>Until {@link #commit} returns, nothing written in the batch may be acknowledged or handed out:
 * a crash may lose it. A batch closed without a commit leaves its writes to be made durable by
 * whichever commit comes next (they were complete changes; vaulted tokens nobody received reveal
 * nothing). Batches nest: a batch opened inside another collects the writes made while it is open,
 * and its own commit waits for those. A batch belongs to the thread that opened it. Stores other
 * than {@link DurableMvStore} ignore batches and stay durable per call.
 */
public final class DurableBatch implements AutoCloseable {

    private static final ThreadLocal<DurableBatch> CURRENT = new ThreadLocal<>();

    private final DurableBatch outer;
    private final Thread owner;
    /** For each store written in this batch, the number of its last write. */
    private final Map<DurableMvStore, Long> pending = new IdentityHashMap<>();
    private boolean closed;

    private DurableBatch(DurableBatch outer) {
        this.outer = outer;
        this.owner = Thread.currentThread();
    }

    /** Opens a batch on the current thread; close it in a try-with-resources block. */
    public static DurableBatch open() {
        DurableBatch batch = new DurableBatch(CURRENT.get());
        CURRENT.set(batch);
        return batch;
    }

    /** The batch open on the current thread, or null. */
    static DurableBatch current() {
        return CURRENT.get();
    }

    /** Records that write number {@code call} of {@code store} waits for this batch's commit. */
    void defer(DurableMvStore store, long call) {
        pending.merge(store, call, Math::max);
    }

    /**
     * Returns once every write made in this batch so far is committed and forced to disk; the
     * batch stays open for more writes and another commit.
     *
     * @throws IllegalStateException if a store's commit or fsync failed (that store is then closed)
     *     or the batch is closed or used from another thread
     */
    public void commit() {
        requireUsable();
        for (Map.Entry<DurableMvStore, Long> e : pending.entrySet()) {
            e.getKey().awaitDurable(e.getValue());
        }
        pending.clear();
    }

    /** Ends the batch; later writes on this thread are durable per call again (or join the outer batch). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        requireUsable();
        closed = true;
        if (CURRENT.get() != this) {
            throw new IllegalStateException("durable batch: closed out of order (expected: the innermost batch first)");
        }
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }

    private void requireUsable() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("durable batch: used from another thread than the one that opened it");
        }
        if (closed) {
            throw new IllegalStateException("durable batch: already closed");
        }
    }
}
