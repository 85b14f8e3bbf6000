package dev.veil.tokenizer.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on the test classpath whose acknowledged output lines a crash test reads before and
 * after killing it with SIGKILL.
 *
 * <p>The kill goes through {@code toHandle().destroyForcibly()}, not {@link Process#destroyForcibly()}:
 * both send SIGKILL, but the latter also closes our end of the child's stdout, so what the child
 * printed just before it died could no longer be read, and those lines were acknowledged too.
 * The handle leaves the pipe readable until end of stream.
 */
public final class ChildJvm implements AutoCloseable {

    private static final long WAIT_SECONDS = 30;
    /** What the pump queues at the end of the child's stdout. */
    private static final Line END = new Line(null);

    private final Process process;
    private final Path stderrFile;
    /**
     * The child's complete stdout lines, read by a daemon thread: a read of the pipe itself cannot
     * be interrupted, so a test waiting on a child that hangs would outlive its {@code @Timeout};
     * a wait on this queue ends with the timeout's interrupt, and the test's clean-up kills the child.
     */
    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    private final Thread pump;

    private record Line(String text) {}

    private ChildJvm(Process process, Path stderrFile) {
        this.process = process;
        this.stderrFile = stderrFile;
        this.pump = new Thread(this::pumpLines, "child-" + process.pid() + "-stdout");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code java -cp <this JVM's classpath> main args...} with its stderr written to {@code stderrFile}. */
    public static ChildJvm start(Class<?> main, Path stderrFile, String... args) throws IOException {
        requireNonNull(main, "main");
        requireNonNull(stderrFile, "stderrFile");
        requireNonNull(args, "args");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(stderrFile.toFile()).start();
        return new ChildJvm(process, stderrFile);
    }

    /**
     * The next {@code count} lines the child prints; fails with the child's stderr if it ends first.
     * Waits until they come: interrupting the caller (as a test's {@code @Timeout} does) ends the wait.
     */
    public List<String> readLines(int count) throws IOException, InterruptedException {
        List<String> read = new ArrayList<>(count);
        while (read.size() < count) {
            Line line = lines.take();
            if (line == END) {
                lines.add(END); // the end stays to be seen by a later read
                process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS); // so its stderr is complete
                throw new AssertionError("child " + process.pid() + " ended early after " + read.size()
                        + " of " + count + " lines; its stderr:\n" + stderr());
            }
            read.add(line.text());
        }
        return read;
    }

    /**
     * Sends SIGKILL, waits for the child to die and returns the complete lines it printed before
     * dying that were not read yet; a line cut by the kill is dropped.
     */
    public List<String> killAndDrain() throws IOException, InterruptedException {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("child " + process.pid() + " still alive " + WAIT_SECONDS + " s after SIGKILL");
        }
        pump.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        if (pump.isAlive()) {
            throw new AssertionError("child " + process.pid() + ": its stdout still open " + WAIT_SECONDS + " s after it died");
        }
        List<String> rest = new ArrayList<>();
        for (Line line = lines.poll(); line != null && line != END; line = lines.poll()) {
            rest.add(line.text());
        }
        return rest;
    }

    /** Kills the child if it still runs, so no test leaves one behind holding a store's lock. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Queues each complete line of the child's stdout, then {@link #END}; a last line without its break is dropped. */
    private void pumpLines() {
        try (Reader in = process.inputReader(StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0; c = in.read()) {
                if (c == '\n') {
                    int length = line.length();
                    lines.add(new Line(line.substring(0, length > 0 && line.charAt(length - 1) == '\r' ? length - 1 : length)));
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
        } catch (IOException e) {
            // the pipe broke: the child is gone, and its end is queued below
        } finally {
            lines.add(END);
        }
    }

    private String stderr() throws IOException {
        return Files.exists(stderrFile) ? Files.readString(stderrFile) : "";
    }
}
