package dev.veil.tokenizer.testing;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    private final Process process;
    private final Path stderrFile;
    private final BufferedReader out;

    private ChildJvm(Process process, Path stderrFile) {
        this.process = process;
        this.stderrFile = stderrFile;
        this.out = process.inputReader(StandardCharsets.UTF_8);
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

    /** The next {@code count} lines the child prints; fails with the child's stderr if it ends first. */
    public List<String> readLines(int count) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>(count);
        while (lines.size() < count) {
            String line = out.readLine();
            if (line == null) {
                process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS); // so its stderr is complete
                throw new AssertionError("child " + process.pid() + " ended early after " + lines.size()
                        + " of " + count + " lines; its stderr:\n" + stderr());
            }
            lines.add(line);
        }
        return lines;
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
        StringWriter rest = new StringWriter();
        out.transferTo(rest);
        String text = rest.toString();
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            lines.add(text.substring(start, end));
            start = end + 1;
        }
        return lines;
    }

    /** Kills the child if it still runs, so no test leaves one behind holding a store's lock. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private String stderr() throws IOException {
        return Files.exists(stderrFile) ? Files.readString(stderrFile) : "";
    }
}
