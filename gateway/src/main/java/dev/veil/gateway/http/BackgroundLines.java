package dev.veil.gateway.http;

import static java.util.Objects.requireNonNull;

import java.io.Flushable;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Writes lines to an output on a thread of its own, so that a caller on a Netty event loop (the
 * access log runs in each response's write listener) never waits on a terminal, pipe or disk. The
 * queue is bounded: when the output falls that far behind, lines are dropped and counted rather
 * than blocking the event loop or growing without bound.
 */
public final class BackgroundLines implements Consumer<String>, AutoCloseable {

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
        try {
            while (!closed || !queue.isEmpty()) {
                String line = queue.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                out.append(line).append('\n');
                if (queue.isEmpty() && out instanceof Flushable flushable) {
                    flushable.flush();
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
