package dev.veil.tokenizer.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotSignallingFileStoreTest {

    @TempDir
    Path dir;

    @Test
    void theBufferOfALargeChunkIsKeptEmptiedForTheNextAndASmallOneLeftToMvStore() {
        SnapshotSignallingFileStore files = new SnapshotSignallingFileStore();
        WriteBuffer large = new WriteBuffer(6 << 20);
        large.put(new byte[5 << 20]);

        files.releaseWriteBuffer(large);
        WriteBuffer next = files.getWriteBuffer();

        assertThat(next).isSameAs(large);
        assertThat(next.position()).isZero();
        assertThat(files.getWriteBuffer()).as("kept for one chunk at a time").isNotSameAs(large);

        WriteBuffer small = new WriteBuffer(1 << 20);
        files.releaseWriteBuffer(small);
        assertThat(files.getWriteBuffer()).as("MVStore's own pool").isSameAs(small);
    }

    @Test
    void checkpointsWritingLargeChunksOneAfterAnotherReadBackWhole() {
        Path file = dir.resolve("things.mv.db");
        byte[][] values = new byte[3][];
        try (DurableMvStore db = DurableMvStore.open(file, "thing store")) {
            MVMap<Integer, byte[]> things = db.openMap("things", new MVMap.Builder<>());
            // each round's chunk is over MVStore's 4 MiB: the second and third reuse the first's buffer,
            // the third's values shorter than the second's, so stale bytes would show
            int[] sizes = {9 << 20, 7 << 20, 5 << 20};
            for (int round = 0; round < 3; round++) {
                byte[] value = new byte[sizes[round] / 64];
                Arrays.fill(value, (byte) ('a' + round));
                values[round] = value;
                int from = round * 64;
                db.runDurably(() -> {
                    for (int k = from; k < from + 64; k++) {
                        things.put(k, value);
                    }
                });
                db.checkpoint();
            }
        }
        try (DurableMvStore db = DurableMvStore.open(file, "thing store")) {
            MVMap<Integer, byte[]> things = db.openMap("things", new MVMap.Builder<>());
            assertThat(things).hasSize(3 * 64);
            for (int k = 0; k < 3 * 64; k++) {
                assertThat(things.get(k)).as("key %d", k).isEqualTo(values[k / 64]);
            }
        }
    }
}
