package dev.veil.tokenizer.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DurableMvStoreInterruptTest {

    private static final int KEYS = 20_000;

    @TempDir
    Path dir;

    /** A store of {@link #KEYS} keys, closed: opened again, every page is read from the file. */
    private Path storeOfManyPages() {
        Path file = dir.resolve("things.mv.db");
        try (DurableMvStore db = DurableMvStore.open(file, "thing store")) {
            MVMap<String, String> things = db.openMap("things", new MVMap.Builder<>());
            db.runDurably(() -> {
                for (int i = 0; i < KEYS; i++) {
                    things.put("key-" + i, "value-" + i);
                }
            });
        }
        return file;
    }

    /** The store closed with a last checkpoint: no log left, and the write made after the interrupts is in the file. */
    private void assertClosedWithItsCheckpoint(Path file, String after) throws Exception {
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no log left").containsExactly("things.mv.db");
        }
        try (DurableMvStore db = DurableMvStore.open(file, "thing store")) {
            assertThat(db.<String, String>openMap("things", new MVMap.Builder<>()).get("after")).isEqualTo(after);
        }
    }

    @Test
    void aReadByAnInterruptedThreadLeavesTheStoreOpenAndTheInterruptSet() throws Exception {
        Path file = storeOfManyPages();
        try (DurableMvStore db = DurableMvStore.open(file, "thing store")) {
            MVMap<String, String> things = db.openMap("things", new MVMap.Builder<>());
            Thread.currentThread().interrupt();
            String read;
            try {
                read = things.get("key-12345");
            } finally {
                assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
            }
            assertThat(read).isEqualTo("value-12345");
            db.runDurably(() -> things.put("after", "the interrupt"));
        }
        assertClosedWithItsCheckpoint(file, "the interrupt");
    }

    /** Interrupts that land during a read's system call close the JDK's channel: the store opens it again. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // the interrupts stop when the reader ends: a reader stuck would hang
    void readersInterruptedOverAndOverWhileTheyReadEveryPageGetEveryValueAndTheStoreClosesCleanly() throws Exception {
        Path file = storeOfManyPages();
        try (DurableMvStore db = DurableMvStore.open(file, "thing store")) {
            MVMap<String, String> things = db.openMap("things", new MVMap.Builder<>());
            Reader victim = new Reader(things);
            Reader beside = new Reader(things);
            victim.start();
            beside.start();
            while (victim.isAlive()) {
                victim.interrupt();
            }
            victim.join();
            beside.join();

            assertThat(victim.failure).isNull();
            assertThat(beside.failure).isNull();
            assertThat(victim.matched).isEqualTo(KEYS);
            assertThat(beside.matched).isEqualTo(KEYS);
            db.runDurably(() -> things.put("after", "the interrupts"));
        }
        assertClosedWithItsCheckpoint(file, "the interrupts");
    }

    /** Reads every key once and counts the values that are right. */
    private static final class Reader extends Thread {
        private final MVMap<String, String> things;
        volatile int matched;
        volatile Throwable failure;

        Reader(MVMap<String, String> things) {
            this.things = things;
        }

        @Override
        public void run() {
            try {
                int right = 0;
                for (int i = 0; i < KEYS; i++) {
                    right += ("value-" + i).equals(things.get("key-" + i)) ? 1 : 0;
                }
                matched = right;
            } catch (Throwable e) {
                failure = e;
            }
        }
    }
}
