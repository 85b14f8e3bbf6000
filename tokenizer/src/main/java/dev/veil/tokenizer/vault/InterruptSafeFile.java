package dev.veil.tokenizer.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import org.h2.store.fs.FileBase;

/**
 * A channel to a store file or a log file that survives an interrupt. A JDK {@code FileChannel}
 * closes itself for every thread when a thread doing I/O on it is interrupted
 * ({@code ClosedByInterruptException}): one page read by a worker or background task interrupted
 * at shutdown, or one log force led by such a worker, would fail the whole store and its last
 * checkpoint with it. Here each operation runs with the caller's interrupt taken off the thread (a
 * thread already interrupted closes nothing) and put back afterwards; an interrupt that arrives
 * during the system call still closes the JDK channel, and then the file is opened again, its lock
 * taken again and the operation resumed where it stopped. Other threads caught in that close
 * ({@code AsynchronousCloseException}) retry the same way. A channel closed by {@link #close()}
 * stays closed.
 */
final class InterruptSafeFile extends FileBase {

    /** Opens the file: at first, and again after an interrupt closed it. */
    @FunctionalInterface
    interface Opener {
        FileChannel open() throws IOException;
    }

    private final String name;
    private final Opener opener;
    private volatile FileChannel channel;
    /** The lock handed out, moved to each new channel; guarded by this. */
    private StoreLock lock;
    private volatile boolean closed;
    private long position;

    /** {@code name} names the file in messages. */
    InterruptSafeFile(String name, Opener opener) throws IOException {
        this.name = name;
        this.opener = opener;
        this.channel = opener.open();
    }

    @Override
    public int read(ByteBuffer dst, long at) throws IOException {
        int start = dst.position();
        int last = run(c -> c.read(dst, at + dst.position() - start));
        int total = dst.position() - start;
        return total > 0 ? total : last;
    }

    @Override
    public int write(ByteBuffer src, long at) throws IOException {
        int start = src.position();
        run(c -> c.write(src, at + src.position() - start));
        return src.position() - start;
    }

    @Override
    public synchronized int read(ByteBuffer dst) throws IOException {
        int read = read(dst, position);
        if (read > 0) {
            position += read;
        }
        return read;
    }

    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
        int written = write(src, position);
        position += written;
        return written;
    }

    @Override
    public synchronized long position() {
        return position;
    }

    @Override
    public synchronized FileChannel position(long newPosition) {
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        return run(FileChannel::size);
    }

    @Override
    public synchronized FileChannel truncate(long size) throws IOException {
        run(c -> c.truncate(size));
        position = Math.min(position, size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        run(c -> {
            c.force(metaData);
            return null;
        });
    }

    @Override
    public synchronized FileLock tryLock(long at, long size, boolean shared) throws IOException {
        FileLock taken = run(c -> c.tryLock(at, size, shared));
        if (taken == null) {
            return null;
        }
        lock = new StoreLock(this, taken);
        return lock;
    }

    @Override
    protected void implCloseChannel() throws IOException {
        closed = true;
        synchronized (this) {
            channel.close(); // releases the lock too
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private interface Operation<T> {
        T on(FileChannel channel) throws IOException;
    }

    private <T> T run(Operation<T> operation) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            // each turn follows a close by an interrupt during a system call: the turns end with the interrupts
            while (true) {
                FileChannel current = channel;
                try {
                    return operation.on(current);
                } catch (ClosedChannelException e) {
                    interrupted |= Thread.interrupted();
                    if (closed) {
                        throw e;
                    }
                    reopen(current);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Opens the file again unless another thread has already done so since {@code failed}. */
    private synchronized void reopen(FileChannel failed) throws IOException {
        if (closed || channel != failed) {
            return;
        }
        try {
            failed.close(); // closed already by the interrupt; if not, its lock must go before the next takes it
        } catch (IOException e) {
            // it is being replaced
        }
        FileChannel next = opener.open();
        if (lock != null) {
            // the close released the lock: another process may have taken the file meanwhile
            FileLock again;
            try {
                again = next.tryLock(lock.position(), lock.size(), lock.isShared());
            } catch (IOException | RuntimeException e) {
                next.close();
                throw e;
            }
            if (again == null) {
                next.close();
                throw new IOException(name + ": another process locked the file while an interrupt had closed it");
            }
            lock.base = again;
        }
        channel = next;
    }

    /** The file's lock as H2 holds it: whichever channel's lock is current. */
    private static final class StoreLock extends FileLock {

        private final InterruptSafeFile file;
        private FileLock base;

        StoreLock(InterruptSafeFile file, FileLock base) {
            super(file, base.position(), base.size(), base.isShared());
            this.file = file;
            this.base = base;
        }

        @Override
        public boolean isValid() {
            synchronized (file) {
                return base.isValid();
            }
        }

        @Override
        public void release() throws IOException {
            synchronized (file) {
                file.lock = null; // not to be taken again by a later reopen
                if (base.isValid()) {
                    base.release();
                }
            }
        }
    }
}
