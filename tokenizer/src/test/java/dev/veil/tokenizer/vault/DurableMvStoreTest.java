package dev.veil.tokenizer.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.mvstore.MVMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableMvStoreTest {

    @TempDir
    Path dir;

    @Test
    void createsTheFileAndItsDirectoriesOwnerOnly() throws Exception {
        Path file = dir.resolve("a/b/things.mv.db");

        try (DurableMvStore db = DurableMvStore.open(file, "thing store")) {
            assertThat(db.path()).isEqualTo(file.toAbsolutePath());
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void narrowsAnExistingFileThatOthersMayRead() throws Exception {
        Path file = dir.resolve("things.mv.db");
        DurableMvStore.open(file, "thing store").close();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        DurableMvStore.open(file, "thing store").close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void anAdaptiveThresholdWaitsForAsManyLogBytesAsTheLargestCheckpointRewroteBeyondItsLogAndAFixedOneStays() throws Exception {
        long base = 4096;
        try (DurableMvStore adaptive = DurableMvStore.open(dir.resolve("adaptive.mv.db"), "thing store", base, true, DurableMvStore.CheckpointObserver.NONE);
                DurableMvStore fixed = DurableMvStore.open(dir.resolve("fixed.mv.db"), "thing store", base)) {
            for (DurableMvStore db : List.of(adaptive, fixed)) {
                MVMap<String, String> things = db.openMap("things", new MVMap.Builder<>());
                // keys spread over the map, as tokens are: the checkpoint's chunk holds all of them
                for (int batch = 0; batch < 20; batch++) {
                    int from = batch;
                    db.runDurably(() -> {
                        for (int i = from; i < 20_000; i += 20) {
                            things.put(Integer.toString(i * 7919 % 20_000, 36) + "-key", "value-" + i);
                        }
                    });
                }
            }
            // background checkpoints may have run meanwhile (the log passed 4 KB); one more, then a small one
            adaptive.checkpoint();
            fixed.checkpoint();
            long threshold = adaptive.checkpointThreshold();
            adaptive.runDurably(() -> adaptive.<String, String>openMap("things", new MVMap.Builder<>()).put("one", "more"));
            adaptive.checkpoint();

            // a chunk holding the 20,000 keys is far over the 1,000 a batch logs, and no larger than the file holding it
            assertThat(threshold).isGreaterThan(100_000).isLessThanOrEqualTo(Files.size(dir.resolve("adaptive.mv.db")) + 16_384);
            assertThat(adaptive.checkpointThreshold()).as("a small checkpoint does not lower it").isEqualTo(threshold);
            assertThat(fixed.checkpointThreshold()).isEqualTo(base);
        }
    }

    @Test
    void anAdaptiveThresholdStaysAtItsBaseWhereChangesAppend() throws Exception {
        long base = 64 * 1024;
        try (DurableMvStore db = DurableMvStore.open(dir.resolve("appending.mv.db"), "thing store", base, true, DurableMvStore.CheckpointObserver.NONE)) {
            MVMap<String, String> things = db.openMap("things", new MVMap.Builder<>());
            // keys in order, as ticket ids in time order are: a checkpoint writes little beyond the new records
            String value = "v".repeat(200);
            for (int batch = 0; batch < 40; batch++) {
                int from = batch * 1_000;
                db.runDurably(() -> {
                    for (int i = from; i < from + 1_000; i++) {
                        things.put(String.format("k%08d", i), value);
                    }
                });
                db.checkpoint();
            }

            // each checkpoint wrote some 200 KB, more than it logged; the threshold did not follow
            assertThat(db.checkpointThreshold()).isEqualTo(base);
            assertThat(db.fileSize()).isGreaterThan(40 * base);
        }
    }

    @Test
    void aListenerIsToldOfEveryGroupForceAndEveryCheckpointWithTheirSizes() throws Exception {
        List<long[]> forces = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<DurabilityListener.Checkpoint> checkpoints = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (DurableMvStore db = DurableMvStore.open(dir.resolve("told.mv.db"), "thing store", 1L << 30)) {
            MVMap<String, String> things = db.openMap("things", new MVMap.Builder<>());
            db.listen(new DurabilityListener() {
                @Override
                public void logForced(long bytes, long nanos) {
                    forces.add(new long[] {bytes, nanos});
                }

                @Override
                public void checkpointed(Checkpoint checkpoint) {
                    checkpoints.add(checkpoint);
                }
            });
            long commitsBefore = db.commits();
            String value = "v".repeat(1_000);
            for (int i = 0; i < 5; i++) {
                String key = "k" + i;
                db.runDurably(() -> things.put(key, value));
            }
            assertThat(checkpoints).as("none due yet").isEmpty();
            db.checkpoint();

            assertThat(forces).hasSize((int) (db.commits() - commitsBefore));
            assertThat(forces).allSatisfy(f -> assertThat(f[0]).isGreaterThan(1_000));
            long forced = forces.stream().mapToLong(f -> f[0]).sum();
            assertThat(checkpoints).singleElement().satisfies(c -> {
                assertThat(c.logBytes()).as("the five writes' frames, each forced once").isEqualTo(forced);
                assertThat(c.fileBytes()).as("a chunk with the five values").isGreaterThan(5_000)
                        .isLessThanOrEqualTo(Files.size(dir.resolve("told.mv.db")));
                assertThat(c.heldNanos()).isPositive().isLessThanOrEqualTo(c.nanos());
            });
        }
    }

    @Test
    void concurrentWritesAreAllThereAfterReopening() throws Exception {
        Path file = dir.resolve("things.mv.db");
        try (DurableMvStore db = DurableMvStore.open(file, "thing store")) {
            MVMap<Integer, String> things = db.openMap("things", new MVMap.Builder<>());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    int key = i;
                    writes.add(pool.submit(() -> db.runDurably(() -> things.put(key, "v" + key))));
                }
                for (Future<?> write : writes) {
                    write.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }

        try (DurableMvStore db = DurableMvStore.open(file, "thing store")) {
            MVMap<Integer, String> things = db.openMap("things", new MVMap.Builder<>());
            assertThat(things).hasSize(400).containsEntry(0, "v0").containsEntry(399, "v399");
        }
    }

    @Test
    void aChangeThatFailsHalfwayClosesTheStoreAndNeverReachesTheDisk() {
        Path file = dir.resolve("things.mv.db");
        DurableMvStore db = DurableMvStore.open(file, "thing store");
        MVMap<String, String> things = db.openMap("things", new MVMap.Builder<>());
        db.runDurably(() -> things.put("kept", "1"));

        assertThatThrownBy(() -> db.runDurably(() -> {
            things.put("half", "1");
            throw new IllegalArgumentException("encoding failed");
        })).isInstanceOf(IllegalArgumentException.class);

        assertThatThrownBy(() -> db.runDurably(() -> things.put("later", "1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString());
        db.close(); // must not commit the half-made change either

        try (DurableMvStore reopened = DurableMvStore.open(file, "thing store")) {
            MVMap<String, String> again = reopened.openMap("things", new MVMap.Builder<>());
            assertThat(again.keySet()).containsExactly("kept");
        }
    }

    @Test
    void aClosedStoreRefusesReadsAndWrites() {
        DurableMvStore db = DurableMvStore.open(dir.resolve("things.mv.db"), "thing store");
        MVMap<String, String> things = db.openMap("things", new MVMap.Builder<>());
        db.close();

        assertThatThrownBy(db::requireOpen).isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
        assertThatThrownBy(() -> db.runDurably(() -> things.put("k", "v")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
    }
}
