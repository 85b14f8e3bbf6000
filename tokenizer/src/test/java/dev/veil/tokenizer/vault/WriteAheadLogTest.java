package dev.veil.tokenizer.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-ahead log of {@link DurableMvStore} on files a crash leaves: the store's file and log
 * are copied while the store is open (its acknowledged writes are in the log only, no checkpoint
 * taken), as a SIGKILL would leave them, then damaged and opened.
 */
class WriteAheadLogTest {

    private static final long NO_CHECKPOINT = Long.MAX_VALUE;

    @TempDir
    Path dir;

    @Test
    void writesAcknowledgedBeforeACrashAreReplayedFromTheLog() throws Exception {
        Path image = crashImage("live", 10);

        try (DurableMvStore db = DurableMvStore.open(image, "thing store")) {
            MVMap<String, String> things = db.openMap("things", new MVMap.Builder<>());
            assertThat(things).hasSize(10).containsEntry("k0", "v0").containsEntry("k9", "v9").doesNotContainKey("gone");
        }
        assertThat(logFiles(image)).as("a cleanly closed store leaves no log").isEmpty();
    }

    @Test
    void aTornTailIsCutOffAndEverythingBeforeItReplayed() throws Exception {
        tornTailIsCut((log, end) -> zero(log, end - 3, 3)); // the file's zeros where k9's frame ends
    }

    @Test
    void aTornTailOfAFileThatGrewBeyondWhatWasMadeInAdvanceIsCut() throws Exception {
        tornTailIsCut((log, end) -> cut(log, end - 3)); // appended past its zeros, then cut short
    }

    /** A crash left the last frame, k9's, cut short as {@code crash} does it. */
    private void tornTailIsCut(LogDamage crash) throws Exception {
        Path image = crashImage("live", 10);
        Path log = logFiles(image).get(0);
        long end = framesEnd(log);
        crash.apply(log, end);

        try (DurableMvStore db = DurableMvStore.open(image, "thing store", NO_CHECKPOINT)) {
            MVMap<String, String> things = db.openMap("things", new MVMap.Builder<>());
            assertThat(things).hasSize(9).containsEntry("k8", "v8").doesNotContainKey("k9");
            assertThat(Files.size(log)).as("cut where the torn frame began").isLessThan(end - 3);
            db.runDurably(() -> things.put("after", "1"));
            copy(image, dir.resolve("again"));
        }
        // the file cut at open is now an older file of the log: it must read whole
        try (DurableMvStore db = DurableMvStore.open(dir.resolve("again").resolve(image.getFileName()), "thing store")) {
            assertThat(db.openMap("things", new MVMap.Builder<String, String>())).hasSize(10).containsEntry("after", "1");
        }
    }

    @Test
    void aFrameWithAWrongChecksumAtTheEndIsATornTail() throws Exception {
        Path image = crashImage("live", 10);
        Path log = logFiles(image).get(0);
        flipByte(log, framesEnd(log) - 2);

        try (DurableMvStore db = DurableMvStore.open(image, "thing store")) {
            assertThat(db.openMap("things", new MVMap.Builder<String, String>())).hasSize(9).doesNotContainKey("k9");
        }
    }

    @Test
    void aStoresLogFileIsMadeInAdvanceSoThatWritesDoNotGrowIt() throws Exception {
        Path file = dir.resolve("things.mv.db");
        try (DurableMvStore db = DurableMvStore.open(file, "thing store")) {
            Path log = logFiles(file).get(0);
            long made = DurableMvStore.logFileBytes(DurableMvStore.CHECKPOINT_BYTES);
            assertThat(made).isGreaterThan(DurableMvStore.CHECKPOINT_BYTES);
            assertThat(Files.size(log)).isEqualTo(made);
            assertThat(framesEnd(log)).as("no frame yet").isEqualTo(16);

            MVMap<String, String> things = db.openMap("things", new MVMap.Builder<>());
            for (int i = 0; i < 50; i++) {
                int k = i;
                db.runDurably(() -> things.put("k" + k, "v".repeat(200)));
            }
            assertThat(Files.size(log)).as("frames written over the zeros").isEqualTo(made);
            assertThat(framesEnd(log)).isGreaterThan(50 * 200);
            Path image = copy(file, dir.resolve("crashed"));
            try (DurableMvStore crashed = DurableMvStore.open(image, "thing store")) {
                assertThat(crashed.openMap("things", new MVMap.Builder<String, String>())).hasSize(50);
            }
        }
    }

