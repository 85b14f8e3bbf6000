package dev.veil.bench.cluster;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.bench.ScratchDirectory;
import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.auth.SharedSecret;
import dev.veil.gateway.config.StoresConfig;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.config.VeilConfigLoader;
import dev.veil.gateway.server.Gateway;
import dev.veil.gateway.store.pg.PgConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Intake throughput of clustered mode with 1, 2 and 3 gateway nodes on one PostgreSQL, in one
 * run on this machine: for each node count, a fresh schema, that many gateways (in this JVM, on
 * ephemeral loopback ports, sharing one keyring), and CLIENTS clients sending signed example
 * tickets round robin over the nodes for SECONDS. Prints req/s, p50 and p99 per node count.
 *
 * <p>Arguments: REPO_ROOT SECONDS CLIENTS.
 */
public final class ClusterScaling {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        int seconds = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        Path work = Files.createTempDirectory("veil-cluster-bench");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(0).start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            System.out.printf("%-6s %8s %10s %9s %9s %7s%n", "nodes", "clients", "req/s", "p50 ms", "p99 ms", "errors");
            for (int nodes = 1; nodes <= 3; nodes++) {
                PgConfig db = PgConfig.of(url, "postgres", null).withSchema("scaling_" + nodes);
                List<Gateway> gateways = new ArrayList<>();
                List<URI> urls = new ArrayList<>();
                try {
                    for (int n = 0; n < nodes; n++) {
                        VeilConfig config = config(root, work, n).withStores(StoresConfig.postgres(db, "node-" + n));
                        Gateway g = Gateway.start(config, Clock.systemUTC(), quiet);
                        gateways.add(g);
                        urls.add(URI.create("http://127.0.0.1:" + g.port("public")));
                    }
                    drive(root, urls, clients, seconds / 5); // warm-up, not counted
                    long[] result = drive(root, urls, clients, seconds);
                    report(nodes, clients, seconds, result);
                } finally {
                    for (Gateway g : gateways) {
                        g.close();
                    }
                }
            }
        } finally {
            ScratchDirectory.delete(work);
        }
    }

    private static VeilConfig config(Path root, Path work, int node) throws Exception {
        Path dir = work.resolve("node-" + node);
        Files.createDirectories(dir);
        Path yaml = dir.resolve("veil.yaml");
        Files.writeString(yaml, """
                dev: true
                server:
                  public: { host: 127.0.0.1, port: 0 }
                  admin: { host: 127.0.0.1, port: 0 }
                data: %s
                keys:
                  keyring: %s
                  masterKeyFile: %s
                identity: dev
                brands:
                  acme:
                    policy: %s
                    webhookSecrets: [ "%s" ]
                    crm: { replyUrl: "http://127.0.0.1:9/replies", secret: "%s" }
                """.formatted(dir.resolve("data"), work.resolve("keyring"), work.resolve("dev-master.key"),
                root.resolve("examples/policies/acme.yaml"), VeilConfig.DEV_WEBHOOK_SECRET, VeilConfig.DEV_CRM_SECRET));
        return VeilConfigLoader.of(Map.of()).load(yaml);
    }

    /** Returns {count, errors, nanos...} for the measured period. */
    private static long[] drive(Path root, List<URI> nodes, int clients, int seconds) throws Exception {
        ObjectNode ticket = (ObjectNode) JSON.readTree(Files.readAllBytes(root.resolve("examples/tickets/zendesk-en.json")));
        StandardWebhooks signer = StandardWebhooks.of(List.of(SharedSecret.standardWebhooks(VeilConfig.DEV_WEBHOOK_SECRET)), Clock.systemUTC());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong ids = new AtomicLong(System.nanoTime());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            URI base = nodes.get(c % nodes.size());
            futures.add(pool.submit(() -> {
                long[] lat = new long[1 << 16];
                int n = 1;
                long errors = 0;
                while (System.nanoTime() < end && n < lat.length) {
                    long id = ids.incrementAndGet();
                    ObjectNode copy = ticket.deepCopy();
                    ((ObjectNode) copy.at(JsonPointer.compile("/ticket"))).put("id", id);
                    byte[] body = JSON.writeValueAsBytes(copy);
                    HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve("/v1/brands/acme/tickets"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
                    signer.sign("scale_" + id, body).forEach(r::header);
                    long t0 = System.nanoTime();
                    int status = http.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    lat[n++] = System.nanoTime() - t0;
                    errors += status / 100 == 2 ? 0 : 1;
                }
                lat[0] = errors;
                return Arrays.copyOf(lat, n);
            }));
        }
        List<Long> all = new ArrayList<>();
        long errors = 0;
        for (Future<long[]> f : futures) {
            long[] r = f.get();
            errors += r[0];
            for (int i = 1; i < r.length; i++) {
                all.add(r[i]);
            }
        }
        pool.shutdown();
        long[] out = new long[all.size() + 2];
        out[0] = all.size();
        out[1] = errors;
        for (int i = 0; i < all.size(); i++) {
            out[i + 2] = all.get(i);
        }
        return out;
    }

    private static void report(int nodes, int clients, int seconds, long[] r) {
        long[] nanos = Arrays.copyOfRange(r, 2, r.length);
        Arrays.sort(nanos);
        double p50 = nanos.length == 0 ? 0 : nanos[(int) Math.max(0, Math.ceil(0.50 * nanos.length) - 1)] / 1e6;
        double p99 = nanos.length == 0 ? 0 : nanos[(int) Math.max(0, Math.ceil(0.99 * nanos.length) - 1)] / 1e6;
        System.out.printf("%-6d %8d %10.0f %9.2f %9.2f %7d%n", nodes, clients, r[0] / (double) seconds, p50, p99, r[1]);
    }
}
