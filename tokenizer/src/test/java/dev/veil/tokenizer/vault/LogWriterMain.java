package dev.veil.tokenizer.vault;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * A child process for {@link WriteAheadLogCrashTest}: several threads write calls through the
 * write-ahead log as fast as they can, three calls to a {@link DurableBatch}, and print each
 * call's id only after the batch committed, until the process is killed. A checkpoint is taken
 * every {@code checkpointBytes} of log, so kills land before, during and after checkpoints.
 *
 * <p>Each call {@code R-T-S} (round, thread, sequence) puts its id in three maps of three data
 * types ({@code bodies}: id to 1-3 KB whose length and first bytes encode the id; {@code seqs}:
 * a number to the id; {@code last}: {@code R-T} to the id, the thread's latest call), and puts and
 * removes a temporary key in {@code last}.
 *
 * <p>Arguments: store file, round, threads, checkpoint bytes, and optionally a stage at which the
 * first checkpoint stops for good ({@code snapshot}: writers released, chunk not built;
 * {@code written}: chunk written, not forced, older log files still there): the child then prints
 * {@value #PAUSED} once and its writers go on, so that the kill lands in the middle of a checkpoint.
 */
public final class LogWriterMain {

    /** The line printed when the checkpoint stopped at the stage asked for. */
    static final String PAUSED = "# checkpoint paused";

    private LogWriterMain() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        String stage = args.length > 4 ? args[4] : "none";
        DurableMvStore db = DurableMvStore.open(Path.of(args[0]), "crash store", Long.parseLong(args[3]), new DurableMvStore.CheckpointObserver() {
            @Override
            public void snapshotFixed() {
                pauseAt("snapshot");
            }

            @Override
            public void chunkWritten() {
                pauseAt("written");
            }

            private void pauseAt(String here) {
                if (!here.equals(stage)) {
                    return;
                }
                synchronized (out) {
                    out.println(PAUSED);
                    out.flush();
                }
                try {
                    new CountDownLatch(1).await(); // until the kill: no later checkpoint starts either
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        String round = args[1];
        int threads = Integer.parseInt(args[2]);
        Maps maps = new Maps(db);
        for (int t = 0; t < threads; t++) {
            String writer = round + "-" + t;
            new Thread(() -> {
                for (long seq = 0; ; seq++) {
                    List<String> ids = new ArrayList<>();
                    try (DurableBatch batch = DurableBatch.open()) {
                        for (int k = 0; k < 3; k++) {
                            String id = writer + "-" + (seq * 3 + k);
                            long number = number(id);
                            byte[] body = body(id);
                            db.runDurably(() -> {
                                maps.bodies.put(id, body);
                                maps.seqs.put(number, id);
                                maps.last.put("tmp-" + id, id);
                                maps.last.put(writer, id);
                                maps.last.remove("tmp-" + id);
                            });
                            ids.add(id);
                        }
                        batch.commit();
                    }
                    synchronized (out) {
                        ids.forEach(out::println);
                        out.flush();
                    }
                }
            }).start();
        }
    }

    /** A unique number for an id {@code R-T-S}. */
    static long number(String id) {
        String[] p = id.split("-");
        return Long.parseLong(p[0]) * 1_000_000_000_000L + Long.parseLong(p[1]) * 1_000_000_000L + Long.parseLong(p[2]);
    }

    /** 1-3 KB: the id's bytes, then filler, length chosen at random. */
    static byte[] body(String id) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[1024 + ThreadLocalRandom.current().nextInt(2048)];
        System.arraycopy(idBytes, 0, body, 0, idBytes.length);
        return body;
    }

    /** The maps, one per data type used by Veil's stores. */
    static final class Maps {
        final MVMap<String, byte[]> bodies;
        final MVMap<Object, Object> seqs;
        final MVMap<String, String> last;

        Maps(DurableMvStore db) {
            bodies = db.openMap("bodies", new MVMap.Builder<String, byte[]>()
                    .keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
            seqs = db.openMap("seqs", new MVMap.Builder<>());
            last = db.openMap("last", new MVMap.Builder<String, String>()
                    .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        }
    }
}
