package dev.veil.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real server on an ephemeral port, driven by java.net.http and by raw sockets for what clients refuse to send. */
@ExtendWith(NettyLeaks.class)
@Timeout(60)
class HttpServerTest {

    private static final String SECRET = "jane.doe@example.com";

    private final AtomicInteger calls = new AtomicInteger();
    private final List<RequestLog> logs = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpServer server;

    private Routes.Builder routes() {
        return Routes.builder()
                .add("POST", "/v1/brands/{brand}/tickets", request -> {
                    calls.incrementAndGet();
                    return HttpResponse.json(202, Map.of("brand", request.pathParam("brand"), "bytes", request.bodyLength()));
                })
                .add("GET", "/healthz", request -> {
                    calls.incrementAndGet();
                    return HttpResponse.text(200, "ok");
                });
    }

    private int start(HttpLimits limits) {
        return start(ListenerSettings.builder("public").limits(limits).build(), routes().build());
    }

    private int start(ListenerSettings settings, Routes routes) {
        server = HttpServer.builder().listener(settings, routes).observer(logs::add).build().start();
        return server.port(settings.name());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private java.net.http.HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), BodyHandlers.ofString());
    }

    @Test
    void servesARealClientOnAnEphemeralPort() throws Exception {
        int port = start(HttpLimits.defaults());
        assertThat(port).isPositive();
        var response = client.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/brands/acme/tickets?email=" + SECRET))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(Json.parse(response.body()).get("bytes").asInt()).isEqualTo(7);
        assertThat(get(port, "/healthz").body()).isEqualTo("ok");
        var missing = get(port, "/v1/" + SECRET);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Json.errorCode(missing.body())).isEqualTo("not_found");
        assertThat(missing.body()).doesNotContain("jane");
    }

    @Test
    void keepsTheConnectionAliveAcrossRequests() throws Exception {
        int port = start(HttpLimits.defaults());
        try (RawHttp raw = new RawHttp(port)) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Response response = raw.send("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n").read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("connection")).isEqualToIgnoringCase("keep-alive");
            }
            RawHttp.Response last = raw.send("GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").read();
            assertThat(last.status()).isEqualTo(200);
            assertThat(raw.closedByServer()).isTrue();
        }
        assertThat(calls).hasValue(4);
    }

    @Test
    void aDeclaredOversizedBodyIs413AndTheHandlerNeverRuns() throws Exception {
        int port = start(HttpLimits.builder().maxBodyBytes(1024).build());
        try (RawHttp raw = new RawHttp(port)) {
            RawHttp.Response response = raw.send("POST /v1/brands/acme/tickets HTTP/1.1\r\nHost: a\r\nContent-Length: 1025\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(Json.errorCode(response.body())).isEqualTo("body_too_large");
            assertThat(raw.closedByServer()).isTrue();
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void aChunkedBodyOverflowingTheLimitIs413() throws Exception {
        int port = start(HttpLimits.builder().maxBodyBytes(1024).build());
        try (RawHttp raw = new RawHttp(port)) {
            raw.send("POST /v1/brands/acme/tickets HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "400\r\n" + "x".repeat(1024) + "\r\n";
            raw.sendIgnoringClose((chunk + chunk + "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response response = raw.read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(Json.errorCode(response.body())).isEqualTo("body_too_large");
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void expectContinueIsAnsweredThroughARealClient() throws Exception {
        int port = start(HttpLimits.builder().maxBodyBytes(64).build());
        HttpClient expecting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var small = expecting.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/brands/acme/tickets"))
                .expectContinue(true).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(), BodyHandlers.ofString());
        assertThat(small.statusCode()).isEqualTo(202);
        // java.net.http in Java 17 waits forever when the answer to Expect is final (JDK-8286171): raw socket.
        try (RawHttp raw = new RawHttp(port)) {
            RawHttp.Response big = raw.send("POST /v1/brands/acme/tickets HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 65\r\n\r\n").read();
            assertThat(big.status()).isEqualTo(413);
            assertThat(Json.errorCode(big.body())).isEqualTo("body_too_large");
            assertThat(raw.closedByServer()).isTrue();
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void oversizedHeadersAre431() throws Exception {
        int port = start(HttpLimits.builder().maxHeaderBytes(1024).build());
        try (RawHttp raw = new RawHttp(port)) {
            raw.sendIgnoringClose(("GET /healthz HTTP/1.1\r\nHost: a\r\nCookie: " + "c".repeat(4096) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response response = raw.read();
            assertThat(response.status()).isEqualTo(431);
            assertThat(Json.errorCode(response.body())).isEqualTo("headers_too_large");
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void malformedHttpIs400() throws Exception {
        int port = start(HttpLimits.defaults());
        try (RawHttp raw = new RawHttp(port)) {
            RawHttp.Response response = raw.send("GET /healthz HTTP/1.1\r\nHost: a\r\nContent-Length: 1, 2\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(Json.errorCode(response.body())).isEqualTo("bad_request");
            assertThat(raw.closedByServer()).isTrue();
        }
        try (RawHttp raw = new RawHttp(port)) {
            RawHttp.Response response = raw.send("\u0001\u0002 garbage\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(400);
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void aClientSilentMidHeadersGets408AfterTheIdleTimeout() throws Exception {
        int port = start(HttpLimits.builder().idleTimeout(Duration.ofMillis(300)).requestTimeout(Duration.ofSeconds(30)).build());
        try (RawHttp raw = new RawHttp(port)) {
            RawHttp.Response response = raw.send("GET /healthz HTTP/1.1\r\nHost: a\r\nX-Slow: ").read();
            assertThat(response.status()).isEqualTo(408);
            assertThat(Json.errorCode(response.body())).isEqualTo("request_timeout");
            assertThat(raw.closedByServer()).isTrue();
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void aRequestNotCompleteWithinTheRequestTimeoutGets408() throws Exception {
        int port = start(HttpLimits.builder().idleTimeout(Duration.ofSeconds(30)).requestTimeout(Duration.ofMillis(300)).build());
        try (RawHttp raw = new RawHttp(port)) {
            RawHttp.Response response = raw.send("POST /v1/brands/acme/tickets HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n12345").read();
            assertThat(response.status()).isEqualTo(408);
            assertThat(Json.errorCode(response.body())).isEqualTo("request_timeout");
            assertThat(raw.closedByServer()).isTrue();
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedQuietly() throws Exception {
        int port = start(HttpLimits.builder().idleTimeout(Duration.ofMillis(200)).build());
        try (RawHttp raw = new RawHttp(port)) {
            assertThat(raw.send("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n").read().status()).isEqualTo(200);
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void connectionsOverTheLimitGet503() throws Exception {
        int port = start(HttpLimits.builder().maxConnections(1).build());
        try (RawHttp first = new RawHttp(port)) {
            // A full exchange proves the first connection is counted before the second arrives.
            assertThat(first.send("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n").read().status()).isEqualTo(200);
            try (RawHttp second = new RawHttp(port)) {
                RawHttp.Response refused = second.read();
                assertThat(refused.status()).isEqualTo(503);
                assertThat(Json.errorCode(refused.body())).isEqualTo("too_many_connections");
                assertThat(second.closedByServer()).isTrue();
            }
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void aFullWorkerPoolShedsLoadWith503AndRetryAfter() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger blocked = new AtomicInteger();
        Routes routes = Routes.builder().add("GET", "/slow", request -> {
            blocked.incrementAndGet();
            entered.countDown();
            release.await();
            return HttpResponse.text(200, "done");
        }).build();
        int port = start(ListenerSettings.builder("public").workers(WorkerPoolSettings.of(1, 1)).build(), routes);
        URI slow = URI.create("http://127.0.0.1:" + port + "/slow");
        CompletableFuture<java.net.http.HttpResponse<String>> first = client.sendAsync(java.net.http.HttpRequest.newBuilder(slow).build(), BodyHandlers.ofString());
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
        // One of the next two waits in the queue (capacity 1), the other is shed at once.
        List<CompletableFuture<java.net.http.HttpResponse<String>>> next = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            next.add(client.sendAsync(java.net.http.HttpRequest.newBuilder(slow).build(), BodyHandlers.ofString()));
        }
        var shed = (java.net.http.HttpResponse<String>) CompletableFuture.anyOf(next.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertThat(shed.statusCode()).isEqualTo(503);
        assertThat(shed.headers().firstValue("retry-after")).contains("1");
        assertThat(Json.errorCode(shed.body())).isEqualTo("overloaded");
        release.countDown();
        assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        List<Integer> statuses = new ArrayList<>();
        for (var future : next) {
            statuses.add(future.get(20, TimeUnit.SECONDS).statusCode());
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 503);
        assertThat(blocked).hasValue(2);
    }

    @Test
    void theObserverSeesRoutePatternsAndTheAccessLogHoldsNoValues() throws Exception {
        StringWriter out = new StringWriter();
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        server = HttpServer.builder()
                .listener(ListenerSettings.builder("public").limits(HttpLimits.builder().maxBodyBytes(64).build()).build(), routes().build())
                .observer(RequestObserver.all(List.of(logs::add, JsonAccessLog.to(out, clock))))
                .build().start();
        int port = server.port("public");
        client.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/brands/" + SECRET + "/tickets?q=" + SECRET))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(SECRET)).build(), BodyHandlers.ofString());
        client.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/nothing/" + SECRET)).build(), BodyHandlers.ofString());
        client.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/brands/acme/tickets"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x".repeat(65))).build(), BodyHandlers.ofString());
        server.close();
        assertThat(logs).extracting(RequestLog::route).containsExactly("/v1/brands/{brand}/tickets", RequestLog.UNMATCHED, RequestLog.UNMATCHED);
        assertThat(logs).extracting(RequestLog::status).containsExactly(202, 404, 413);
        assertThat(logs.get(0).requestBytes()).isEqualTo(SECRET.length());
        assertThat(logs).allSatisfy(log -> assertThat(log.listener()).isEqualTo("public"));
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(out.toString()).doesNotContain("jane").doesNotContain("example");
        var first = Json.parse(lines[0]);
        assertThat(first.get("ts").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(first.get("method").asText()).isEqualTo("POST");
        assertThat(first.get("route").asText()).isEqualTo("/v1/brands/{brand}/tickets");
        assertThat(first.get("status").asInt()).isEqualTo(202);
    }

    @Test
    void stopLetsRunningHandlersAnswer() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Routes routes = Routes.builder().add("GET", "/slow", request -> {
            entered.countDown();
            release.await();
            return HttpResponse.text(200, "done");
        }).build();
        int port = start(ListenerSettings.builder("public").build(), routes);
        var pending = client.sendAsync(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(), BodyHandlers.ofString());
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
        Thread stopper = new Thread(() -> server.stop(Duration.ofSeconds(20)));
        stopper.start();
        release.countDown();
        assertThat(pending.get(20, TimeUnit.SECONDS).body()).isEqualTo("done");
        stopper.join(30_000);
        assertThat(stopper.isAlive()).isFalse();
        try (RawHttp ignored = new RawHttp(port)) {
            throw new AssertionError("the listener still accepts connections after stop");
        } catch (IOException expected) {
            // connection refused: nothing listens any more
        }
    }

    @Test
    void handlersRunOnTheWorkerPoolNotOnTheEventLoop() throws Exception {
        Routes routes = Routes.builder().add("GET", "/thread", request -> HttpResponse.text(200, Thread.currentThread().getName())).build();
        int port = start(ListenerSettings.builder("public").build(), routes);
        assertThat(get(port, "/thread").body()).startsWith("veil-public-worker");
    }

    @Test
    void twoListenersServeTheirOwnRoutes() throws Exception {
        Routes admin = Routes.builder().add("GET", "/admin/stats", request -> HttpResponse.json(200, Map.of("listener", request.listener()))).build();
        server = HttpServer.builder()
                .listener(ListenerSettings.builder("public").build(), routes().build())
                .listener(ListenerSettings.builder("admin").build(), admin)
                .build().start();
        assertThat(server.port("public")).isNotEqualTo(server.port("admin"));
        assertThat(get(server.port("admin"), "/admin/stats").body()).contains("\"admin\"");
        assertThat(get(server.port("public"), "/admin/stats").statusCode()).isEqualTo(404);
        assertThat(get(server.port("admin"), "/healthz").statusCode()).isEqualTo(404);
    }
}
