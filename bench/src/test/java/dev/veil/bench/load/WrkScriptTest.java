package dev.veil.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/load/wrk.lua} driven by Debian's {@code wrk} against the JDK's HTTP server on
 * loopback (skipped, with a message, where {@code wrk} is not installed; CI installs it).
 */
class WrkScriptTest {

    private static final Path SCRIPT = Path.of("load/wrk.lua");

    @TempDir
    Path dir;

    private HttpServer server;
    private Path ready;
    private final AtomicLong received = new AtomicLong();
    /** Requests that reached the server before the script made the READY file (empty) for this run. */
    private final AtomicLong beforeReady = new AtomicLong();

    @BeforeEach
    void start() throws IOException {
        ready = dir.resolve("ready");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::accept);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void accept(HttpExchange exchange) throws IOException {
        if (!readyForThisRun()) {
            beforeReady.incrementAndGet();
        }
        received.incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        byte[] body = "{}".getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(202, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Whether the READY file exists and is the empty one the script makes, not an earlier run's. */
    private boolean readyForThisRun() {
        try {
            return Files.size(ready) == 0;
        } catch (IOException e) {
            return false; // absent
        }
    }

    /**
     * wrk starts each thread as soon as its script's init returns, while the next thread's init still
     * loads its share of the deliveries, and starts its clock only after the last one: a thread
     * sending meanwhile would add requests the measured duration does not cover (round 18 of the
     * performance history: intake's requests per second read 15 to 50 % high). The script holds every thread until
     * the last has loaded: no request reaches the server before the READY file exists, and a file an
     * earlier run left does not count. Without that hold the first thread's requests arrive while
     * the second is still loading its half of 200,000 deliveries.
     */
    @Test
    void noThreadSendsBeforeEveryThreadHasLoadedItsDeliveries() throws Exception {
        assumeTrue(wrkInstalled(), "wrk is not installed (Debian: apt-get install wrk): skipping the wrk script's test");
        Path deliveries = dir.resolve("deliveries.tsv");
        try (BufferedWriter out = Files.newBufferedWriter(deliveries, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 200_000; i++) {
                out.write("/intake\twh_" + i + "\t1700000000\tv1,c2lnbmF0dXJl\t{\"ticket\":" + i + ",\"text\":\"a short body\"}\n");
            }
        }
        Files.writeString(ready, "an earlier run's"); // the first thread's init removes it

        List<String> result = runWrk("signed", deliveries.toString(), "2", ready.toString());

        assertThat(Files.exists(ready)).isTrue();
        assertThat(Files.size(ready)).isZero();
        assertThat(received.get()).isPositive();
        assertThat(beforeReady.get()).isZero();
        // the RESULT line: its requests are those wrk counted; none was replayed
        String line = result.stream().filter(l -> l.startsWith("RESULT|")).findFirst().orElseThrow();
        String[] fields = line.split("\\|");
        assertThat(Long.parseLong(fields[3])).isPositive().isLessThanOrEqualTo(received.get());
        assertThat(fields[8]).as("errors").isEqualTo("0");
        assertThat(fields[9]).as("replays").isEqualTo("0");
    }

    @Test
    void aBodyRunNeedsNoReadyFile() throws Exception {
        assumeTrue(wrkInstalled(), "wrk is not installed (Debian: apt-get install wrk): skipping the wrk script's test");
        Path body = dir.resolve("body.json");
        Files.writeString(body, "{\"ticket\":1}");

        List<String> result = runWrk("body", body.toString());

        assertThat(received.get()).isPositive();
        assertThat(result).anyMatch(l -> l.startsWith("RESULT|"));
    }

    private List<String> runWrk(String... scriptArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c4", "-d1s", "--timeout", "10s",
                "-s", SCRIPT.toString(), "http://127.0.0.1:" + server.getAddress().getPort() + "/", "--"));
        command.addAll(List.of(scriptArgs));
        Path output = dir.resolve("wrk.out");
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!wrk.waitFor(60, TimeUnit.SECONDS)) {
            wrk.destroyForcibly(); // a script that waits for ever must not outlive the test
            throw new AssertionError("wrk did not finish within 60 s: " + String.join("\n", Files.readAllLines(output)));
        }
        List<String> lines = Files.readAllLines(output);
        assertThat(wrk.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    private static boolean wrkInstalled() {
        try {
            Process probe = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
