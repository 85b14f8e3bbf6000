package dev.veil.bench.load;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.auth.WebhookSecret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small closed-loop load run against a running gateway on loopback: {@code GET /healthz} (the
 * baseline: the HTTP stack alone) and then signed ticket intake (policy, tokens, fsynced stores,
 * routing), each for a fixed time with a fixed number of concurrent clients, every request a new
 * ticket. Prints requests per second and latency percentiles for both, in the same run.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.veil.bench.load.LoadRun URL BRAND SECRET TICKET.json SECONDS CLIENTS</pre>
 */
public final class LoadRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: LoadRun URL BRAND SECRET TICKET.json SECONDS CLIENTS");
            System.exit(2);
        }
        URI base = URI.create(args[0]);
        String brand = args[1];
        StandardWebhooks signer = StandardWebhooks.of(List.of(WebhookSecret.parse(args[2])), Clock.systemUTC());
        ObjectNode ticket = (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of(args[3])));
        Duration length = Duration.ofSeconds(Long.parseLong(args[4]));
        int clients = Integer.parseInt(args[5]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        AtomicLong ids = new AtomicLong(System.currentTimeMillis() * 1000);
        Phase health = run("GET /healthz", clients, length, () -> {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/healthz")).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        });
        Phase intake = run("POST /v1/brands/{brand}/tickets", clients, length, () -> {
            long id = ids.incrementAndGet();
            ObjectNode copy = ticket.deepCopy();
            ((ObjectNode) copy.at(JsonPointer.compile("/ticket"))).put("id", id);
            byte[] body = JSON.writeValueAsBytes(copy);
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/brands/" + brand + "/tickets"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            signer.sign("load_" + id, body).forEach(request::header);
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        });
        System.out.printf("%-34s %8s %10s %9s %9s %9s %7s%n", "route", "clients", "req/s", "p50 ms", "p99 ms", "max ms", "errors");
        health.print(clients);
        intake.print(clients);
    }

    /** One request; returns its HTTP status. */
    interface Call {
        int send() throws Exception;
    }

    record Phase(String name, long count, long errors, double seconds, long[] nanos) {

        void print(int clients) {
            Arrays.sort(nanos);
            System.out.printf("%-34s %8d %10.0f %9.2f %9.2f %9.2f %7d%n", name, clients, count / seconds,
                    percentile(0.50), percentile(0.99), nanos.length == 0 ? 0 : nanos[nanos.length - 1] / 1e6, errors);
        }

        private double percentile(double p) {
            return nanos.length == 0 ? 0 : nanos[(int) Math.min(nanos.length - 1, Math.ceil(p * nanos.length) - 1)] / 1e6;
        }
    }

    private static Phase run(String name, int clients, Duration length, Call call) throws Exception {
        // warm-up: a fifth of the time, not counted
        drive(clients, length.dividedBy(5), call);
        long start = System.nanoTime();
        List<long[]> results = drive(clients, length, call);
        double seconds = (System.nanoTime() - start) / 1e9;
        long errors = 0;
        List<Long> all = new ArrayList<>();
        for (long[] r : results) {
            errors += r[0];
            for (int i = 1; i < r.length; i++) {
                all.add(r[i]);
            }
        }
        return new Phase(name, all.size(), errors, seconds, all.stream().mapToLong(Long::longValue).toArray());
    }

    /** Each client sends requests back to back until the time is up; per client: errors, then each latency. */
    private static List<long[]> drive(int clients, Duration length, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + length.toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 1;
                long errors = 0;
                while (System.nanoTime() < end && n < latencies.length) {
                    long t0 = System.nanoTime();
                    int status = call.send();
                    latencies[n++] = System.nanoTime() - t0;
                    if (status / 100 != 2) {
                        errors++;
                    }
                }
                latencies[0] = errors;
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> out = new ArrayList<>();
        for (Future<long[]> f : futures) {
            out.add(f.get());
        }
        pool.shutdown();
        return out;
    }
}
