package dev.veil.bench.load;

import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.auth.SharedSecret;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop load generator: sends requests at a fixed rate whatever the answers do, and measures
 * each latency from the moment the request was due, not from when it was sent, so a stall counts
 * for every request it delayed (coordinated-omission correction, as {@code wrk2} does). Latencies
 * go into an HdrHistogram (microseconds, 3 significant digits). Prints one {@code RESULT|...} line
 * for {@link LoadTable}. Requests go out on {@link #CONNECTIONS} keep-alive connections
 * ({@link PlainHttp}), each used by one thread that takes the next due request: a request due
 * while every connection waits for an answer goes out late, and its latency still counts from when
 * it was due.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.veil.bench.load.FixedRate NAME RATE WARMUP_S SECONDS post URL BODY_FILE
 * java -cp bench/target/benchmarks.jar dev.veil.bench.load.FixedRate NAME RATE WARMUP_S SECONDS intake BASE_URL EXAMPLES_DIR SECRET FIRST_ID
 * java -cp bench/target/benchmarks.jar dev.veil.bench.load.FixedRate NAME RATE WARMUP_S SECONDS fsync DIR BYTES
 * </pre>
 *
 * <p>{@code fsync} sends nothing: each request appends {@code BYTES} to a new file in {@code DIR},
 * made with zeros in advance as Veil's log files are, and waits until they are forced to disk, the
 * appends of concurrent requests sharing one force ({@link GroupFsync}, as Veil's write-ahead log
 * does). Run on the disk of Veil's data, it is the latency a durable intake cannot go below on this
 * machine.
 *
 * <p>With {@code VEIL_FIXED_TRACE=DIR} in the environment it also writes {@code DIR/NAME.tsv}: one
 * line per measured request, the wall-clock time it was due (epoch milliseconds) and its latency
 * (microseconds), so that the slowest requests can be laid beside the server's own events (its
 * pauses, checkpoints and forces) by time.
 */
public final class FixedRate {

    /** Answers slower than this count as errors (and as this latency). */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Connections, each with its thread: enough that the generator is not what queues requests. */
    private static final int CONNECTIONS = 64;

    /** Builds the bytes of the request due as number {@code i}. */
    interface Requests {
        byte[] next(long i);
    }

