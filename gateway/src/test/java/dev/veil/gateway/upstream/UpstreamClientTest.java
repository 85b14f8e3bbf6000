package dev.veil.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.veil.gateway.http.HttpLimits;
import dev.veil.gateway.http.HttpResponse;
import dev.veil.gateway.http.HttpServer;
import dev.veil.gateway.http.ListenerSettings;
import dev.veil.gateway.http.NettyTransport;
import dev.veil.gateway.http.Routes;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The upstream client behind a real Veil server, as proxy routes use it: calls go out on the
 * inbound connection's event loop over pooled keep-alive connections (counted by the upstream),
 * an upstream that breaks off mid-body gives the client a cut answer, never a short success, and a
 * client that stops reading makes Veil stop reading from the upstream instead of buffering.
 */
@Timeout(90)
@org.junit.jupiter.api.extension.ExtendWith(dev.veil.gateway.http.NettyLeaks.class)
class UpstreamClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient expert = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private UpstreamClient client;
    private HttpServer front;
    private RawUpstream upstream;

    @AfterEach
    void stop() throws IOException {
        if (front != null) {
            front.close();
        }
        if (client != null) {
            client.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void keepAliveConnectionsAreReusedFromTheInboundLoop() throws Exception {
        upstream = new RawUpstream((line, out, up) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            return true;
        });
        int port = startFront(upstream.origin(), UpstreamSettings.defaults(), HttpLimits.defaults());
        for (int i = 0; i < 20; i++) {
            String path = i % 2 == 0 ? "/buffered/x" : "/stream/x";
            var answer = expert.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("ok");
        }
        assertThat(upstream.requests.get()).isEqualTo(20);
        assertThat(upstream.accepted.get()).isEqualTo(1); // one inbound connection, one loop: one pooled upstream connection
        assertThat(client.connectionsOpened()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void callsGoOutOnTheTransportOfTheInboundLoop(NettyTransport transport) throws Exception {
        assumeTrue(transport != NettyTransport.EPOLL || Epoll.isAvailable(), "epoll's native library does not load on this machine");
        upstream = new RawUpstream((line, out, up) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            return true;
        });
        int port = startFront(upstream.origin(), UpstreamSettings.defaults(), HttpLimits.defaults(), 2, transport);
        for (String path : List.of("/buffered/x", "/stream/x", "/buffered/y")) {
            var answer = expert.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("ok");
        }
        assertThat(front.transport()).isEqualTo(transport);
        assertThat(upstream.requests.get()).isEqualTo(3);
        assertThat(client.connectionsOpened()).isEqualTo(1); // pooled on the inbound loop, whatever its transport
    }

    @Test
    void thePoolIsBoundedPerLoopAndCallsWaitForAFreeConnection() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        upstream = new RawUpstream((line, out, up) -> {
            try {
                release.await(); // hold every answer until all calls are in
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            return true;
        });
        int port = startFront(upstream.origin(), new UpstreamSettings(2, 16, Duration.ofSeconds(60), Duration.ofSeconds(10),
                Duration.ofSeconds(30), UpstreamSettings.trusting()), HttpLimits.defaults(), 1);
        List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // separate client connections, all on the front's one event loop
            HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            calls.add(own.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/buffered/x")).build(), BodyHandlers.ofString()));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (upstream.requests.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling a counter
        }
        assertThat(upstream.requests.get()).isEqualTo(2); // two connections busy, four calls waiting for them
        release.countDown();
        for (var call : calls) {
            assertThat(call.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(upstream.accepted.get()).isEqualTo(2);
        assertThat(upstream.requests.get()).isEqualTo(6);
    }

    @Test
    void aBodilessAnswerIsRelayedWholeAndItsConnectionReused() throws Exception {
        upstream = new RawUpstream((line, out, up) -> {
            out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return true;
        });
        int port = startFront(upstream.origin(), UpstreamSettings.defaults(), HttpLimits.defaults());
        for (int i = 0; i < 3; i++) {
            var answer = expert.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stream/none")).build(), BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(204);
            assertThat(answer.headers().firstValue("transfer-encoding")).isEmpty();
        }
        assertThat(upstream.accepted.get()).isEqualTo(1);
        assertThat(outcomes).containsExactly(StreamRelay.PASSED, StreamRelay.PASSED, StreamRelay.PASSED);
    }

    @Test
    void anUpstreamThatClosesAfterEachAnswerGetsANewConnectionEachTime() throws Exception {
        upstream = new RawUpstream((line, out, up) -> {
            out.write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            return false;
        });
        int port = startFront(upstream.origin(), UpstreamSettings.defaults(), HttpLimits.defaults());
        for (int i = 0; i < 5; i++) {
            var answer = expert.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/buffered/x")).build(), BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
        }
        assertThat(upstream.accepted.get()).isEqualTo(5); // the counter sees every new connection
    }

    @Test
    void anUpstreamClosingMidBodyCutsTheAnswerInsteadOfEndingIt() throws Exception {
        upstream = new RawUpstream((line, out, up) -> {
            if (line.contains("/chunked")) {
                out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 5; i++) {
                    out.write(("4000\r\n").getBytes(StandardCharsets.US_ASCII));
                    up.writeGenerated(out, i * 0x4000L, 0x4000);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            } else {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                up.writeGenerated(out, 0, 100_000);
            }
            return false; // closes with the body unfinished
        });
        int port = startFront(upstream.origin(), UpstreamSettings.defaults(), HttpLimits.defaults());
        for (String path : new String[] {"/stream/length", "/stream/chunked"}) {
            assertThatThrownBy(() -> expert.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    BodyHandlers.ofByteArray())).as(path).isInstanceOf(IOException.class);
        }
        assertThat(outcomes).containsExactly(StreamRelay.ABORTED, StreamRelay.ABORTED);
        var buffered = expert.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/buffered/length")).build(),
                BodyHandlers.ofString());
        assertThat(buffered.statusCode()).isEqualTo(502);
        assertThat(buffered.body()).contains("upstream_unavailable");
    }

    @Test
    void aClosedPortIs502AndTheFrontKeepsServing() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        int port = startFront(new UpstreamOrigin("http", "127.0.0.1", closedPort), UpstreamSettings.defaults(), HttpLimits.defaults());
        for (String path : new String[] {"/buffered/x", "/stream/x"}) {
            var answer = expert.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(502);
            assertThat(answer.body()).contains("upstream_unavailable").doesNotContain(Integer.toString(closedPort));
        }
    }

    @Test
    void aClientThatStopsReadingStopsTheUpstreamInsteadOfFillingMemory() throws Exception {
        long total = 64L << 20;
        upstream = new RawUpstream((line, out, up) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + total + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            up.writeGenerated(out, 0, total);
            return true;
        });
        int port = startFront(upstream.origin(), UpstreamSettings.defaults(), HttpLimits.defaults());
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.getOutputStream().write("GET /stream/big HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200").contains("content-length: " + total);
            // the client reads nothing more: the upstream must come to a stop far short of the body
            long stalled = waitUntilStalled();
            assertThat(stalled).as("bytes the upstream wrote while the client read nothing").isLessThan(24L << 20);
            long received = 0;
            long wrong = 0;
            byte[] buffer = new byte[64 * 1024];
            int n;
            while (received < total && (n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    wrong += buffer[i] == RawUpstream.at(received + i) ? 0 : 1;
                }
                received += n;
            }
            assertThat(received).isEqualTo(total);
            assertThat(wrong).isZero();
        }
        // the upstream counts a write once it returns, which may be after the client read its bytes
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (upstream.bodyBytesWritten.get() < total && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(upstream.bodyBytesWritten.get()).isEqualTo(total);
    }

    @Test
    void aClientThatNeverReadsAgainIsCutAfterTheIdleTimeoutAndTheUpstreamReleased() throws Exception {
        upstream = new RawUpstream((line, out, up) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + (64L << 20) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            up.writeGenerated(out, 0, 64L << 20);
            return true;
        });
        int port = startFront(upstream.origin(), UpstreamSettings.defaults(), HttpLimits.builder().idleTimeout(Duration.ofSeconds(1)).build());
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.getOutputStream().write("GET /stream/big HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            readHead(socket.getInputStream());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (upstream.writeFailures.get() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                Thread.sleep(50); // polling a counter, not ordering a race
            }
            assertThat(upstream.writeFailures.get()).as("the upstream connection was closed under its writer").isEqualTo(1);
        }
        assertThat(outcomes).containsExactly(StreamRelay.CLIENT_GONE);
    }

    @Test
    void httpsUpstreamsAreVerifiedAgainstTheConfiguredCa(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var certs = dev.veil.gateway.http.tls.DevCertificates.of(java.time.Clock.systemUTC(), new java.security.SecureRandom())
                .create(dir, java.util.Optional.empty());
        HttpServer tlsUpstream = HttpServer.builder().listener(ListenerSettings.builder("upstream").host("127.0.0.1").port(0)
                        .tls(dev.veil.gateway.http.TlsSettings.of(certs.serverChain(), certs.serverKey())).build(),
                Routes.builder().add("GET", "/hello", r -> HttpResponse.text(200, "hello over tls")).build()).build().start();
        try {
            UpstreamOrigin origin = new UpstreamOrigin("https", "localhost", tlsUpstream.port("upstream"));
            java.security.cert.X509Certificate ca;
            try (InputStream in = java.nio.file.Files.newInputStream(certs.caCertificate())) {
                ca = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            int trusting = startFront(origin, UpstreamSettings.defaults().withTls(UpstreamSettings.trusting(ca)), HttpLimits.defaults());
            var ok = expert.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + trusting + "/buffered/hello")).build(), BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("hello over tls");
            front.close();
            client.close();
            int defaults = startFront(origin, UpstreamSettings.defaults(), HttpLimits.defaults());
            var refused = expert.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + defaults + "/buffered/hello")).build(), BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(502); // the JDK's CAs do not know the dev CA
            assertThat(refused.body()).contains("upstream_unavailable");
        } finally {
            tlsUpstream.close();
        }
        // hostnames are checked, not only the chain
        assertThat(UpstreamSettings.trusting().newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT, "crm.example", 443)
                .getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    }

    /** A front server whose routes call {@code origin}: {@code /buffered/{p}} collects the answer, {@code /stream/{p}} relays it. */
    private int startFront(UpstreamOrigin origin, UpstreamSettings settings, HttpLimits limits) {
        return startFront(origin, settings, limits, 2);
    }

    private int startFront(UpstreamOrigin origin, UpstreamSettings settings, HttpLimits limits, int ioThreads) {
        return startFront(origin, settings, limits, ioThreads, NettyTransport.choose(NettyTransport.Choice.AUTO));
    }

    private int startFront(UpstreamOrigin origin, UpstreamSettings settings, HttpLimits limits, int ioThreads, NettyTransport transport) {
        client = UpstreamClient.of(settings);
        Routes routes = Routes.builder()
                .add("GET", "/buffered/{p}", request -> HttpResponse.relayed(sink -> client.buffered(sink.eventLoop(),
                        call(origin, request.pathParam("p")), 1 << 20).whenComplete((answer, error) -> {
                            if (error != null) {
                                sink.fail(error.getCause() != null ? error.getCause() : error);
                            } else {
                                sink.respond(HttpResponse.of(answer.status(), "text/plain", answer.body()));
                            }
                        })))
                .add("GET", "/stream/{p}", request -> HttpResponse.relayed(sink -> client.send(sink.eventLoop(), call(origin, request.pathParam("p")),
                        StreamRelay.to(sink, (status, headers) -> Map.of("Content-Type", "application/octet-stream"), outcomes::add, sink::fail))))
                .build();
        front = HttpServer.builder().listener(ListenerSettings.builder("public").host("127.0.0.1").port(0).limits(limits).build(), routes)
                .ioThreads(ioThreads).transport(transport).build().start();
        return front.port("public");
    }

    private static UpstreamRequest call(UpstreamOrigin origin, String path) {
        return new UpstreamRequest(origin, "GET", "/" + path, Map.of(), null, TIMEOUT);
    }

    /** Waits until the upstream's written count stops growing (it is blocked on a full socket), at most 20 s. */
    private long waitUntilStalled() throws InterruptedException {
        long last = -1;
        int still = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            long now = upstream.bodyBytesWritten.get();
            still = now == last ? still + 1 : 0;
            if (still >= 5) {
                return now;
            }
            last = now;
            Thread.sleep(100); // sampling a counter: the assertion is on where it stops, not on timing
        }
        return upstream.bodyBytesWritten.get();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the head ended");
            }
            head.append((char) b);
        }
        return head.toString().toLowerCase(java.util.Locale.ROOT).replace("http/1.1", "HTTP/1.1");
    }
}
