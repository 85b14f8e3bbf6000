package dev.veil.tokenizer.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

    /** The child: prints, then blocks on stdin until killed, or fails. */
    public static final class Child {

        public static void main(String[] args) throws IOException {
            if (args[0].equals("fail")) {
                System.out.println("one");
                System.err.println("cannot open the store");
                System.exit(3);
            }
            // one small write, so the pipe holds all of it once the first line can be read
            System.out.write("one\ntwo\nthree\npartial".getBytes(StandardCharsets.UTF_8));
            System.out.flush();
            System.in.read(); // the parent never writes: this blocks until the SIGKILL
        }
    }
}
