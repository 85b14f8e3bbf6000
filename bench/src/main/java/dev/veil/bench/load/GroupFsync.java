package dev.veil.bench.load;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A file appended to from its start and forced to disk as Veil's write-ahead log forces its frames:
 * appends go to memory, and one caller writes and forces everything appended so far while the
 * others wait for it (group commit). The load benchmark times it at the fixed rate of the intake
 * runs to show what the disk alone adds to a durable request's latency.
 */
final class GroupFsync implements AutoCloseable {

    private final FileChannel channel;
    private final ReentrantLock forceLock = new ReentrantLock();
    /** Appended bytes not yet written; guarded by {@code this}. */
    private ByteBuffer pending = ByteBuffer.allocate(1 << 16);
    private long appended;
    private volatile long durable;
    private long forces;

    /**
     * Opens {@code file} for appends from its start; with {@code preallocate} above 0 it first fills
     * the file with that many zeros and forces them, as Veil's write-ahead log makes its files, so
     * that the appends overwrite allocated blocks and a force does not change the file's size.
     */
    GroupFsync(Path file, long preallocate) throws IOException {
        channel = FileChannel.open(requireNonNull(file, "file"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
        for (long at = 0; at < preallocate; at += zeros.capacity()) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), preallocate - at));
            while (zeros.hasRemaining()) {
                channel.write(zeros);
            }
        }
        channel.force(true);
        channel.position(0);
    }

    /** Appends {@code bytes} and returns once they, and everything appended before, are forced to disk. */
    void appendDurably(byte[] bytes) throws IOException {
        force(append(bytes));
    }

    private synchronized long append(byte[] bytes) {
        if (pending.remaining() < bytes.length) {
            ByteBuffer grown = ByteBuffer.allocate(Math.max(2 * pending.capacity(), pending.position() + bytes.length));
            pending = grown.put(pending.flip());
        }
        pending.put(bytes);
        appended += bytes.length;
        return appended;
    }

    private void force(long position) throws IOException {
        if (durable >= position) {
            return;
        }
        forceLock.lock();
        try {
            if (durable >= position) {
                return; // a force that started after our append covered it while we waited
            }
            ByteBuffer out;
            long end;
            synchronized (this) {
                out = ByteBuffer.wrap(pending.array(), 0, pending.position()).slice();
                end = appended;
                pending = ByteBuffer.allocate(pending.capacity());
            }
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.force(false);
            forces++;
            durable = end;
        } finally {
            forceLock.unlock();
        }
    }

    /** Forces made so far: fewer than appends when appends overlap. */
    long forces() {
        forceLock.lock();
        try {
            return forces;
        } finally {
            forceLock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
