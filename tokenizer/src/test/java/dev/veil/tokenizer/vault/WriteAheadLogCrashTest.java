package dev.veil.tokenizer.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.testing.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process writing from many threads through the write-ahead log (with checkpoints every
 * 64 KB of log) with SIGKILL, three times on the same file: in a checkpoint stopped once its
 * snapshot is fixed, in one stopped once its chunk is written (not forced, the older log files
 * not deleted), and wherever the kill lands; then it checks what the file holds:
 * every acknowledged call with all its changes, no call in part, each thread's calls a prefix of
 * what it wrote (nothing on disk without the calls that finished before it) and each key's last
 * value from its latest call.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WriteAheadLogCrashTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCallSurvivesWholeAndNoCallIsHalfThere() throws Exception {
        Path file = dir.resolve("crash.mv.db");
        List<String> acknowledged = new ArrayList<>();
        String[] stages = {"snapshot", "written", "none"};
        for (int round = 1; round <= 3; round++) {
            String stage = stages[round - 1];
            try (ChildJvm writer = ChildJvm.start(LogWriterMain.class, dir.resolve("writer-" + round + ".err"),
                    file.toString(), Integer.toString(round), "8", Long.toString(64 << 10), stage)) {
                if (stage.equals("none")) {
                    acknowledged.addAll(writer.readLines(900));
                } else {
                    List<String> line;
                    while (!(line = writer.readLines(1)).equals(List.of(LogWriterMain.PAUSED))) {
                        acknowledged.addAll(line);
                    }
                    // acknowledged while the checkpoint stands still (writers held off by it would
                    // leave this waiting until the test's timeout)
                    acknowledged.addAll(writer.readLines(300));
                }
                acknowledged.addAll(writer.killAndDrain());
            }
        }

        try (DurableMvStore db = DurableMvStore.open(file, "crash store")) {
            LogWriterMain.Maps maps = new LogWriterMain.Maps(db);
            for (String id : acknowledged) {
                assertThat(maps.bodies).as("acknowledged call %s", id).containsKey(id);
            }
            Map<String, Long> highest = new HashMap<>();
            for (Map.Entry<String, byte[]> e : maps.bodies.entrySet()) {
                String id = e.getKey();
                byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
                assertThat(Arrays.copyOf(e.getValue(), idBytes.length)).as("body of %s", id).isEqualTo(idBytes);
                assertThat(maps.seqs.get(LogWriterMain.number(id))).as("the number of %s, written in the same call", id).isEqualTo(id);
                String writer = id.substring(0, id.lastIndexOf('-'));
                highest.merge(writer, Long.parseLong(id.substring(id.lastIndexOf('-') + 1)), Math::max);
            }
            assertThat(maps.seqs).as("numbers without their bodies").hasSameSizeAs(maps.bodies);
            for (Map.Entry<String, Long> w : highest.entrySet()) {
                for (long seq = 0; seq <= w.getValue(); seq++) {
                    assertThat(maps.bodies).as("%s's call %d, before its call %d", w.getKey(), seq, w.getValue())
                            .containsKey(w.getKey() + "-" + seq);
                }
                assertThat(maps.last.get(w.getKey())).as("last call of %s", w.getKey()).isEqualTo(w.getKey() + "-" + w.getValue());
            }
            assertThat(maps.last.keySet()).as("temporary keys put and removed in one call").noneMatch(k -> k.startsWith("tmp-"));
            assertThat(highest).as("writers of three rounds").hasSize(24);
        }
    }
}
