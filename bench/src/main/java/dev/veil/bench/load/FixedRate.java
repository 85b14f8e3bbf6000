package dev.veil.bench.load;

import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.auth.SharedSecret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop load generator: sends requests at a fixed rate whatever the answers do, and measures
 * each latency from the moment the request was due, not from when it was sent, so a stall counts
 * for every request it delayed (coordinated-omission correction, as {@code wrk2} does). Latencies
 * go into an HdrHistogram (microseconds, 3 significant digits). Prints one {@code RESULT|...} line
 * for {@link LoadTable}.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.veil.bench.load.FixedRate NAME RATE WARMUP_S SECONDS post URL BODY_FILE
 * java -cp bench/target/benchmarks.jar dev.veil.bench.load.FixedRate NAME RATE WARMUP_S SECONDS intake BASE_URL EXAMPLES_DIR SECRET FIRST_ID
 * </pre>
 */
public final class FixedRate {

    /** Answers slower than this count as errors (and as this latency). */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Most requests in flight; beyond it the generator is overloaded and says so. */
    private static final int MAX_IN_FLIGHT = 4096;

    /** Builds the request due as number {@code i}. */
    interface Requests {
        HttpRequest next(long i);
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
        Requests requests = switch (args[4]) {
            case "post" -> post(URI.create(args[5]), Files.readAllBytes(Path.of(args[6])));
            case "intake" -> intake(URI.create(args[5]), Path.of(args[6]), args[7], Long.parseLong(args[8]), total);
            default -> throw new IllegalArgumentException("mode: " + args[4] + " (expected: post or intake)");
        };
        ExecutorService executor = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        long warmupCount = (long) Math.ceil(rate * warmup);
        CountDownLatch done = new CountDownLatch((int) total);
        double interval = 1e9 / rate;
        long start = System.nanoTime();
        long measuredStart = start + (long) (warmupCount * interval);
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * interval);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean measured = i >= warmupCount;
            if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
                // the target stopped answering: record what waits as lost rather than pile up sockets
                inFlight.decrementAndGet();
                if (measured) {
                    errors.incrementAndGet();
                    recorder.recordValue(TIMEOUT.toNanos() / 1000);
                }
                done.countDown();
                continue;
            }
            HttpRequest request = requests.next(i);
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                long latency = System.nanoTime() - due;
                inFlight.decrementAndGet();
                if (measured) {
                    boolean ok = failure == null && response.statusCode() / 100 == 2
                            && response.headers().firstValue("Veil-Replayed").isEmpty();
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                    recorder.recordValue(Math.max(1, latency / 1000));
                }
                done.countDown();
            });
        }
        boolean finished = done.await(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - measuredStart) / 1e9;
        Histogram h = recorder.getIntervalHistogram();
        long measuredCount = total - warmupCount;
        long lost = finished ? 0 : done.getCount();
        System.out.printf("RESULT|%s|%s|%d|%.3f|%d|%d|%d|%d|0%n", name, "@" + Math.round(rate) + "/s", measuredCount,
                Math.min(elapsed, seconds + TIMEOUT.toSeconds()), h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), errors.get() + lost);
        executor.shutdownNow();
        System.exit(0);
    }

    private static Requests post(URI url, byte[] body) {
        return i -> HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
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
            HttpRequest.Builder request = HttpRequest.newBuilder(urls.get((int) i)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
            signer.sign("fixed_" + (firstId + i), body).forEach(request::header);
            return request.build();
        };
    }
}
