package dev.veil.bench.load;

import com.sun.management.OperatingSystemMXBean;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.config.VeilConfigLoader;
import dev.veil.gateway.server.Gateway;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Intake without HTTP: the load benchmark's gateway (dev mode, the example brands, the embedded
 * stores in a temporary directory), THREADS threads each handing new 4 KB tickets of
 * {@link TicketCorpus} to {@code core().intake().submit}, and per measured round the CPU time of
 * the submitting threads per ticket (what parsing, the policy's views, tokens, storing and routing
 * cost) and the whole process's (with the JIT, the collector and checkpoints), and the bytes the
 * submitting threads allocated per ticket (what the collector must clear; checkpoints' own
 * allocation, on their threads, is not in it). On a machine shared
 * with other work these move far less than requests per second; run two builds at the same time
 * to compare them under the same load.
 *
 * <p>It uses only API every build since issue 12's load benchmark has, so the same class runs
 * against an older build placed after this one's classes on the class path:
 * <pre>java -cp bench/target/classes:OTHER.jar dev.veil.bench.load.IntakeBench ROOT [THREADS] [WARMUP_S] [ROUND_S] [ROUNDS]</pre>
 * with ROOT the repository (for {@code examples/}). Prints one line per round.
 */
public final class IntakeBench {

    private static final int POOL = 6_000;
    private static final int BYTES = 4096;

    private IntakeBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: IntakeBench ROOT [THREADS] [WARMUP_S] [ROUND_S] [ROUNDS]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 120;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        Path work = Files.createTempDirectory("veil-intake-bench");
        VeilConfig config = VeilConfigLoader.of(System.getenv()).load(writeConfig(root, work));
        List<TicketCorpus> corpora = TicketCorpus.all(root.resolve("examples/tickets"), 42);
        // generated before anything is measured; each submit puts a new CRM id into one of them
        byte[][] bodies = new byte[POOL][];
        String[] brands = new String[POOL];
        for (int i = 0; i < POOL; i++) {
            TicketCorpus corpus = corpora.get(i % corpora.size());
            bodies[i] = corpus.ticket(1_000_000 + i, BYTES);
            brands[i] = corpus.shape().brand();
        }
        AtomicLong next = new AtomicLong(1_000_000);
        try (Gateway gateway = Gateway.start(config, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()))) {
            for (int round = 0; round <= rounds; round++) {
                Round r = run(gateway, bodies, brands, next, threads, round == 0 ? warmup : seconds);
                if (round > 0) {
                    System.out.printf("round %d: %d tickets, %.0f/s, submit CPU %.0f us/ticket, process CPU %.0f us/ticket, submit allocated %.0f KB/ticket%n",
                            round, r.tickets, r.tickets / r.seconds, r.submitNanos / 1e3 / r.tickets, r.processNanos / 1e3 / r.tickets,
                            r.submitBytes / 1024.0 / r.tickets);
                }
            }
        } finally {
            deleteQuietly(work);
        }
    }

    private record Round(long tickets, long submitNanos, long processNanos, long submitBytes, double seconds) {}

    private static Round run(Gateway gateway, byte[][] bodies, String[] brands, AtomicLong next, int threads, int seconds)
            throws InterruptedException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong tickets = new AtomicLong();
        AtomicLong submitNanos = new AtomicLong();
        AtomicLong submitBytes = new AtomicLong();
        AtomicLong updates = new AtomicLong();
        long process = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long id = next.getAndIncrement();
                    int i = (int) (id % POOL);
                    byte[] body = withCrmId(bodies[i], id);
                    long before = mx.getCurrentThreadCpuTime();
                    long allocatedBefore = mx.getCurrentThreadAllocatedBytes();
                    if (!gateway.core().intake().submit(brands[i], body).created()) {
                        updates.incrementAndGet();
                    }
                    submitNanos.addAndGet(mx.getCurrentThreadCpuTime() - before);
                    submitBytes.addAndGet(mx.getCurrentThreadAllocatedBytes() - allocatedBefore);
                    tickets.incrementAndGet();
                }
            }, "intake-bench-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (updates.get() > 0) {
            throw new IllegalStateException(updates.get() + " submits updated a ticket (expected: every one a new ticket)");
        }
        return new Round(tickets.get(), submitNanos.get(), os.getProcessCpuTime() - process, submitBytes.get(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * The body with its CRM id (generated as 1000000 + i: the first '1' followed by six digits in
     * each shape) replaced by another of 7 digits, so that it is a new ticket ({@link #main} counts
     * the submits that were not).
     */
    static byte[] withCrmId(byte[] body, long id) {
        byte[] out = body.clone();
        byte[] digits = Long.toString(1_000_000 + id % 9_000_000).getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at + 7 <= out.length; at++) {
            if (out[at] == '1' && isDigits(out, at + 1, 6)) {
                System.arraycopy(digits, 0, out, at, 7);
                return out;
            }
        }
        throw new IllegalStateException("no CRM id of 7 digits in a generated ticket");
    }

    private static boolean isDigits(byte[] b, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (!isDigit(b[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static Path writeConfig(Path root, Path work) throws java.io.IOException {
        String policies = root.resolve("examples/policies").toAbsolutePath().toString();
        String secret = VeilConfig.DEV_WEBHOOK_SECRET;
        String crm = "crm: { replyUrl: \"http://127.0.0.1:9/dev/crm/replies\", secret: \"" + VeilConfig.DEV_CRM_SECRET + "\"";
        String yaml = "dev: true\n"
                + "server:\n  public: { host: 127.0.0.1, port: 0 }\n  admin: { host: 127.0.0.1, port: 0 }\n"
                + "limits: { maxBodyBytes: 2MiB }\n"
                + "data: " + work.resolve("data") + "\n"
                + "identity: dev\n"
                + "brands:\n"
                + "  acme:\n    policy: " + policies + "/acme.yaml\n    webhookSecrets: [ \"" + secret + "\" ]\n    " + crm + " }\n"
                + "  globex:\n    policy: " + policies + "/globex.yaml\n    webhookSecrets: [ \"" + secret + "\" ]\n    " + crm
                + ", ticketId: /Id, comments: /CaseComments/records }\n"
                + "  initech:\n    policy: " + policies + "/initech.yaml\n    webhookSecrets: [ \"" + secret + "\" ]\n    " + crm
                + ", ticketId: /id, comments: /conversations }\n";
        Path file = work.resolve("veil.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary directory: left for the system to clean
        }
    }
}