    @Test
    void anythingButZerosAfterTheNewestFilesFramesIsATornWriteAndCut() throws Exception {
        Path image = crashImage("live", 10);
        Path log = logFiles(image).get(0);
        long end = framesEnd(log);
        flipByte(log, end + 5000); // a page of a write that never finished, ahead of the frames

        try (DurableMvStore db = DurableMvStore.open(image, "thing store", NO_CHECKPOINT)) {
            assertThat(db.openMap("things", new MVMap.Builder<String, String>())).hasSize(10).containsEntry("k9", "v9");
            assertThat(Files.size(log)).as("cut after the last whole frame").isEqualTo(end);
        }
    }

    @Test
    void zerosInsideALogFileThatWasCompleteAreDamageNotItsEnd() throws Exception {
        Path second = twoFileCrashImage();
        List<Path> logs = logFiles(second);
        zero(logs.get(0), 16, 64); // a block lost inside the older file: the frames after it are still there

        assertThatThrownBy(() -> DurableMvStore.open(second, "thing store"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(logs.get(0).toString())
                .hasMessageContaining("damaged at byte 16");
    }

    @Test
    void aNewestFileOfZerosIsOneACrashInterruptedWhileItWasMade() throws Exception {
        Path image = crashImageDuringACheckpoint("snapshot", (db, things) -> {});
        List<Path> logs = logFiles(image);
        assertThat(framesEnd(logs.get(1))).as("the newer file: no frame").isEqualTo(16);
        zero(logs.get(1), 0, 16); // as if its header had never reached the disk

        try (DurableMvStore db = DurableMvStore.open(image, "thing store")) {
            assertThat(db.openMap("things", new MVMap.Builder<String, String>())).hasSize(10).containsEntry("k9", "v9");
            assertThat(logs.get(1)).doesNotExist();
        }
    }

    @Test
    void damageInALogFileThatWasCompleteFailsTheOpenClearly() throws Exception {
        Path second = twoFileCrashImage();
        List<Path> logs = logFiles(second);
        flipByte(logs.get(0), 40);

        assertThatThrownBy(() -> DurableMvStore.open(second, "thing store"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(logs.get(0).toString())
                .hasMessageContaining("damaged at byte");
    }

    /** A crash image whose log has a complete file (ten calls) and a newer one (one call, "more"). */
    private Path twoFileCrashImage() throws IOException {
        Path image = crashImage("live", 10);
        try (DurableMvStore db = DurableMvStore.open(image, "thing store", NO_CHECKPOINT)) {
            MVMap<String, String> things = db.openMap("things", new MVMap.Builder<>());
            db.runDurably(() -> things.put("more", "1"));
            Path second = copy(image, dir.resolve("second"));
            assertThat(logFiles(second)).hasSize(2);
            return second;
        }
    }

    @Test
    void recordsOfAMapNotOpenedAreCarriedByCheckpointsUntilItIs() throws Exception {
        Path image = crashImage("live", 10);

        for (int run = 0; run < 2; run++) {
            try (DurableMvStore db = DurableMvStore.open(image, "thing store")) {
                MVMap<String, String> others = db.openMap("others", new MVMap.Builder<>());
                int r = run;
                db.runDurably(() -> others.put("o" + r, "1"));
                db.checkpoint();
            }
            assertThat(logFiles(image)).as("one file, carrying the records of things").hasSize(1);
        }

        try (DurableMvStore db = DurableMvStore.open(image, "thing store")) {
            assertThat(db.openMap("things", new MVMap.Builder<String, String>())).hasSize(10).containsEntry("k9", "v9");
            assertThat(db.openMap("others", new MVMap.Builder<String, String>())).containsEntry("o0", "1").containsEntry("o1", "1");
        }
        assertThat(logFiles(image)).isEmpty();
    }

    @Test
    void checkpointsDeleteTheLogFilesTheyCover() throws Exception {
        Path file = dir.resolve("things.mv.db");
        try (DurableMvStore db = DurableMvStore.open(file, "thing store", 4096)) {
            MVMap<Integer, String> things = db.openMap("things", new MVMap.Builder<>());
            for (int i = 0; i < 200; i++) {
                int key = i;
                db.runDurably(() -> things.put(key, "x".repeat(100)));
            }
            db.checkpoint();
            assertThat(logFiles(file)).as("only the file started by the checkpoint").hasSize(1);
            assertThat(framesEnd(logFiles(file).get(0))).as("no frame").isEqualTo(16);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logFiles(file).get(0)))).isEqualTo("rw-------");
        }
        try (DurableMvStore db = DurableMvStore.open(file, "thing store")) {
            assertThat(db.openMap("things", new MVMap.Builder<Integer, String>())).hasSize(200);
        }
    }

    @Test
    void aWriterIsNotHeldOffWhileACheckpointBuildsItsChunk() throws Exception {
        Path file = dir.resolve("things.mv.db");
        StoppedCheckpoint stop = new StoppedCheckpoint("snapshot");
        try (DurableMvStore db = DurableMvStore.open(file, "thing store", NO_CHECKPOINT, stop)) {
            MVMap<String, String> things = db.openMap("things", new MVMap.Builder<>());
            db.runDurably(() -> things.put("before", "1"));
            CompletableFuture<Void> checkpoint = stop.start(db);
            try {
                // the checkpoint has fixed its snapshot and stands still before building its chunk
                CompletableFuture.runAsync(() -> db.runDurably(() -> things.put("during", "2"))).get(30, TimeUnit.SECONDS);
            } finally {
                stop.release.countDown();
            }
            checkpoint.get(30, TimeUnit.SECONDS);
            assertThat(logFiles(file)).as("the older file deleted, the newer holding the write made meanwhile").hasSize(1);
            assertThat(framesEnd(logFiles(file).get(0))).isGreaterThan(16);
        }
        try (DurableMvStore db = DurableMvStore.open(file, "thing store")) {
            assertThat(db.openMap("things", new MVMap.Builder<String, String>()))
                    .containsEntry("before", "1").containsEntry("during", "2");
        }
    }

    @Test
    void aCheckpointsChunkHoldsItsSnapshotAndNotTheWritesMadeWhileItIsBuilt() throws Exception {
        Path file = dir.resolve("things.mv.db");
        StoppedCheckpoint stop = new StoppedCheckpoint("snapshot");
        Path image;
        try (DurableMvStore db = DurableMvStore.open(file, "thing store", NO_CHECKPOINT, stop)) {
            MVMap<String, String> things = db.openMap("things", new MVMap.Builder<>());
            db.runDurably(() -> things.put("before", "1"));
            CompletableFuture<Void> checkpoint = stop.start(db);
            try {
                db.runDurably(() -> things.put("during", "2"));
            } finally {
                stop.release.countDown();
            }
            checkpoint.get(30, TimeUnit.SECONDS);
            image = copy(file, dir.resolve("image"));
        }
        // the chunk alone, read by MVStore without the log
        try (MVStore chunk = new MVStore.Builder().fileName(image.toString()).readOnly().open()) {
            MVMap<String, String> things = chunk.openMap("things");
            assertThat(things).containsEntry("before", "1").doesNotContainKey("during");
        }
    }

    @Test
    void aCrashWhileACheckpointStandsAfterItsSnapshotLosesNothing() throws Exception {
        crashDuringACheckpoint("snapshot");
    }

    @Test
    void aCrashAfterACheckpointWroteItsChunkButBeforeItWasForcedLosesNothing() throws Exception {
        crashDuringACheckpoint("written");
    }

    private void crashDuringACheckpoint(String stage) throws Exception {
        Path image = crashImageDuringACheckpoint(stage, (db, things) -> {
            db.runDurably(() -> things.put("during", "1"));
            db.runDurably(() -> things.remove("k0"));
        });
        assertThat(logFiles(image)).as("the checkpoint's older and newer log files").hasSize(2);

        try (DurableMvStore db = DurableMvStore.open(image, "thing store")) {
            assertThat(db.openMap("things", new MVMap.Builder<String, String>()))
                    .hasSize(10).containsEntry("k9", "v9").containsEntry("during", "1").doesNotContainKey("k0");
        }
    }

    @Test
    void aTornTailOfTheOlderFileIsCutWhileTheNewerHoldsOnlyItsHeader() throws Exception {
        Path image = crashImageDuringACheckpoint("snapshot", (db, things) -> {});
        List<Path> logs = logFiles(image);
        assertThat(logs).hasSize(2);
        assertThat(framesEnd(logs.get(1))).as("the newer file: no frame").isEqualTo(16);
        zero(logs.get(0), framesEnd(logs.get(0)) - 3, 3); // its last frame, k9's, never forced: a crash may cut it

        try (DurableMvStore db = DurableMvStore.open(image, "thing store")) {
            assertThat(db.openMap("things", new MVMap.Builder<String, String>())).hasSize(9).doesNotContainKey("k9");
        }
    }

    @Test
    void aMapChangedOutsideWriteDurablyIsRefused() {
        try (DurableMvStore db = DurableMvStore.open(dir.resolve("things.mv.db"), "thing store")) {
            MVMap<String, String> things = db.openMap("things", new MVMap.Builder<>());

            assertThatThrownBy(() -> things.put("k", "v"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("changed outside writeDurably");
            assertThat(things).isEmpty();
        }
    }

    /** A copy of a live store after {@code n} acknowledged calls (and one removal), as a crash leaves it. */
    private Path crashImage(String name, int n) throws IOException {
        Path file = dir.resolve(name).resolve("things.mv.db");
        try (DurableMvStore db = DurableMvStore.open(file, "thing store", NO_CHECKPOINT)) {
            MVMap<String, String> things = db.openMap("things", new MVMap.Builder<>());
            db.runDurably(() -> things.put("gone", "x"));
            db.runDurably(() -> things.remove("gone"));
            for (int i = 0; i < n; i++) {
                int k = i;
                db.runDurably(() -> things.put("k" + k, "v" + k));
            }
            return copy(file, dir.resolve(name + "-crashed"));
        }
    }

    /**
     * A copy of a live store after ten acknowledged calls, taken while a checkpoint stands at
     * {@code stage} and after {@code during} ran, as a crash leaves it.
     */
    private Path crashImageDuringACheckpoint(String stage, BiConsumer<DurableMvStore, MVMap<String, String>> during)
            throws Exception {
        Path file = dir.resolve("things.mv.db");
        StoppedCheckpoint stop = new StoppedCheckpoint(stage);
        try (DurableMvStore db = DurableMvStore.open(file, "thing store", NO_CHECKPOINT, stop)) {
            MVMap<String, String> things = db.openMap("things", new MVMap.Builder<>());
            for (int i = 0; i < 10; i++) {
                int k = i;
                db.runDurably(() -> things.put("k" + k, "v" + k));
            }
            CompletableFuture<Void> checkpoint = stop.start(db);
            Path image;
            try {
                during.accept(db, things);
                image = copy(file, dir.resolve("crashed"));
            } finally {
                stop.release.countDown();
            }
            checkpoint.get(30, TimeUnit.SECONDS);
            return image;
        }
    }

    /** Stops a checkpoint at one stage ({@code snapshot} or {@code written}) until released. */
    private static final class StoppedCheckpoint implements DurableMvStore.CheckpointObserver {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final String stage;

        StoppedCheckpoint(String stage) {
            this.stage = stage;
        }

        /** Starts a checkpoint on another thread and returns once it stands at the stage. */
        CompletableFuture<Void> start(DurableMvStore db) throws InterruptedException {
            CompletableFuture<Void> checkpoint = CompletableFuture.runAsync(db::checkpoint);
            assertThat(reached.await(30, TimeUnit.SECONDS)).as("checkpoint reached " + stage).isTrue();
            return checkpoint;
        }

        @Override
        public void snapshotFixed() {
            stopIf("snapshot");
        }

        @Override
        public void chunkWritten() {
            stopIf("written");
        }

        private void stopIf(String here) {
            if (!here.equals(stage) || reached.getCount() == 0) {
                return;
            }
            reached.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Path copy(Path file, Path toDir) throws IOException {
        Files.createDirectories(toDir);
        try (Stream<Path> files = Files.list(file.getParent())) {
            for (Path p : files.toList()) {
                Files.copy(p, toDir.resolve(p.getFileName()));
            }
        }
        return toDir.resolve(file.getFileName());
    }

    /** The store's log files, oldest first (by number, as the store reads them: 10 after 9). */
    private static List<Path> logFiles(Path file) {
        return List.copyOf(WriteAheadLog.files(file.getParent(), file.getFileName().toString()).values());
    }

    /** What a crash did to a log file whose frames end at {@code end}. */
    @FunctionalInterface
    private interface LogDamage {
        void apply(Path log, long end) throws IOException;
    }

    /** Where a log file's frames end: after its header, frame by frame (length, checksum, payload) up to a length of 0 or the file's end. */
    private static long framesEnd(Path log) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long at = 16;
            while (at + 8 <= f.length()) {
                f.seek(at);
                int length = f.readInt();
                if (length <= 0) {
                    break;
                }
                at += 8 + length;
            }
            return at;
        }
    }

    private static void zero(Path file, long at, long bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            f.write(new byte[Math.toIntExact(bytes)]);
        }
    }

    private static void cut(Path file, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(at);
        }
    }

    private static void flipByte(Path file, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5a);
        }
    }
}
