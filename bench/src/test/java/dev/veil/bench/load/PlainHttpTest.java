package dev.veil.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fixed-rate generator's transport against the JDK's own HTTP server on loopback. */
class PlainHttpTest {

    private HttpServer server;
    private URI base;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> signatures = new CopyOnWriteArrayList<>();
    /** The client ports the server was reached from: one per connection. */
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fixed", exchange -> answer(exchange, 200, Map.of(), "fixed length"));
        // a response length of 0 makes the JDK's server send the body chunked
        server.createContext("/chunked", exchange -> {
            record(exchange);
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("first chunk".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("second chunk".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/replayed", exchange -> answer(exchange, 200, Map.of("Veil-Replayed", "true"), "{}"));
        server.createContext("/closing", exchange -> answer(exchange, 200, Map.of("Connection", "close"), "{}"));
        server.createContext("/refused", exchange -> answer(exchange, 409, Map.of(), "{\"error\":\"conflict\"}"));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void record(HttpExchange exchange) throws IOException {
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        signatures.add(String.valueOf(exchange.getRequestHeaders().getFirst("Webhook-Signature")));
        clientPorts.add(exchange.getRemoteAddress().getPort());
    }

    private void answer(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        record(exchange);
        headers.forEach(exchange.getResponseHeaders()::add);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] post(URI url, String body) {
        return PlainHttp.post(url, Map.of("Webhook-Signature", "v1,abc"), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void answersWithAndWithoutALengthAreReadToTheirEndOnOneKeptConnection() throws IOException {
        try (PlainHttp http = new PlainHttp(base, 5_000)) {
            for (int round = 0; round < 3; round++) {
                assertThat(http.exchange(post(base.resolve("/fixed"), "{\"n\":" + round + "}")).ok()).isTrue();
                assertThat(http.exchange(post(base.resolve("/chunked"), "{\"c\":" + round + "}")).ok()).isTrue();
            }
        }
        assertThat(bodies).containsExactly("{\"n\":0}", "{\"c\":0}", "{\"n\":1}", "{\"c\":1}", "{\"n\":2}", "{\"c\":2}");
        assertThat(signatures).containsOnly("v1,abc");
        assertThat(clientPorts).hasSize(1);
    }

    @Test
    void aReplayOrANonSuccessStatusIsNoSuccess() throws IOException {
        try (PlainHttp http = new PlainHttp(base, 5_000)) {
            PlainHttp.Answer replayed = http.exchange(post(base.resolve("/replayed"), "{}"));
            PlainHttp.Answer refused = http.exchange(post(base.resolve("/refused"), "{}"));
            assertThat(replayed).isEqualTo(new PlainHttp.Answer(200, true));
            assertThat(replayed.ok()).isFalse();
            assertThat(refused).isEqualTo(new PlainHttp.Answer(409, false));
            assertThat(refused.ok()).isFalse();
        }
    }

    @Test
    void anAnswerThatClosesTheConnectionIsFollowedByANewOne() throws IOException {
        try (PlainHttp http = new PlainHttp(base, 5_000)) {
            assertThat(http.exchange(post(base.resolve("/closing"), "{}")).ok()).isTrue();
            assertThat(http.exchange(post(base.resolve("/fixed"), "{}")).ok()).isTrue();
        }
        assertThat(clientPorts).hasSize(2);
    }

    @Test
    void aStoppedServerIsAnErrorOnEveryExchange() throws IOException {
        try (PlainHttp http = new PlainHttp(base, 5_000)) {
            assertThat(http.exchange(post(base.resolve("/fixed"), "{}")).ok()).isTrue();
            server.stop(0);
            assertThatThrownBy(() -> http.exchange(post(base.resolve("/fixed"), "{}"))).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> http.exchange(post(base.resolve("/fixed"), "{}"))).isInstanceOf(IOException.class);
        }
    }
}
