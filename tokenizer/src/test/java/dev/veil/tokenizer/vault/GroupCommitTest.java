package dev.veil.tokenizer.vault;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log's group commit with many writers at once: a writer that finds a force running parks
 * until that force's leader wakes it, so a wake-up lost between its look and its park would hang
 * it (the timeout), and one woken too early would return before its frame is on disk.
 *
 * <p>Then the same with a disk that fails once (a {@link FaultyChannel} holds the leader inside its
 * write or fsync while writers park behind it): no one may be told "durable" after that, not even
 * by a later force that works, since the failed force's frames left the buffer and are lost; and
 * with interrupts, which must neither cut a writer's wait short nor, on the leader, close the file
 * (FileChannel closes itself when an interrupted thread does I/O on it).
 */
class GroupCommitTest {

    private static final int WRITERS = 8;
    private static final int FRAMES_EACH = 300;
    /** The file's magic and number, before its first frame. */
    private static final long HEADER = 16;
    /** Log files made without zeros in advance, so that a file's size shows how much of it was written. */
    private static final long NO_ZEROS = 0;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void writersForcingAtOnceAllReturnWithTheirFramesForcedInFewerForcesThanFrames() throws Exception {
        Path store = dir.resolve("things.mv.db");
        WriteAheadLog log = WriteAheadLog.open(store, 0, NO_ZEROS).log();
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
        assertThat(WriteAheadLog.open(store, 0, NO_ZEROS).frames()).hasSize(WRITERS * FRAMES_EACH);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFailedFsyncFailsItsForceEveryWriterParkedBehindItAndEveryLaterForce() throws Exception {
        failedIoFailsItsForceEveryWriterParkedBehindItAndEveryLaterForce(true);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFailedWriteFailsItsForceEveryWriterParkedBehindItAndEveryLaterForce() throws Exception {
        failedIoFailsItsForceEveryWriterParkedBehindItAndEveryLaterForce(false);
    }

    private void failedIoFailsItsForceEveryWriterParkedBehindItAndEveryLaterForce(boolean fsync) throws Exception {
        AtomicReference<FaultyChannel> opened = new AtomicReference<>();
        WriteAheadLog log = WriteAheadLog.open(dir.resolve("things.mv.db"), 0, NO_ZEROS, FaultyChannel.opener(opened)).log();
        Path file = dir.resolve("things.mv.db.0.wal");
        AtomicInteger told = new AtomicInteger();
        log.listen(new DurabilityListener() {
            @Override
            public void logForced(long bytes, long nanos) {
                told.incrementAndGet();
            }
        });
        FaultyChannel.Hold hold = fsync ? opened.get().holdNextForce() : opened.get().holdNextWrite();
        try {
            long covered = append(log, "covered"); // taken by the leader's force, its writer parks behind it
            long led = append(log, "leader");
            Running<Void> leader = run("leader", () -> force(log, led));
            assertThat(hold.entered.await(10, TimeUnit.SECONDS)).as("the leader reached the held " + (fsync ? "fsync" : "write")).isTrue();
            List<Running<Void>> behind = new ArrayList<>();
            behind.add(run("covered", () -> force(log, covered)));
            for (int i = 0; i < 2; i++) {
                behind.add(run("uncovered " + i, () -> force(log, append(log, "uncovered"))));
            }
            for (Running<Void> writer : behind) {
                awaitParked(writer.thread(), log);
            }

            IOException disk = new IOException("the disk failed");
            hold.fail(disk);

            assertThatThrownBy(() -> leader.result().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isSameAs(disk);
            for (Running<Void> writer : behind) {
                // a writer never woken times out here; one told "durable" returns
                assertThatThrownBy(() -> writer.result().get(10, TimeUnit.SECONDS)).as(writer.thread().getName())
                        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(IOException.class).cause().isSameAs(disk);
            }
            long size = Files.size(file);
            assertThat(size).as("the failed force's frames written only if the write worked").isEqualTo(HEADER + (fsync ? led : 0));

            // the disk works again (the hold was for one call), and still nothing is forced or acknowledged
            assertThatThrownBy(() -> log.force(covered)).as("the covered frame, lost").isInstanceOf(IOException.class).cause().isSameAs(disk);
            assertThatThrownBy(() -> log.force(append(log, "later"))).as("a frame appended after").isInstanceOf(IOException.class).cause().isSameAs(disk);
            assertThat(Files.size(file)).as("nothing written after the failure").isEqualTo(size);
            assertThat(log.forces()).isZero();
            assertThat(told).hasValue(0);
        } finally {
            hold.release(); // a test failed before it let the leader go: close waits for the leader's lock
            log.close();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aWriterInterruptedWhileParkedReturnsOnlyOnceItsFrameIsForcedWithItsInterruptKept() throws Exception {
        AtomicReference<FaultyChannel> opened = new AtomicReference<>();
        WriteAheadLog log = WriteAheadLog.open(dir.resolve("things.mv.db"), 0, NO_ZEROS, FaultyChannel.opener(opened)).log();
        Path file = dir.resolve("things.mv.db.0.wal");
        FaultyChannel.Hold hold = opened.get().holdNextForce();
        try {
            long led = append(log, "leader");
            Running<Void> leader = run("leader", () -> force(log, led));
            assertThat(hold.entered.await(10, TimeUnit.SECONDS)).as("the leader reached the held fsync").isTrue();
            // appended after the leader took its bytes: the next force's
            Running<Returned> writer = run("writer", () -> appendAndForce(log, file, "writer"));
            awaitParked(writer.thread(), log);

            writer.thread().interrupt();
            // it takes the interrupt (clearing it) and parks again, or returns
            while (!writer.result().isDone() && (writer.thread().isInterrupted() || !parked(writer.thread(), log))) {
                LockSupport.parkNanos(100_000);
            }
            assertThat(writer.result()).as("returned on the interrupt while the force ran").isNotDone();
            hold.release();

            leader.result().get(10, TimeUnit.SECONDS);
            Returned returned = writer.result().get(10, TimeUnit.SECONDS);
            assertThat(returned.fileSize()).as("its frame written when it returned").isGreaterThanOrEqualTo(HEADER + returned.position());
            assertThat(returned.interrupted()).as("its interrupt kept").isTrue();
            assertThat(log.forces()).isEqualTo(2);
        } finally {
            hold.release(); // a test failed before it let the leader go: close waits for the leader's lock
            log.close();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aWriterAlreadyInterruptedWhenItLeadsAForceForcesItsFrameKeepsItsInterruptAndLeavesTheLogWorking() throws Exception {
        Path store = dir.resolve("things.mv.db");
        WriteAheadLog log = WriteAheadLog.open(store, 0, NO_ZEROS).log();
        Path file = dir.resolve("things.mv.db.0.wal");
        try {
            Running<Returned> writer = run("interrupted", () -> {
                Thread.currentThread().interrupt(); // as a pool being shut down does to a request's thread
                return appendAndForce(log, file, "interrupted"); // no other force running: it leads
            });
            Returned returned = writer.result().get(10, TimeUnit.SECONDS);
            assertThat(returned.fileSize()).as("its frame written when it returned").isGreaterThanOrEqualTo(HEADER + returned.position());
            assertThat(returned.interrupted()).as("its interrupt kept").isTrue();

            long after = append(log, "after");
            log.force(after); // the log still works for everyone else
            assertThat(Files.size(file)).isEqualTo(HEADER + after);
            assertThat(log.forces()).isEqualTo(2);
        } finally {
            log.close();
        }
        WriteAheadLog.Recovered reopened = WriteAheadLog.open(store, 0, NO_ZEROS);
        reopened.log().close();
        assertThat(reopened.frames()).hasSize(2);
    }

    /** An interrupt that lands during the leader's system call closes the JDK's channel: the log opens the file again. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aWriteOrFsyncCutShortByAnInterruptIsDoneAgainOnTheFileOpenedAgainAndTheLogGoesOn() throws Exception {
        for (boolean fsync : new boolean[] {false, true}) {
            Path store = Files.createDirectories(dir.resolve(fsync ? "fsync" : "write")).resolve("things.mv.db");
            AtomicReference<FaultyChannel> opened = new AtomicReference<>();
            WriteAheadLog log = WriteAheadLog.open(store, 0, NO_ZEROS, FaultyChannel.opener(opened)).log();
            FaultyChannel first = opened.get();
            FaultyChannel.Hold hold = fsync ? first.holdNextForce() : first.holdNextWrite();
            try {
                long cut = append(log, "cut short");
                Running<Void> leader = run("leader", () -> force(log, cut));
                assertThat(hold.entered.await(10, TimeUnit.SECONDS)).as("the leader reached the held call").isTrue();
                hold.fail(new ClosedByInterruptException());

                leader.result().get(10, TimeUnit.SECONDS);
                assertThat(opened.get()).as("the file opened again").isNotSameAs(first);
                log.force(append(log, "after"));
            } finally {
                hold.release();
                log.close();
            }
            WriteAheadLog.Recovered reopened = WriteAheadLog.open(store, 0, NO_ZEROS);
            reopened.log().close();
            assertThat(reopened.frames()).extracting(frame -> US_ASCII.decode(frame).toString()).containsExactly("cut short", "after");
        }
    }

    /** What a writer saw when its force returned. */
    private record Returned(long position, long fileSize, boolean interrupted) {}

    /** A thread running {@code body}, and its outcome. */
    private record Running<T>(Thread thread, FutureTask<T> result) {}

    private static <T> Running<T> run(String name, Callable<T> body) {
        FutureTask<T> result = new FutureTask<>(body);
        Thread thread = new Thread(result, name);
        thread.setDaemon(true); // one left parked by a broken log must not keep the test JVM alive
        thread.start();
        return new Running<>(thread, result);
    }

    private static long append(WriteAheadLog log, String payload) {
        byte[] bytes = payload.getBytes();
        return log.append(bytes, bytes.length);
    }

    /** Appends {@code payload}, forces it, and returns what the writer saw once the force returned. */
    private static Returned appendAndForce(WriteAheadLog log, Path file, String payload) throws IOException {
        long position = append(log, payload);
        log.force(position);
        return new Returned(position, Files.size(file), Thread.currentThread().isInterrupted());
    }

    private static Void force(WriteAheadLog log, long position) throws IOException {
        log.force(position);
        return null;
    }

    /** Waits until {@code thread} is parked in {@code log}'s force, behind a leader. */
    private static void awaitParked(Thread thread, WriteAheadLog log) {
        while (!parked(thread, log)) {
            assertThat(thread.isAlive()).as(thread.getName() + " still forcing").isTrue();
            LockSupport.parkNanos(100_000);
        }
    }

    private static boolean parked(Thread thread, WriteAheadLog log) {
        return thread.getState() == Thread.State.WAITING && LockSupport.getBlocker(thread) == log;
    }
}
