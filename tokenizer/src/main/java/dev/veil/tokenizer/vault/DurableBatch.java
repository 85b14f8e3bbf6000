package dev.veil.tokenizer.vault;

import java.util.LinkedHashMap;
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
 * and its own commit waits for those. A batch {@linkplain #join joined} instead hands its writes to
 * the batch it was opened in, whose owner commits them with its own before acknowledging anything:
 * that is how a ticket's tokens, views, routing record and idempotency answer reach the disk in one
 * commit. {@link #barrier} orders writes across files without a commit when they share one. A batch
 * belongs to the thread that opened it. Stores other than {@link DurableMvStore} ignore batches and
 * stay durable per call.
 */
public final class DurableBatch implements AutoCloseable {

    private static final ThreadLocal<DurableBatch> CURRENT = new ThreadLocal<>();
    /** A pending position that stands for "after the call running when the batch commits": above every write's. */
    private static final long READS = Long.MAX_VALUE;

    private final DurableBatch outer;
    private final Thread owner;
    /** Whether {@link #commit} hands the writes to {@link #outer} instead of waiting for them. */
    private final boolean joined;
    /**
     * For each store written in this batch (in the order of their first write; stores compare by
     * identity), the number of its last write.
     */
    private final Map<DurableMvStore, Long> pending = new LinkedHashMap<>();
    /** Set by {@link #barrier}: the pending writes must be on disk before a write to another store. */
    private boolean barrier;
    private boolean closed;

    private DurableBatch(DurableBatch outer, boolean joined) {
        this.outer = outer;
        this.joined = joined;
        this.owner = Thread.currentThread();
    }

    /** Opens a batch on the current thread; close it in a try-with-resources block. */
    public static DurableBatch open() {
        DurableBatch batch = new DurableBatch(CURRENT.get(), false);
        CURRENT.set(batch);
        return batch;
    }

    /**
     * Opens a batch that joins the one already open on this thread, if any: its {@link #commit}
     * (and its close) then hand its writes to that batch, whose owner must commit them before
     * acknowledging anything, instead of waiting for a commit. Without an open batch it is a plain
     * {@link #open} batch. A service that makes a unit of work durable "when it returns" uses this,
     * so that a caller composing several such units acknowledges them all after one commit.
     */
    public static DurableBatch join() {
        DurableBatch current = CURRENT.get();
        DurableBatch batch = new DurableBatch(current, current != null);
        CURRENT.set(batch);
        return batch;
    }

    /** Whether {@link #commit} only hands the writes to an enclosing batch (see {@link #join}). */
    public boolean joined() {
        return joined;
    }

    /** The batch open on the current thread, or null. */
    static DurableBatch current() {
        return CURRENT.get();
    }

    /** Records that write number {@code call} of {@code store} waits for this batch's commit. */
    void defer(DurableMvStore store, long call) {
        requireUsable();
        pending.merge(store, call, Math::max);
    }

    /**
     * Records that reads of {@code store} made so far wait for this batch's commit: it then takes
     * the store's position after the call running at that moment (see {@link
     * DurableMvStore#awaitReads}), which is at least every position deferred before.
     */
    void deferReads(DurableMvStore store) {
        defer(store, READS);
    }

    /**
     * Called before {@code store} runs a write in this batch: after a {@link #barrier}, the writes
     * pending in other stores are made durable first, so that they reach the disk no later than
     * this one. Writes to one store need nothing: its every commit covers all earlier writes.
     */
    void beforeWrite(DurableMvStore store) {
        requireUsable(); // a write must never be deferred to a batch nobody will commit
        if (barrier && !(pending.isEmpty() || pending.size() == 1 && pending.containsKey(store))) {
            flush();
            barrier = false;
        }
    }

    /**
     * Orders the writes made in this batch so far before any later write of this thread: they
     * reach the disk no later than it, whether or not both share a file. Where they share one
     * (the embedded stores do) that costs nothing, because a commit covers every earlier write;
     * otherwise the earlier writes are committed just before the first later write to another
     * file. A ticket's tokens must never reach the disk after a view that names them.
     *
     * @throws IllegalStateException if the batch is closed or used from another thread
     */
    public void barrier() {
        requireUsable();
        barrier = !pending.isEmpty();
    }

    /**
     * Returns once every write made in this batch so far is committed and forced to disk; the
     * batch stays open for more writes and another commit. A {@linkplain #join joined} batch
     * instead hands the writes to the batch it joined, which commits them with its own.
     *
     * @throws IllegalStateException if a store's commit or fsync failed (that store is then closed)
     *     or the batch is closed or used from another thread
     */
    public void commit() {
        requireUsable();
        if (joined) {
            handOver();
            return;
        }
        flush();
    }

    private void flush() {
        for (Map.Entry<DurableMvStore, Long> e : pending.entrySet()) {
            DurableMvStore store = e.getKey();
            store.awaitDurable(e.getValue() == READS ? store.afterRunningCall() : e.getValue());
        }
        pending.clear();
    }

    private void handOver() {
        pending.forEach(outer::defer);
        pending.clear();
        barrier = false;
    }

    /** Ends the batch; later writes on this thread are durable per call again (or join the outer batch). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        requireUsable();
        if (CURRENT.get() != this) {
            // refused before anything changes: the inner batch stays current and usable
            throw new IllegalStateException("durable batch: closed out of order (expected: the innermost batch first)");
        }
        if (joined) {
            handOver(); // the writes were made: the enclosing batch's commit covers them
        }
        closed = true;
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
