package dev.veil.tokenizer.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.h2.mvstore.MVMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableBatchTest {

    @TempDir
    Path dir;

    @Test
    void writesInABatchShareOneCommitWhereSingleWritesTakeOneEach() {
        try (DurableMvStore db = DurableMvStore.open(dir.resolve("things.mv.db"), "thing store")) {
            MVMap<Integer, String> things = db.openMap("things", new MVMap.Builder<>());
            for (int i = 0; i < 10; i++) {
                int key = i;
                db.runDurably(() -> things.put(key, "single"));
            }
            assertThat(db.commits()).isEqualTo(10);

            try (DurableBatch batch = DurableBatch.open()) {
                for (int i = 10; i < 30; i++) {
                    int key = i;
                    db.runDurably(() -> things.put(key, "batched"));
                }
                assertThat(db.commits()).as("nothing committed before the batch commits").isEqualTo(10);
                batch.commit();
                assertThat(db.commits()).isEqualTo(11);
                batch.commit(); // nothing new: no commit
                assertThat(db.commits()).isEqualTo(11);
            }
            db.runDurably(() -> things.put(99, "after"));
            assertThat(db.commits()).as("durable per call again once the batch is closed").isEqualTo(12);
        }
    }

    @Test
    void closingOutOfOrderIsRefusedAndNoWriteIsLeftToABatchNobodyCommits() {
        try (DurableMvStore db = DurableMvStore.open(dir.resolve("things.mv.db"), "thing store")) {
            MVMap<Integer, String> things = db.openMap("things", new MVMap.Builder<>());
            DurableBatch outer = DurableBatch.open();
            DurableBatch inner = DurableBatch.open();
            assertThatThrownBy(outer::close).hasMessageContaining("closed out of order");
            db.runDurably(() -> things.put(1, "in the inner batch, which is still open"));
            assertThat(db.commits()).isZero();
            inner.close();
            outer.close();
            long before = db.commits();
            db.runDurably(() -> things.put(2, "after both"));
            assertThat(db.commits()).as("durable per call once both are closed").isEqualTo(before + 1);
        }
    }

    @Test
    void aClosedBatchTakesNoWrites() {
        try (DurableMvStore db = DurableMvStore.open(dir.resolve("things.mv.db"), "thing store")) {
            MVMap<Integer, String> things = db.openMap("things", new MVMap.Builder<>());
            DurableBatch batch = DurableBatch.open();
            batch.close();
            assertThatThrownBy(() -> batch.defer(db, 1)).hasMessageContaining("already closed");
            assertThatThrownBy(() -> batch.beforeWrite(db)).hasMessageContaining("already closed");
            db.runDurably(() -> things.put(1, "durable per call"));
            assertThat(db.commits()).isEqualTo(1);
        }
    }

    @Test
    void batchedWritesAreThereAfterReopening() {
        Path file = dir.resolve("things.mv.db");
        try (DurableMvStore db = DurableMvStore.open(file, "thing store");
                DurableBatch batch = DurableBatch.open()) {
            MVMap<Integer, String> things = db.openMap("things", new MVMap.Builder<>());
            for (int i = 0; i < 50; i++) {
                int key = i;
                db.runDurably(() -> things.put(key, "v" + key));
            }
            batch.commit();
        }
        try (DurableMvStore db = DurableMvStore.open(file, "thing store")) {
            assertThat(db.openMap("things", new MVMap.Builder<Integer, String>())).hasSize(50).containsEntry(49, "v49");
        }
    }

    @Test
    void aNestedBatchCommitsOnlyWhatWasWrittenInIt() {
        try (DurableMvStore a = DurableMvStore.open(dir.resolve("a.mv.db"), "a store");
                DurableMvStore b = DurableMvStore.open(dir.resolve("b.mv.db"), "b store")) {
            MVMap<Integer, String> inA = a.openMap("x", new MVMap.Builder<>());
            MVMap<Integer, String> inB = b.openMap("x", new MVMap.Builder<>());
            try (DurableBatch outer = DurableBatch.open()) {
                a.runDurably(() -> inA.put(1, "outer"));
                try (DurableBatch inner = DurableBatch.open()) {
                    b.runDurably(() -> inB.put(1, "inner"));
                    inner.commit();
                }
                assertThat(b.commits()).isEqualTo(1);
                assertThat(a.commits()).as("the outer batch's write waits for the outer commit").isZero();
                a.runDurably(() -> inA.put(2, "outer again"));
                assertThat(a.commits()).isZero();
                outer.commit();
                assertThat(a.commits()).isEqualTo(1);
            }
        }
    }

    @Test
    void aBatchBelongsToItsThreadAndOtherThreadsStayDurablePerCall() throws Exception {
        try (DurableMvStore db = DurableMvStore.open(dir.resolve("things.mv.db"), "thing store");
                DurableBatch batch = DurableBatch.open()) {
            MVMap<Integer, String> things = db.openMap("things", new MVMap.Builder<>());
            CompletableFuture.runAsync(() -> db.runDurably(() -> things.put(1, "other thread"))).get();
            assertThat(db.commits()).isEqualTo(1);
            CompletableFuture<Void> misuse = CompletableFuture.runAsync(batch::commit);
            assertThatThrownBy(misuse::get).hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another thread");
        }
    }

    @Test
    void aCommitOnAFailedStoreThrowsAndNothingIsAcknowledged() {
        DurableMvStore db = DurableMvStore.open(dir.resolve("things.mv.db"), "thing store");
        MVMap<Integer, String> things = db.openMap("things", new MVMap.Builder<>());
        try (DurableBatch batch = DurableBatch.open()) {
            db.runDurably(() -> things.put(1, "made"));
            assertThatThrownBy(() -> db.runDurably(() -> {
                throw new IllegalArgumentException("half-made change");
            })).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(batch::commit).isInstanceOf(IllegalStateException.class);
        }
        db.close();
    }

    @Test
    void aJoinedBatchHandsItsWritesToTheEnclosingBatchsOneCommit() {
        Path file = dir.resolve("things.mv.db");
        try (DurableMvStore db = DurableMvStore.open(file, "thing store")) {
            MVMap<Integer, String> things = db.openMap("things", new MVMap.Builder<>());
            try (DurableBatch outer = DurableBatch.open()) {
                try (DurableBatch unit = DurableBatch.join()) {
                    assertThat(unit.joined()).isTrue();
                    db.runDurably(() -> things.put(1, "token"));
                    db.runDurably(() -> things.put(2, "view"));
                    unit.commit();
                    assertThat(db.commits()).as("a joined commit waits for the enclosing one").isZero();
                }
                try (DurableBatch unit = DurableBatch.join()) {
                    db.runDurably(() -> things.put(3, "written, closed without its commit"));
                }
                db.runDurably(() -> things.put(4, "answer"));
                assertThat(db.commits()).isZero();
                outer.commit();
                assertThat(db.commits()).as("one commit for everything").isEqualTo(1);
            }
            try (DurableBatch alone = DurableBatch.join()) {
                assertThat(alone.joined()).as("nothing to join: a plain batch").isFalse();
                db.runDurably(() -> things.put(5, "alone"));
                alone.commit();
                assertThat(db.commits()).isEqualTo(2);
            }
        }
        try (DurableMvStore db = DurableMvStore.open(file, "thing store")) {
            assertThat(db.openMap("things", new MVMap.Builder<Integer, String>())).containsOnlyKeys(1, 2, 3, 4, 5);
        }
    }

    @Test
    void aBarrierCommitsEarlierWritesBeforeTheFirstWriteToAnotherFileOnly() {
        try (DurableMvStore a = DurableMvStore.open(dir.resolve("a.mv.db"), "a store");
                DurableMvStore b = DurableMvStore.open(dir.resolve("b.mv.db"), "b store")) {
            MVMap<Integer, String> inA = a.openMap("x", new MVMap.Builder<>());
            MVMap<Integer, String> inB = b.openMap("x", new MVMap.Builder<>());
            try (DurableBatch batch = DurableBatch.open()) {
                a.runDurably(() -> inA.put(1, "token"));
                batch.barrier();
                a.runDurably(() -> inA.put(2, "view in the same file"));
                assertThat(a.commits()).as("same file: its next commit covers the earlier write anyway").isZero();
                long[] aCommitsSeenByTheLaterWrite = {-1};
                b.runDurably(() -> {
                    aCommitsSeenByTheLaterWrite[0] = a.commits();
                    inB.put(1, "view in another file");
                });
                assertThat(aCommitsSeenByTheLaterWrite[0]).as("earlier writes on disk before the later write ran").isEqualTo(1);
                a.runDurably(() -> inA.put(3, "after the barrier was passed"));
                assertThat(a.commits()).isEqualTo(1);
                batch.commit();
                assertThat(a.commits()).isEqualTo(2);
                assertThat(b.commits()).isEqualTo(1);
            }
        }
    }

    @Test
    void readsWaitForTheWritesTheySawOutsideABatchAtOnceAndInABatchAtItsCommit() throws Exception {
        try (DurableMvStore db = DurableMvStore.open(dir.resolve("things.mv.db"), "thing store")) {
            MVMap<Integer, String> things = db.openMap("things", new MVMap.Builder<>());
            uncommittedWriteOnAnotherThread(db, things, 1);
            assertThat(db.commits()).as("in the map, not yet on disk").isZero();
            try (DurableBatch batch = DurableBatch.open()) {
                assertThat(things.get(1)).isEqualTo("seen");
                db.awaitReads();
                db.awaitReads();
                assertThat(db.commits()).as("a read in a batch waits for the batch's commit").isZero();
                batch.commit();
                assertThat(db.commits()).as("one commit covers every read of the batch").isEqualTo(1);
            }
            uncommittedWriteOnAnotherThread(db, things, 2);
            db.awaitReads();
            assertThat(db.commits()).as("outside a batch a read is durable on return").isEqualTo(2);
        }
    }

    /** A write made in a batch that its thread closes without a commit: in the map, on disk only with the next commit. */
    private static void uncommittedWriteOnAnotherThread(DurableMvStore db, MVMap<Integer, String> things, int key) throws Exception {
        CompletableFuture.runAsync(() -> {
            try (DurableBatch other = DurableBatch.open()) {
                db.runDurably(() -> things.put(key, "seen"));
            }
        }).get();
    }
}