    /** One sender thread's way to make request number {@code i}; answers whether it succeeded. */
    interface Sender extends AutoCloseable {
        boolean send(long i);

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: FixedRate NAME RATE WARMUP_S SECONDS post URL BODY_FILE | intake BASE_URL EXAMPLES_DIR SECRET FIRST_ID"
                    + " | fsync DIR BYTES");
            System.exit(2);
        }
        String name = args[0];
        double rate = Double.parseDouble(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        if (rate <= 0 || rate > 100_000) {
            throw new IllegalArgumentException("RATE: " + rate + " (expected: > 0 and <= 100000)");
        }
        long total = (long) Math.ceil(rate * (warmup + seconds));
        Supplier<Sender> senders = switch (args[4]) {
            case "post" -> http(URI.create(args[5]), post(URI.create(args[5]), Files.readAllBytes(Path.of(args[6]))));
            case "intake" -> http(URI.create(args[5]), intake(URI.create(args[5]), Path.of(args[6]), args[7], Long.parseLong(args[8]), total));
            case "fsync" -> durableAppends(Path.of(args[5]), Integer.parseInt(args[6]), total);
            default -> throw new IllegalArgumentException("mode: " + args[4] + " (expected: post, intake or fsync)");
        };
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        AtomicLong next = new AtomicLong();
        long warmupCount = (long) Math.ceil(rate * warmup);
        double interval = 1e9 / rate;
        long[] traced = System.getenv("VEIL_FIXED_TRACE") == null ? null : new long[(int) (total - warmupCount)];
        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        long measuredStart = start + (long) (warmupCount * interval);
        Runnable sending = () -> {
            try (Sender sender = senders.get()) {
                for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long due = start + (long) (i * interval);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    // a request due longer ago than an answer may take is lost unsent, so a backlog drains at once
                    boolean ok = System.nanoTime() - due <= TIMEOUT.toNanos() && sender.send(i);
                    if (i >= warmupCount) {
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                        long latency = Math.max(1, (System.nanoTime() - due) / 1000);
                        recorder.recordValue(latency);
                        if (traced != null) {
                            traced[(int) (i - warmupCount)] = latency; // each slot written by one thread, read after the joins
                        }
                    }
                }
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < CONNECTIONS; t++) {
            Thread thread = new Thread(sending, "fixed-rate-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - measuredStart) / 1e9;
        if (traced != null) {
            writeTrace(Path.of(System.getenv("VEIL_FIXED_TRACE"), name + ".tsv"), traced, startMillis, warmupCount, interval);
        }
        Histogram h = recorder.getIntervalHistogram();
        long measuredCount = total - warmupCount;
        System.out.printf("RESULT|%s|%s|%d|%.3f|%d|%d|%d|%d|0%n", name, "@" + Math.round(rate) + "/s", measuredCount,
                elapsed, h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), errors.get());
    }

    private static void writeTrace(Path file, long[] latencies, long startMillis, long warmupCount, double interval) throws IOException {
        StringBuilder out = new StringBuilder(latencies.length * 24);
        for (int k = 0; k < latencies.length; k++) {
            out.append(String.format(java.util.Locale.ROOT, "%.3f\t%d%n", startMillis + (warmupCount + k) * interval / 1e6, latencies[k]));
        }
        Files.writeString(file, out);
    }

    /**
     * Senders of {@code requests} to {@code target}, each on its own keep-alive connection: a request
     * succeeds when answered with a 2xx that is no replay; after any failure the next send reconnects.
     */
    private static Supplier<Sender> http(URI target, Requests requests) {
        return () -> {
            PlainHttp http = new PlainHttp(target, (int) TIMEOUT.toMillis());
            return new Sender() {
                @Override
                public boolean send(long i) {
                    try {
                        return http.exchange(requests.next(i)).ok();
                    } catch (IOException | RuntimeException e) {
                        return false;
                    }
                }

                @Override
                public void close() {
                    http.close();
                }
            };
        };
    }

    /**
     * Senders that share one {@link GroupFsync} file in {@code dir}, each of the {@code total}
     * requests appending {@code bytes} durably; the file is made in advance for all of them (at most
     * 1 GiB), as Veil makes its log files.
     */
    private static Supplier<Sender> durableAppends(Path dir, int bytes, long total) throws IOException {
        if (bytes < 1 || bytes > 1 << 20) {
            throw new IllegalArgumentException("BYTES: " + bytes + " (expected: 1 to 1048576)");
        }
        GroupFsync file = new GroupFsync(Files.createTempFile(dir, "fixed-fsync", ".log"), Math.min(total * bytes, 1L << 30));
        byte[] record = new byte[bytes];
        return () -> new Sender() {
            @Override
            public boolean send(long i) {
                try {
                    file.appendDurably(record);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }

            @Override
            public void close() {
                // the file outlives the senders; it lies in the run's scratch directory
            }
        };
    }

    private static Requests post(URI url, byte[] body) {
        byte[] request = PlainHttp.post(url, Map.of(), body);
        return i -> request;
    }

    /** Every request a new signed ticket; the bodies are made before the run, signed when due. */
    private static Requests intake(URI base, Path examples, String secret, long firstId, long total) {
        StandardWebhooks signer = StandardWebhooks.of(List.of(SharedSecret.standardWebhooks(secret)), Clock.systemUTC());
        List<TicketCorpus> corpora = TicketCorpus.all(examples, firstId);
        List<byte[]> bodies = new ArrayList<>();
        List<URI> urls = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            TicketCorpus corpus = corpora.get((int) (i % corpora.size()));
            bodies.add(corpus.ticket(firstId + i, 4096));
            urls.add(base.resolve("/v1/brands/" + corpus.shape().brand() + "/tickets"));
        }
        return i -> {
            byte[] body = bodies.get((int) i);
            return PlainHttp.post(urls.get((int) i), signer.sign("fixed_" + (firstId + i), body), body);
        };
    }
}
