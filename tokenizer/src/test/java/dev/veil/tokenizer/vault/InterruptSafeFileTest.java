package dev.veil.tokenizer.vault;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterruptSafeFileTest {

    @TempDir
    Path dir;

    /** Opens the file for reading and writing, keeping every channel so that a test can close one as an interrupt would. */
    static final class RecordingOpener implements InterruptSafeFile.Opener {
        final List<FileChannel> opened = new CopyOnWriteArrayList<>();
        private final Path file;

        RecordingOpener(Path file) {
            this.file = file;
        }

        @Override
        public FileChannel open() throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            opened.add(channel);
            return channel;
        }
    }

    private static InterruptSafeFile safe(Path file, RecordingOpener opener) throws IOException {
        return new InterruptSafeFile(file.toString(), opener);
    }

    @Test
    void aChannelClosedUnderneathIsOpenedAgainWithItsLockAndTheOperationDoneWhereItStopped() throws Exception {
        Path file = Files.write(dir.resolve("store"), "0123456789".getBytes(US_ASCII));
        RecordingOpener path = new RecordingOpener(file);
        try (InterruptSafeFile safe = safe(file, path)) {
            FileLock lock = safe.tryLock(0, Long.MAX_VALUE, false);

            path.opened.get(0).close(); // what an interrupt during another thread's read does
            ByteBuffer read = ByteBuffer.allocate(4);
            assertThat(safe.read(read, 3)).isEqualTo(4);
            path.opened.get(1).close();
            assertThat(safe.write(ByteBuffer.wrap("ab".getBytes(US_ASCII)), 8)).isEqualTo(2);

            assertThat(new String(read.array(), US_ASCII)).isEqualTo("3456");
            assertThat(Files.readString(file, US_ASCII)).isEqualTo("01234567ab");
            assertThat(path.opened).hasSize(3);
            assertThat(lock.isValid()).as("held on the newest channel").isTrue();
            try (FileChannel other = FileChannel.open(file, StandardOpenOption.WRITE)) {
                assertThatThrownBy(() -> other.tryLock()).isInstanceOf(OverlappingFileLockException.class);
            }
            lock.release();
            assertThat(lock.isValid()).isFalse();
        }
        assertThat(path.opened).allSatisfy(channel -> assertThat(channel.isOpen()).isFalse());
    }

    @Test
    void aThreadAlreadyInterruptedClosesNothingAndKeepsItsInterrupt() throws Exception {
        Path file = Files.write(dir.resolve("store"), "0123456789".getBytes(US_ASCII));
        RecordingOpener path = new RecordingOpener(file);
        try (InterruptSafeFile safe = safe(file, path)) {
            Thread.currentThread().interrupt();
            ByteBuffer read = ByteBuffer.allocate(10);
            int count;
            long size;
            try {
                count = safe.read(read, 0);
                safe.force(false);
                size = safe.size();
            } finally {
                assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
            }

            assertThat(count).isEqualTo(10);
            assertThat(size).isEqualTo(10);
            assertThat(path.opened).hasSize(1);
            assertThat(path.opened.get(0).isOpen()).isTrue();
        }
    }

    @Test
    void aFileClosedOnPurposeStaysClosed() throws Exception {
        Path file = Files.write(dir.resolve("store"), "0123456789".getBytes(US_ASCII));
        RecordingOpener path = new RecordingOpener(file);
        InterruptSafeFile safe = safe(file, path);
        safe.close();

        assertThatThrownBy(() -> safe.read(ByteBuffer.allocate(1), 0)).isInstanceOf(ClosedChannelException.class);
        assertThat(path.opened).hasSize(1);
    }

    @Test
    void aReadAtTheEndOfTheFileSaysSo() throws Exception {
        Path file = Files.write(dir.resolve("store"), "0123".getBytes(US_ASCII));
        try (InterruptSafeFile safe = safe(file, new RecordingOpener(file))) {
            assertThat(safe.read(ByteBuffer.allocate(4), 4)).isEqualTo(-1);
            assertThat(safe.read(ByteBuffer.allocate(8), 2)).isEqualTo(2);
        }
    }
}
