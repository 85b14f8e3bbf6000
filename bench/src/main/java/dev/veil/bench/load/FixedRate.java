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
 * </pre>
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

    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: FixedRate NAME RATE WARMUP_S SECONDS post URL BODY_FILE | intake BASE_URL EXAMPLES_DIR SECRET FIRST_ID");
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
        URI target = URI.create(args[5]);
        Requests requests = switch (args[4]) {
            case "post" -> post(target, Files.readAllBytes(Path.of(args[6])));
            case "intake" -> intake(target, Path.of(args[6]), args[7], Long.parseLong(args[8]), total);
            default -> throw new IllegalArgumentException("mode: " + args[4] + " (expected: post or intake)");
        };
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        AtomicLong next = new AtomicLong();
        long warmupCount = (long) Math.ceil(rate * warmup);
        double interval = 1e9 / rate;
        long start = System.nanoTime();
        long measuredStart = start + (long) (warmupCount * interval);
        Runnable sender = () -> {
            try (PlainHttp http = new PlainHttp(target, (int) TIMEOUT.toMillis())) {
                for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long due = start + (long) (i * interval);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    // a request due longer ago than an answer may take is lost unsent, so a backlog drains at once
                    boolean ok = System.nanoTime() - due <= TIMEOUT.toNanos() && send(http, requests.next(i));
                    if (i >= warmupCount) {
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                        recorder.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                    }
                }
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < CONNECTIONS; t++) {
            Thread thread = new Thread(sender, "fixed-rate-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - measuredStart) / 1e9;
        Histogram h = recorder.getIntervalHistogram();
        long measuredCount = total - warmupCount;
        System.out.printf("RESULT|%s|%s|%d|%.3f|%d|%d|%d|%d|0%n", name, "@" + Math.round(rate) + "/s", measuredCount,
                elapsed, h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), errors.get());
    }

    /** Whether {@code request} was answered with a 2xx that is no replay; any failure is an error, and the next send reconnects. */
    private static boolean send(PlainHttp http, byte[] request) {
        try {
            return http.exchange(request).ok();
        } catch (IOException | RuntimeException e) {
            return false;
        }
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
