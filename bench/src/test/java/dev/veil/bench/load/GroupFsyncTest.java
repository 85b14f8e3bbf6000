package dev.veil.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupFsyncTest {

    @TempDir
    Path dir;

    @Test
    void everyAppendIsOnDiskInAppendOrderPerThreadOnceItReturns() throws Exception {
        appendsFromEightThreads(0);
    }

    @Test
    void aFileMadeInAdvanceKeepsItsSizeAndHoldsEveryAppendBeforeItsZeros() throws Exception {
        byte[] written = appendsFromEightThreads(1 << 20);
        assertThat(written).hasSize(1 << 20);
    }

    /** Eight threads' appends, checked; returns the file's bytes. */
    private byte[] appendsFromEightThreads(long preallocate) throws Exception {
        Path file = dir.resolve("log");
        int threads = 8;
        int appends = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        try (GroupFsync log = new GroupFsync(file, preallocate)) {
            for (int t = 0; t < threads; t++) {
                byte tag = (byte) ('a' + t);
                Thread worker = new Thread(() -> {
                    try {
                        start.await();
                        long mine = 0;
                        for (int i = 0; i < appends; i++) {
                            byte[] record = new byte[1 + i % 50];
                            Arrays.fill(record, tag);
                            log.appendDurably(record);
                            mine += record.length;
                            if (preallocate == 0) {
                                // returned: everything this thread appended is in the file already (a file
                                // made in advance has its size from the start: its bytes are checked below)
                                assertThat(Files.size(file)).isGreaterThanOrEqualTo(mine);
                            }
                        }
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                worker.start();
                workers.add(worker);
            }
            start.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
            byte[] written = Files.readAllBytes(file);
            long perThread = 0;
            for (int i = 0; i < appends; i++) {
                perThread += 1 + i % 50;
            }
            long appended = threads * perThread;
            assertThat(written.length).isEqualTo(Math.max(appended, preallocate));
            long nonZeroAfter = 0;
            for (int k = (int) appended; k < written.length; k++) {
                nonZeroAfter += written[k] != 0 ? 1 : 0;
            }
            assertThat(nonZeroAfter).as("bytes other than zero after the appends").isZero();
            for (int t = 0; t < threads; t++) {
                byte tag = (byte) ('a' + t);
                long count = 0;
                for (byte b : written) {
                    count += b == tag ? 1 : 0;
                }
                assertThat(count).as("thread %d's bytes, each once", t).isEqualTo(perThread);
            }
            assertThat(log.forces()).isBetween(1L, (long) threads * appends);
            return written;
        }
    }
}
