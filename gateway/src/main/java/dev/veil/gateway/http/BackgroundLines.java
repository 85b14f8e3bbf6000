package dev.veil.gateway.http;

import static java.util.Objects.requireNonNull;

import java.io.Flushable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Writes lines to an output on a thread of its own, so that a caller on a Netty event loop (the
 * access log runs in each response's write listener) never waits on a terminal, pipe or disk. The
 * queue is bounded: when the output falls that far behind, lines are dropped and counted rather
 * than blocking the event loop or growing without bound.
 *
 * <p>Lines are written in batches: after each write the writer lingers a few milliseconds, so that
 * under load the lines of many requests go out in one write (one system call, where each line
 * cost two) and the callers' queueing does not wake the writer for every line. An idle writer
 * waits for the next line and writes it at once.
 */
public final class BackgroundLines implements Consumer<String>, AutoCloseable {

    /** How long the writer lets lines gather after a write; an access log line may be this late. */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Largest batch text kept between writes; a larger one (a burst) is left to the collector. */
    private static final int KEPT_CHARS = 1 << 20;

    private final Appendable out;
    private final ArrayBlockingQueue<String> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    private BackgroundLines(Appendable out, int capacity) {
        this.out = out;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::drain, "veil-log-writer");
        writer.setDaemon(true);
    }

    /** Lines to {@code out}, each ending with a newline, through a queue of at most {@code capacity}. */
    public static BackgroundLines to(Appendable out, int capacity) {
        requireNonNull(out, "out");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        BackgroundLines lines = new BackgroundLines(out, capacity);
        lines.writer.start();
        return lines;
    }

    /** Queues {@code line}; never blocks: a line that finds the queue full is dropped and counted. */
    @Override
    public void accept(String line) {
        if (closed || !queue.offer(requireNonNull(line, "line"))) {
            dropped.incrementAndGet();
        }
    }

    /** How many lines were dropped because the output fell behind (or came after close). */
    public long dropped() {
        return dropped.get();
    }

    private void drain() {
        List<String> batch = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try {
            while (!closed || !queue.isEmpty()) {
                String first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch); // what is queued now, at most the queue's capacity: a batch stays bounded
                for (String line : batch) {
                    text.append(line).append('\n');
                }
                batch.clear();
                out.append(text);
                if (out instanceof Flushable flushable) {
                    flushable.flush();
                }
                text = text.length() > KEPT_CHARS ? new StringBuilder() : text.delete(0, text.length());
                if (!closed) {
                    // not waiting on the queue meanwhile: a caller's offer then wakes nobody
                    LockSupport.parkNanos(LINGER_NANOS);
                }
            }
        } catch (IOException | InterruptedException e) {
            // the output is gone: nothing else can be written, and there is nowhere to say so
        }
    }

    /** Writes what is queued, then stops the writer (waiting at most five seconds). */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
