package dev.veil.tokenizer.vault;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
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
 * (4 bytes), CRC-32C of the payload (4 bytes), payload. Every file but the newest was forced whole
 * before the next was created, so a damaged frame there is corruption and fails the open; in the
 * newest file the first frame that is cut short or fails its checksum ends the log (a write that
 * a crash interrupted, never acknowledged: its pages may have reached the disk in any order), and
 * the file is cut there.
 *
 * <p>Thread-safe: frames are appended under the store's change lock, forced by any waiting thread.
 */
final class WriteAheadLog implements AutoCloseable {

    static final String MAGIC = "VEILWAL1";
    private static final int HEADER = 16;
    private static final int FRAME_HEADER = 8;

    private final Path dir;
    private final String prefix;
    /** One group force (write and fsync) at a time; also held to switch files. */
    private final ReentrantLock forceLock = new ReentrantLock();
    private FileChannel channel;       // guarded by forceLock
    private long generation;           // guarded by forceLock
    private byte[] pending = new byte[1 << 16]; // appended, not yet written; guarded by this
    private int pendingLength;         // guarded by this
    private byte[] spare = new byte[1 << 16];   // guarded by forceLock
    private long appended;             // position after the last frame appended; guarded by this
    private long appendedSinceSwitch;  // bytes appended to the current file; guarded by this
    private volatile long durable;     // position up to which frames are forced
    private volatile long forces;
    private volatile boolean closed;

    private WriteAheadLog(Path dir, String prefix) {
        this.dir = dir;
        this.prefix = prefix;
    }

    /** What a log holds on open: the frames to replay, in order, from files numbered at least the checkpoint. */
    record Recovered(WriteAheadLog log, List<ByteBuffer> frames) {}

    /**
     * Opens the log of {@code store} (the MVStore file's path): deletes the files a checkpoint made
     * redundant (numbers below {@code firstNeeded}), reads the frames of the others, cuts a torn
     * tail off the newest and starts a new file for the frames to come.
     *
     * @throws IllegalStateException if a frame before the newest file's tail is damaged, or a file
     *     cannot be read, created or forced
     */
    static Recovered open(Path store, long firstNeeded) {
        WriteAheadLog log = new WriteAheadLog(store.getParent(), store.getFileName().toString());
        TreeMap<Long, Path> files = log.files();
        List<ByteBuffer> frames = new ArrayList<>();
        try {
            for (var file : files.entrySet()) {
                if (file.getKey() < firstNeeded) {
                    Files.delete(file.getValue()); // covered by the checkpoint the store was opened at
                    continue;
                }
                boolean newest = file.getKey().equals(files.lastKey());
                read(file.getValue(), file.getKey(), newest, frames);
            }
            long next = Math.max(firstNeeded, files.isEmpty() ? 0 : files.lastKey() + 1);
            log.channel = log.create(next);
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
     * Returns once every frame up to {@code position} is written and forced; one caller writes and
     * forces every frame appended so far while the others wait for it (group commit).
     *
     * @throws IOException if a write or the fsync failed; the log must not be used after that
     */
    void force(long position) throws IOException {
        if (durable >= position) {
            return;
        }
        forceLock.lock();
        try {
            if (durable >= position) {
                return; // a force that started after our frame was appended finished while we waited
            }
            writePendingAndForce();
        } finally {
            forceLock.unlock();
        }
    }

    /**
     * Forces what is pending into the current file and starts the next-numbered file for the
     * frames to come; called with appends excluded (under the store's change lock), so that the
     * older files then hold exactly the changes a checkpoint taken next covers.
     *
     * @return the new file's number
     */
    long switchFile() throws IOException {
        forceLock.lock();
        try {
            writePendingAndForce();
            long next = generation + 1;
            FileChannel created = create(next);
            channel.close();
            channel = created;
            generation = next;
            synchronized (this) {
                appendedSinceSwitch = 0;
            }
            return next;
        } finally {
            forceLock.unlock();
        }
    }

    /** Deletes the files numbered below {@code generation}, made redundant by a durable checkpoint. */
    void deleteBefore(long generation) throws IOException {
        for (var file : files().headMap(generation).values()) {
            Files.deleteIfExists(file);
        }
    }

    /** Closes the current file without forcing anything more. */
    @Override
    public void close() {
        forceLock.lock();
        try {
            closed = true;
            channel.close();
        } catch (IOException e) {
            // nothing unforced is acknowledged; a close failure loses nothing
        } finally {
            forceLock.unlock();
        }
    }

    private void writePendingAndForce() throws IOException {
        if (closed) {
            throw new IOException("write-ahead log closed");
        }
        byte[] out;
        int length;
        long end;
        synchronized (this) {
            out = pending;
            length = pendingLength;
            end = appended;
            pending = spare;
            pendingLength = 0;
        }
        ByteBuffer buffer = ByteBuffer.wrap(out, 0, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        // data only: the file's size is metadata fdatasync does force, the rest (times) is not needed to read it back
        channel.force(false);
        spare = out;
        durable = end;
        forces++;
    }

    private FileChannel create(long number) throws IOException {
        Path file = dir.resolve(prefix + "." + number + ".wal");
        OwnerOnlyFiles.createFile(file);
        FileChannel created = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        try {
            ByteBuffer header = ByteBuffer.allocate(HEADER).put(MAGIC.getBytes(US_ASCII)).putLong(number).flip();
            while (header.hasRemaining()) {
                created.write(header);
            }
            created.force(true);
            OwnerOnlyFiles.forceDirectory(dir); // the name must outlive a crash as surely as the frames
            return created;
        } catch (IOException e) {
            created.close();
            throw e;
        }
    }

    /** Reads one file's frames into {@code frames}, cutting a torn tail off the newest file. */
    private static void read(Path file, long number, boolean newest, List<ByteBuffer> frames) throws IOException {
        OwnerOnlyFiles.restrictToOwner(file);
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
        if (all.remaining() < HEADER) {
            if (newest) {
                Files.delete(file); // created, never forced whole: nothing was acknowledged in it
                return;
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
            ByteBuffer frame = frameAt(all);
            if (frame == null) {
                if (newest) {
                    cut(file, at);
                    return;
                }
                throw damaged(file, at);
            }
            frames.add(frame);
        }
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
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(at);
            channel.force(true);
        }
    }

    private static IllegalStateException damaged(Path file, long at) {
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
