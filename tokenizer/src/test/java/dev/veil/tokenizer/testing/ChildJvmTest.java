package dev.veil.tokenizer.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ChildJvmTest {

    @TempDir
    Path dir;

    @Test
    void linesPrintedBeforeTheKillAreDrainedAndACutLineIsDropped() throws Exception {
        try (ChildJvm child = ChildJvm.start(Child.class, dir.resolve("child.err"), "print")) {
            assertThat(child.readLines(1)).containsExactly("one");
            assertThat(child.killAndDrain()).containsExactly("two", "three");
        }
    }

    @Test
    void aChildThatEndsEarlyIsReportedWithItsStderr() throws Exception {
        try (ChildJvm child = ChildJvm.start(Child.class, dir.resolve("child.err"), "fail")) {
            assertThatThrownBy(() -> child.readLines(2))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("ended early after 1 of 2 lines")
                    .hasMessageContaining("cannot open the store");
        }
    }

    @Test
    void aWaitForLinesOfAChildThatHangsEndsWhenTheCallerIsInterrupted() throws Exception {
        try (ChildJvm child = ChildJvm.start(Child.class, dir.resolve("child.err"), "silent")) {
            // as a test's @Timeout interrupts it; preemptive, so a wait that ignores the interrupt fails here instead of hanging
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                Thread.currentThread().interrupt();
                assertThatThrownBy(() -> child.readLines(1)).isInstanceOf(InterruptedException.class);
            });
            assertThat(child.killAndDrain()).isEmpty();
        }
    }

    /** The child: prints, then blocks on stdin until killed; or fails; or ("silent") blocks without a word. */
    public static final class Child {

        public static void main(String[] args) throws IOException {
            if (args[0].equals("fail")) {
                System.out.println("one");
                System.err.println("cannot open the store");
                System.exit(3);
            }
            if (args[0].equals("silent")) {
                System.in.read();
                return;
            }
            // one small write, so the pipe holds all of it once the first line can be read
            System.out.write("one\ntwo\nthree\npartial".getBytes(StandardCharsets.UTF_8));
            System.out.flush();
            System.in.read(); // the parent never writes: this blocks until the SIGKILL
        }
    }
}
