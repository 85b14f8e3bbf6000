package dev.veil.tokenizer.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real file's channel whose next {@code write} or {@code force} can be held until the test lets
 * it go, and then fail: a log's leader held inside its force, with writers parking behind it, and a
 * disk that fails once and then works again.
 */
final class FaultyChannel extends FileChannel {

    /** One held operation: {@link #entered} once it is held, {@link #release} to let it go, failing with {@code error} if not null. */
    static final class Hold {
        final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile IOException error;

        /** Lets the operation go on to the real file. */
        void release() {
            released.countDown();
        }

        /** Lets the operation go, failing with {@code e} without reaching the file. */
        void fail(IOException e) {
            error = e;
            released.countDown();
        }

        private void await() throws IOException {
            entered.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while held", e);
            }
            if (error != null) {
                throw error;
            }
        }
    }

    private final FileChannel file;
    private final AtomicReference<Hold> nextWrite = new AtomicReference<>();
    private final AtomicReference<Hold> nextForce = new AtomicReference<>();

    private FaultyChannel(FileChannel file) {
        this.file = file;
    }

    /** A log opener that hands each channel it opens (the log creates one per file) to {@code opened}. */
    static WriteAheadLog.ChannelOpener opener(AtomicReference<FaultyChannel> opened) {
        return (Path path, OpenOption... options) -> {
            FaultyChannel channel = new FaultyChannel(FileChannel.open(path, options));
            opened.set(channel);
            return channel;
        };
    }

    /** Holds the next write (one call; later ones go straight to the file). */
    Hold holdNextWrite() {
        Hold hold = new Hold();
        nextWrite.set(hold);
        return hold;
    }

    /** Holds the next force (one call; later ones go straight to the file). */
    Hold holdNextForce() {
        Hold hold = new Hold();
        nextForce.set(hold);
        return hold;
    }

    /** Waits on the hold set for this kind of call, if any (one call only), and fails as it says. */
    private static void awaitHeld(AtomicReference<Hold> next) throws IOException {
        Hold hold = next.getAndSet(null);
        if (hold != null) {
            hold.await();
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        awaitHeld(nextWrite);
        return file.write(src);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        awaitHeld(nextWrite);
        return file.write(src, position);
    }

    @Override
    public void force(boolean metaData) throws IOException {
        awaitHeld(nextForce);
        file.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return file.read(dsts, offset, length);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new UnsupportedOperationException("the log writes one buffer at a time; hold this one too if it changes");
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        file.truncate(size);
        return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return file.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return file.read(dst, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }
}
