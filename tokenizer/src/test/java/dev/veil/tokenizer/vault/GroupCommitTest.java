package dev.veil.tokenizer.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log's group commit with many writers at once: a writer that finds a force running parks
 * until that force's leader wakes it, so a wake-up lost between its look and its park would hang
 * it (the timeout), and one woken too early would return before its frame is on disk.
 */
class GroupCommitTest {

    private static final int WRITERS = 8;
    private static final int FRAMES_EACH = 300;
    /** The file's magic and number, before its first frame. */
    private static final long HEADER = 16;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void writersForcingAtOnceAllReturnWithTheirFramesForcedInFewerForcesThanFrames() throws Exception {
        Path store = dir.resolve("things.mv.db");
        WriteAheadLog log = WriteAheadLog.open(store, 0).log();
        Path file = dir.resolve("things.mv.db.0.wal"); // the first file: no checkpoint rotates it here
        CyclicBarrier start = new CyclicBarrier(WRITERS);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < FRAMES_EACH; i++) {
                        byte[] payload = (writer + ":" + i).getBytes();
                        long position = log.append(payload, payload.length);
                        log.force(position);
                        // woken only once the force that covers the frame wrote it (and then forced it)
                        assertThat(Files.size(file)).isGreaterThanOrEqualTo(HEADER + position);
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get();
            }
            assertThat(log.forces()).isLessThan((long) WRITERS * FRAMES_EACH);
        } finally {
            pool.shutdownNow();
            log.close();
        }
        assertThat(WriteAheadLog.open(store, 0).frames()).hasSize(WRITERS * FRAMES_EACH);
    }
}
