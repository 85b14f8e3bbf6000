package dev.veil.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.auth.SharedSecret;
import dev.veil.gateway.config.KeysConfig;
import dev.veil.gateway.config.ListenerConfig;
import dev.veil.gateway.config.ServerConfig;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.core.CoreFixtures;
import dev.veil.gateway.intake.DetokenizeResult;
import dev.veil.gateway.store.StoredTicket;
import dev.veil.gateway.store.TicketView;
import dev.veil.tokenizer.vault.hashicorp.FakeVault;
import dev.veil.tokenizer.vault.hashicorp.VaultAuth;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway fails closed when HashiCorp Vault misbehaves: 1,000 tickets full of PII go in while
 * the fake Vault injects 500s, 503 sealed, 403s, 429s, connection resets and stalls in random
 * order. Every ticket is either accepted whole (views stored, routed, its vaulted tokens resolve)
 * or refused whole (503, Retry-After, a JSON error, nothing stored); no PII leaves by any route
 * (responses, logs, metrics, files, or the requests Veil sent to Vault); {@code /readyz} is false
 * while Vault is sealed, and service comes back by itself when Vault does.
 *
 * <p>The stalls are test-sized: the client timeout is 400 ms and a stall 1 s, instead of the 2 s
 * default and the 10 s, because the point is the timeout path, not the wait.
 */
class VaultFailClosedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONTACT_TOKEN = Pattern.compile("ctc_[A-Za-z0-9]+");
    private static final int TICKETS = 1000;
    private static final List<String> TOKENIZED = List.of("dana.whitfield@example.com", "4111111111111111", "4111 1111 1111 1111",
            "+1 415 555 0132", "+1 (415) 555-0132");

    @TempDir
    Path dir;

    private record Sent(String crmId, int status, String body, Optional<String> retryAfter, long nanos) {}

    @Test
    void everyTicketIsAcceptedWholeOrRefusedWholeAndNoPiiLeaves() throws Exception {
        try (FakeVault vault = FakeVault.start()) {
            VeilServerExtension.CapturedLog log = new VeilServerExtension.CapturedLog();
            VeilConfig config = config(vault);
            // the operator's step (veil keys create), with a generous timeout: it also warms the JVM and WireMock up
            try (var client = dev.veil.tokenizer.vault.hashicorp.VaultClient.open(vault.settings(new VaultAuth.Token(FakeVault.ROOT_TOKEN)).build(),
                    Clock.systemUTC(), dev.veil.tokenizer.vault.hashicorp.VaultClient.Listener.NONE)) {
                var keys = dev.veil.tokenizer.vault.hashicorp.VaultKeyProvider.transit(client, Clock.systemUTC());
                GatewayKeys.needed(config).forEach(keys::createIfAbsent);
            }
            try (Gateway gateway = Gateway.start(config, Clock.systemUTC(), new PrintStream(log, true, StandardCharsets.UTF_8))) {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                URI base = URI.create("http://127.0.0.1:" + gateway.port("public"));
                URI admin = URI.create("http://127.0.0.1:" + gateway.port("admin"));
                StandardWebhooks signer = StandardWebhooks.of(List.of(SharedSecret.standardWebhooks(VeilConfig.DEV_WEBHOOK_SECRET)), Clock.systemUTC());

                List<Sent> warmUp = send(http, base, signer, 30); // JIT and connection warm-up, not measured
                long t1 = System.nanoTime();
                vault.randomFaults(0.10, 20261130L, EnumSet.allOf(FakeVault.FaultKind.class), 1_000);
                List<Sent> faulty = send(http, base, signer, TICKETS);
                long t2 = System.nanoTime();
                Map<FakeVault.FaultKind, Long> injected = vault.injected();

                vault.healthy();
                vault.sealed(true);
                assertThat(get(http, base.resolve("/readyz")).statusCode()).isEqualTo(503);
                vault.healthy();
                HttpResponse<String> ready = awaitReady(http, base);
                assertThat(ready.statusCode()).isEqualTo(200);
                long t3 = System.nanoTime();
                List<Sent> healthy = send(http, base, signer, 60); // after recovery, on a warm JVM: the healthy figure
                long t4 = System.nanoTime();
                assertThat(healthy.subList(0, 5)).allSatisfy(s -> assertThat(s.status()).isEqualTo(202));

                List<Sent> all = new ArrayList<>(warmUp);
                all.addAll(faulty);
                all.addAll(healthy);
                int accepted = 0;
                int refused = 0;
                int tokensResolved = 0;
                for (Sent sent : all) {
                    assertThat(sent.status()).as("status of a ticket").isIn(202, 503);
                    assertThat(CoreFixtures.leaks(sent.body())).isEmpty();
                    Optional<String> stored = gateway.core().tickets().find(VeilConfig.DEV_BRAND, sent.crmId());
                    if (sent.status() == 503) {
                        refused++;
                        assertThat(sent.retryAfter()).as("Retry-After").isPresent();
                        assertThat(JSON.readTree(sent.body()).get("error").asText()).isIn("vault_unavailable", "key_unavailable",
                                "token_store_unavailable", "store_unavailable");
                        assertThat(stored).as("a refused ticket is not stored").isEmpty();
                        continue;
                    }
                    accepted++;
                    String ticketId = JSON.readTree(sent.body()).get("ticket").asText();
                    assertThat(stored).contains(ticketId);
                    StoredTicket ticket = gateway.core().tickets().get(ticketId).orElseThrow();
                    assertThat(ticket.views()).isNotEmpty();
                    assertThat(gateway.core().routing().ticket(ticketId)).as("routing state").isPresent();
                    List<String> tokens = new ArrayList<>();
                    for (TicketView view : ticket.views().values()) {
                        // the values the example policy tokenizes in every view (a senior view may show a name by policy)
                        assertThat(TOKENIZED.stream().filter(view.json()::contains).toList()).isEmpty();
                        Matcher m = CONTACT_TOKEN.matcher(view.json());
                        while (m.find()) {
                            tokens.add(m.group());
                        }
                    }
                    assertThat(tokens).as("vaulted tokens in the views").isNotEmpty();
                    DetokenizeResult result = gateway.core().detokenize().detokenize(VeilConfig.DEV_BRAND, "test", tokens.stream().distinct().toList());
                    assertThat(result.unresolved()).isEmpty();
                    assertThat(result.values().values()).contains("dana.whitfield@example.com");
                    tokensResolved += result.values().size();
                }

                String metrics = get(http, admin.resolve("/metrics")).body();
                List<String> vaultBodies = vault.wireMock().getAllServeEvents().stream()
                        .map(e -> e.getRequest().getBodyAsString() + e.getRequest().getUrl()).toList();
                assertThat(CoreFixtures.leaks(String.join("\n", vaultBodies))).as("PII sent to Vault").isEmpty();
                assertThat(CoreFixtures.leaks(log.text())).as("PII in logs").isEmpty();
                assertThat(CoreFixtures.leaks(metrics)).as("PII in metrics").isEmpty();
                assertThat(CoreFixtures.leaksInFiles(dir)).as("PII in files").isEmpty();
                assertThat(metrics).contains("veil_vault_failures_total{kind=\"sealed\"}").contains("veil_vault_breaker_state 0.0");
                assertThat(injected.values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(0);
                assertThat(accepted).isGreaterThan(0);
                assertThat(refused).isGreaterThan(0);

                System.out.printf("vault fail-closed: %d tickets, %d accepted whole, %d refused whole (503), %d vaulted tokens resolved;"
                        + " faults injected %s; failures counted:%n%s%n", all.size(), accepted, refused, tokensResolved, injected,
                        metrics.lines().filter(l -> l.startsWith("veil_vault_failures_total{")).reduce("", (a, b) -> a + "  " + b + "\n"));
                System.out.printf("phases: faulty %d ms, healthy after recovery %d ms%n", (t2 - t1) / 1_000_000, (t4 - t3) / 1_000_000);
                System.out.printf("intake latency: healthy p50 %.1f ms p99 %.1f ms; 10%% of Vault calls failing p50 %.1f ms p99 %.1f ms"
                        + " (client timeout 400 ms, 1 retry; a shared 2-core build machine)%n",
                        percentile(healthy, 50), percentile(healthy, 99), percentile(faulty, 50), percentile(faulty, 99));
            }
        }
    }

    private VeilConfig config(FakeVault vault) {
        VeilConfig d = VeilConfig.defaults(CoreFixtures.examples().getParent());
        Path data = dir.resolve("data");
        KeysConfig keys = new KeysConfig(KeysConfig.VAULT_TRANSIT, data.resolve("keyring"), Optional.empty(), KeysConfig.VAULT_KV,
                Optional.of(vault.settings(new VaultAuth.AppRole("approle", FakeVault.ROLE_ID, FakeVault.SECRET_ID))
                        .timeout(Duration.ofMillis(400)).maxRetries(1).backoff(Duration.ofMillis(5), Duration.ofMillis(20))
                        .breaker(5, Duration.ofMillis(300)).cache(Duration.ofSeconds(2), 100).build()));
        return new VeilConfig(true, new ServerConfig(ListenerConfig.of("127.0.0.1", 0, 1024), ListenerConfig.of("127.0.0.1", 0, 64), 0, 256),
                d.limits(), data, keys, d.identity(), d.admin(), d.outbox(), d.routing(), d.brands(), "test");
    }

    private static List<Sent> send(HttpClient http, URI base, StandardWebhooks signer, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Sent>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    String crmId = freshCrmId();
                    ObjectNode ticket = (ObjectNode) JSON.readTree(CoreFixtures.ticket("zendesk-en"));
                    ((ObjectNode) ticket.get("ticket")).put("id", Long.parseLong(crmId));
                    byte[] body = JSON.writeValueAsBytes(ticket);
                    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/brands/acme/tickets"))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                    signer.sign("msg_" + crmId, body).forEach(request::header);
                    long start = System.nanoTime();
                    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    return new Sent(crmId, response.statusCode(), response.body(), response.headers().firstValue("Retry-After"),
                            System.nanoTime() - start);
                }));
            }
            List<Sent> sent = new ArrayList<>();
            for (Future<Sent> f : futures) {
                sent.add(f.get());
            }
            return sent;
        } finally {
            pool.shutdownNow();
        }
    }

    private static final java.util.concurrent.atomic.AtomicLong NEXT = new java.util.concurrent.atomic.AtomicLong(7_000_000);

    private static String freshCrmId() {
        return Long.toString(NEXT.incrementAndGet());
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code /readyz} until it answers 200 or 10 s pass: the breaker half-opens by itself. */
    private static HttpResponse<String> awaitReady(HttpClient http, URI base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> last = get(http, base.resolve("/readyz"));
        while (last.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling a state that changes by time (the breaker's open period), not racing
            last = get(http, base.resolve("/readyz"));
        }
        return last;
    }

    private static double percentile(List<Sent> sent, int p) {
        List<Long> nanos = new ArrayList<>(sent.stream().map(Sent::nanos).toList());
        Collections.sort(nanos);
        int index = Math.min(nanos.size() - 1, (int) Math.ceil(p / 100.0 * nanos.size()) - 1);
        return nanos.get(Math.max(0, index)) / 1e6;
    }

}
