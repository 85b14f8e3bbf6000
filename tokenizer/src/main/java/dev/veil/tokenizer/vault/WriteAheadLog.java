package dev.veil.tokenizer.vault;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The redo log beside a {@link DurableMvStore}'s file: frames of changes appended in order and
 * forced in groups, in numbered files ({@code veil.mv.db.1.wal}, {@code veil.mv.db.2.wal}, ...) of
 * which a checkpoint of the store makes the older ones redundant.
 *
 * <p>A file starts with {@value #MAGIC} and its number (8 bytes), then holds frames: payload length
 * (4 bytes, never 0), CRC-32C of the payload (4 bytes), payload. A file is created filled with zeros
 * to the size its frames are expected to reach and forced before any frame goes in, so that frames
 * overwrite blocks the file system has already allocated and the file's size stays put: a force
 * ({@code fdatasync}) then writes the frames and flushes, without writing the file's allocation and
 * size too (on journaling file systems, without a journal commit). The zeros after the last frame
 * end the file's frames; a file that outgrows them grows as it is appended to.
 *
 * <p>The next file is created (its header, zeros and name forced) before the log {@linkplain
 * #rotate rotates} to it, which only redirects the frames appended from then on, so that a
 * checkpoint's writers never wait for a file to be created or forced. A force writes and forces
 * the older file's last frames and closes it before it writes any frame to the newer one, so a
 * file that is followed by a file holding frames is whole, and a damaged frame there (zeros
 * followed by frames among them) is corruption and fails the open. Otherwise (the newest file, or
 * the one before a newer file that holds no frame) the first frame that is cut short or fails its
 * checksum, or zeros followed by anything but zeros, ends the log: a write that a crash interrupted,
 * never acknowledged, whose pages may have reached the disk in any order; the file is cut there. A
 * newest file that is all zeros is one a crash interrupted while it was made, and is deleted.
 *
 * <p>Thread-safe: frames are appended under the store's change lock, forced by any waiting thread.
 */
final class WriteAheadLog implements AutoCloseable {

    static final String MAGIC = "VEILWAL1";
    private static final int HEADER = 16;
    private static final int FRAME_HEADER = 8;
    private static final int ZERO_FILL_PIECE = 1 << 20;

    private final Path dir;
    private final String prefix;
    private final ChannelOpener opener;
    /** One group force (write and fsync) at a time; its holder is the group's leader. */
    private final ReentrantLock forceLock = new ReentrantLock();
    /**
     * Writers parked while a force runs, each woken by that force's leader once it ends: those it
     * covered at once, together, and one it did not to lead the next. Waiting on the lock instead
     * woke them one after another, each only once the one before had run and let go of it.
     */
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    /** The first write or fsync that failed: nothing is forced, nor anyone told "durable", after it. */
    private volatile IOException failure;
    private FileChannel channel;       // the file frames are appended to; guarded by this
    private long generation;           // its number; guarded by this
    private FileChannel next;          // created for the next rotation, or null; guarded by this
    /** Older files' frames not yet written, and their channels to force and close, oldest first; guarded by this. */
    private final ArrayDeque<Sealed> sealed = new ArrayDeque<>();
    private byte[] pending = new byte[1 << 16]; // appended to the current file, not yet written; guarded by this
    private int pendingLength;         // guarded by this
    private byte[] spare = new byte[1 << 16];   // guarded by forceLock
    private long appended;             // position after the last frame appended; guarded by this
    private long appendedSinceSwitch;  // bytes appended to the current file; guarded by this
    private volatile long durable;     // position up to which frames are forced
    private volatile long forces;
    private volatile boolean closed;
    private volatile DurabilityListener listener = DurabilityListener.NONE;

    private WriteAheadLog(Path dir, String prefix, ChannelOpener opener) {
        this.dir = dir;
        this.prefix = prefix;
        this.opener = opener;
    }

    /** How the log opens the files it creates: {@link FileChannel#open}, or in tests a channel that fails on demand. */
    @FunctionalInterface
    interface ChannelOpener {
        FileChannel open(Path file, OpenOption... options) throws IOException;
    }

    /** What a log holds on open: the frames to replay, in order, from files numbered at least the checkpoint. */
    record Recovered(WriteAheadLog log, List<ByteBuffer> frames) {}

    /** A writer parked until the log is forced up to its frame's end. */
    private record Waiter(Thread thread, long position) {}

    /** The last frames of a file the log rotated away from, still to be written before its channel is forced and closed. */
    private record Sealed(FileChannel channel, byte[] bytes, int length) {}

    /**
     * Opens the log of {@code store} (the MVStore file's path): deletes the files a checkpoint made
     * redundant (numbers below {@code firstNeeded}), reads the frames of the others, cuts a torn
     * tail off the newest and starts a new file for the frames to come, made {@code preallocate}
     * bytes long with zeros (none if smaller than the header).
     *
     * @throws IllegalStateException if a frame before the newest file's tail is damaged, or a file
     *     cannot be read, created or forced
     */
    static Recovered open(Path store, long firstNeeded, long preallocate) {
        return open(store, firstNeeded, preallocate, FileChannel::open);
    }

    /** {@link #open(Path, long, long)} with the files it creates opened by {@code opener}. */
    static Recovered open(Path store, long firstNeeded, long preallocate, ChannelOpener opener) {
        WriteAheadLog log = new WriteAheadLog(store.getParent(), store.getFileName().toString(), opener);
        TreeMap<Long, Path> files = log.files();
        List<ByteBuffer> frames = new ArrayList<>();
        try {
            Path torn = null; // a file whose tail a crash may have cut, as long as no later file holds a frame
            long tornAt = 0;
            for (var file : files.entrySet()) {
                if (file.getKey() < firstNeeded) {
                    Files.delete(file.getValue()); // covered by the checkpoint the store was opened at
                    continue;
                }
                boolean newest = file.getKey().equals(files.lastKey());
                int before = frames.size();
                long end = read(file.getValue(), file.getKey(), newest, frames);
                if (torn != null && (frames.size() > before || end >= 0)) {
                    // frames reach a file only once the older ones are forced whole
                    throw damaged(torn, tornAt);
                }
                if (end >= 0) {
                    torn = file.getValue();
                    tornAt = end;
                }
            }
            if (torn != null) {
                cut(torn, tornAt);
            }
            long next = Math.max(firstNeeded, files.isEmpty() ? 0 : files.lastKey() + 1);
            log.channel = log.create(next, preallocate);
            log.generation = next;
        } catch (IOException e) {
            throw new IllegalStateException("write-ahead log of " + store + ": cannot read or create it", e);
        }
        return new Recovered(log, frames);
    }

    /** Bytes appended to the current file since it was started; checkpoints start a new one. */
    synchronized long currentFileBytes() {
        return appendedSinceSwitch;
    }

    /** The position after the last frame appended. */
    synchronized long appended() {
        return appended;
    }

    /** Tells {@code listener} of every group force from now on. */
    void listen(DurabilityListener listener) {
        this.listener = listener;
    }

    /** Group forces (one fsync each) taken so far. */
    long forces() {
        return forces;
    }

    /**
     * Appends one frame holding {@code payload[0, length)} and returns the position after it; it
     * is durable once {@link #force} has reached that position.
     */
    synchronized long append(byte[] payload, int length) {
        int needed = pendingLength + FRAME_HEADER + length;
        if (needed > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(needed, pending.length * 2));
        }
        CRC32C crc = new CRC32C();
        crc.update(payload, 0, length);
        ByteBuffer.wrap(pending, pendingLength, FRAME_HEADER).putInt(length).putInt((int) crc.getValue());
        System.arraycopy(payload, 0, pending, pendingLength + FRAME_HEADER, length);
        pendingLength = needed;
        appended += FRAME_HEADER + length;
        appendedSinceSwitch += FRAME_HEADER + length;
        return appended;
    }

    /**
     * Returns once every frame up to {@code position} is written and forced; one caller (the
     * leader) writes and forces every frame appended so far while the others wait for it (group
     * commit), and then wakes those it covered. An interrupt neither ends the wait nor fails the
     * force: the caller gets it back on return.
     *
     * @throws IOException if a write or the fsync failed, now or in an earlier force; the log must
     *     not be used after that
     */
    void force(long position) throws IOException {
        Waiter me = null;
        boolean interrupted = false;
        try {
            while (durable < position) {
                requireNotFailed();
                if (forceLock.tryLock()) {
                    try {
                        if (durable < position) {
                            writePendingAndForce();
                        }
                    } finally {
                        forceLock.unlock();
                        wakeWaiters();
                    }
                    continue; // the force covered every frame appended before it, ours among them
                }
                if (me == null) {
                    me = new Waiter(Thread.currentThread(), position);
                }
                waiters.add(me);
                // registered before looking: a leader that lets go after this look wakes us
                if (durable < position && failure == null && forceLock.isLocked()) {
                    LockSupport.park(this);
                    // an interrupt ends a park at once: wait on, as the force lock did, and keep it
                    interrupted |= Thread.interrupted();
                }
                waiters.remove(me); // gone already if a leader woke us
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Wakes, after a force, the waiters it covered and one it did not (their frames were appended
     * after the force took its bytes), who leads the next force; the others it did not cover wait
     * for that one. After a failure, or when the log closed, wakes them all to find it out.
     */
    private void wakeWaiters() {
        long forced = durable;
        boolean all = failure != null || closed;
        boolean leaderWoken = false;
        for (var it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (all || w.position() <= forced || !leaderWoken) {
                leaderWoken |= w.position() > forced;
                it.remove();
                LockSupport.unpark(w.thread());
            }
        }
    }

    private void requireNotFailed() throws IOException {
        IOException failed = failure;
        if (failed != null) {
            throw new IOException("write-ahead log: an earlier write or fsync failed", failed);
        }
    }

    /**
     * Creates the file the next {@link #rotate} moves to, {@code preallocate} bytes long with zeros,
     * with its header, zeros and name forced; called by one thread at a time (the store's
     * checkpoint), without holding writers off.
     */
    void prepareNext(long preallocate) throws IOException {
        long number;
        synchronized (this) {
            if (next != null) {
                return;
            }
            number = generation + 1;
        }
        FileChannel created = create(number, preallocate);
        synchronized (this) {
            next = created;
        }
    }

    /**
     * Directs the frames appended from now on to the file {@link #prepareNext} created; the frames
     * appended before go to the older file, which the next force writes, forces and closes before
     * it writes anything to the new one. Called with appends excluded (under the store's change
     * lock), so that the older files hold exactly the changes a checkpoint taken next covers; it
     * neither writes nor forces anything.
     *
     * @return the new file's number
     * @throws IllegalStateException if no file was prepared
     */
    synchronized long rotate() {
        if (next == null) {
            throw new IllegalStateException("write-ahead log: no file prepared to rotate to");
        }
        sealed.add(new Sealed(channel, pending, pendingLength));
        pending = new byte[pending.length];
        pendingLength = 0;
        channel = next;
        next = null;
        generation++;
        appendedSinceSwitch = 0;
        return generation;
    }

    /** Deletes the files numbered below {@code generation}, made redundant by a durable checkpoint. */
    void deleteBefore(long generation) throws IOException {
        for (var file : files().headMap(generation).values()) {
            Files.deleteIfExists(file);
        }
    }

    /** Closes the files without forcing anything more. */
    @Override
    public void close() {
        forceLock.lock();
        try {
            closed = true;
            synchronized (this) {
                for (Sealed s : sealed) {
                    closeQuietly(s.channel());
                }
                sealed.clear();
                closeQuietly(channel);
                if (next != null) {
                    closeQuietly(next); // an empty file: the next open reads its header and moves past it
                    next = null;
                }
            }
        } finally {
            forceLock.unlock();
            wakeWaiters(); // they find the log closed
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing unforced is acknowledged; a close failure loses nothing
        }
    }

    private void writePendingAndForce() throws IOException {
        if (closed) {
            throw new IOException("write-ahead log closed");
        }
        Sealed[] older;
        FileChannel current;
        byte[] out;
        int length;
        long end;
        synchronized (this) {
            older = sealed.toArray(new Sealed[0]);
            sealed.clear();
            current = channel;
            out = pending;
            length = pendingLength;
            end = appended;
            pending = spare;
            pendingLength = 0;
        }
        long started = System.nanoTime();
        long bytes = length;
        try {
            // an older file is whole on disk before the newer one gets a frame: the reader relies on it
            for (Sealed s : older) {
                writeFully(s.channel(), s.bytes(), s.length());
                s.channel().force(false);
                s.channel().close();
                bytes += s.length();
            }
            writeFully(current, out, length);
            // data only: the file's size is metadata fdatasync does force, the rest (times) is not needed to read it back
            current.force(false);
        } catch (IOException e) {
            // these frames left the buffer: a later force that succeeded would call them durable
            failure = e;
            throw e;
        }
        spare = out;
        durable = end;
        forces++;
        listener.logForced(bytes, System.nanoTime() - started);
    }

    private static void writeFully(FileChannel channel, byte[] bytes, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private FileChannel create(long number, long preallocate) throws IOException {
        Path file = dir.resolve(prefix + "." + number + ".wal");
        OwnerOnlyFiles.createFile(file);
        // frames are written by whichever request thread leads a force: an interrupt must not close the file
        FileChannel created = new InterruptSafeFile(file.toString(), () -> opener.open(file, StandardOpenOption.WRITE));
        try {
            ByteBuffer header = ByteBuffer.allocate(HEADER).put(MAGIC.getBytes(US_ASCII)).putLong(number).flip();
            while (header.hasRemaining()) {
                created.write(header);
            }
            ByteBuffer zeros = ByteBuffer.allocate(ZERO_FILL_PIECE);
            for (long at = HEADER; at < preallocate; at += zeros.capacity()) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), preallocate - at));
                while (zeros.hasRemaining()) {
                    created.write(zeros);
                }
            }
            created.force(true);
            created.position(HEADER);
            OwnerOnlyFiles.forceDirectory(dir); // the name must outlive a crash as surely as the frames
            return created;
        } catch (IOException e) {
            created.close();
            throw e;
        }
    }

    /**
     * Reads one file's frames into {@code frames}, up to the first frame that is cut short or
     * damaged, and returns where that frame begins (where the file may be cut), or -1 if the file
     * is whole.
     */
    private static long read(Path file, long number, boolean newest, List<ByteBuffer> frames) throws IOException {
        OwnerOnlyFiles.restrictToOwner(file);
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
        if (all.remaining() < HEADER || zerosFrom(all, 0)) {
            if (newest) {
                Files.delete(file); // created, never forced whole: nothing was acknowledged in it
                return -1;
            }
            throw damaged(file, 0);
        }
        byte[] magic = new byte[MAGIC.length()];
        all.get(magic);
        if (!MAGIC.equals(new String(magic, US_ASCII)) || all.getLong() != number) {
            throw new IllegalStateException("write-ahead log " + file + " is not a Veil write-ahead log (or not this one); move it away only if its store is intact");
        }
        while (all.hasRemaining()) {
            int at = all.position();
            if (zerosFrom(all, at)) {
                return -1; // the rest of a file made with zeros in advance: the frames end here
            }
            ByteBuffer frame = frameAt(all);
            if (frame == null) {
                return at;
            }
            frames.add(frame);
        }
        return -1;
    }

    /** Whether every byte of {@code all} from {@code at} on is zero (a frame's length is never 0). */
    private static boolean zerosFrom(ByteBuffer all, int at) {
        for (int k = at; k < all.limit(); k++) {
            if (all.get(k) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The payload of the frame at the buffer's position (which moves past it), or null if it is cut short or damaged. */
    private static ByteBuffer frameAt(ByteBuffer all) {
        if (all.remaining() < FRAME_HEADER) {
            return null;
        }
        int length = all.getInt();
        int checksum = all.getInt();
        if (length <= 0 || length > all.remaining()) {
            return null;
        }
        ByteBuffer payload = all.slice(all.position(), length);
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        if ((int) crc.getValue() != checksum) {
            return null;
        }
        all.position(all.position() + length);
        return payload;
    }

    private static void cut(Path file, long at) throws IOException {
        // the frames before stay; a file that is followed by one holding frames never gets here
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(at);
            channel.force(true);
        }
    }

    static IllegalStateException damaged(Path file, long at) {
        return new IllegalStateException("write-ahead log " + file + " is damaged at byte " + at
                + " (a file that was complete); restore the data directory from a backup");
    }

    private TreeMap<Long, Path> files() {
        return files(dir, prefix);
    }

    /** The log files of the store file {@code prefix} in {@code dir}, by number. */
    static TreeMap<Long, Path> files(Path dir, String prefix) {
        Pattern names = Pattern.compile(Pattern.quote(prefix) + "\\.([0-9]{1,18})\\.wal");
        TreeMap<Long, Path> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(dir)) {
            listing.forEach(p -> {
                Matcher m = names.matcher(p.getFileName().toString());
                if (m.matches()) {
                    files.put(Long.parseLong(m.group(1)), p);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("write-ahead log of " + dir.resolve(prefix) + ": cannot list its directory", e);
        }
        return files;
    }
}
