package dev.veil.bench;

import dev.veil.gateway.http.HttpLimits;
import dev.veil.gateway.http.HttpResponse;
import dev.veil.gateway.http.HttpServer;
import dev.veil.gateway.http.ListenerSettings;
import dev.veil.gateway.http.Routes;
import dev.veil.gateway.http.WorkerPoolSettings;
import dev.veil.gateway.upstream.StreamRelay;
import dev.veil.gateway.upstream.UpstreamClient;
import dev.veil.gateway.upstream.UpstreamOrigin;
import dev.veil.gateway.upstream.UpstreamRequest;
import dev.veil.gateway.upstream.UpstreamSettings;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The proxy routes' transport alone (no auth, no masking), in one run so the figures compare: a
 * call straight to the upstream ({@code direct}, the floor), through a Veil server whose worker
 * thread calls the upstream with a pooled JDK {@code HttpClient} and copies the body from an
 * InputStream ({@code jdk}, how proxy routes worked before), and through a Veil server calling it
 * with the Netty upstream client on the inbound event loop ({@code netty}). {@code body} is the
 * answer's size; a {@code -buffered} path collects it whole first (masked routes) instead of
 * relaying it ({@code direct} has nothing to buffer, so it runs once per size).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Threads(8)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class ProxyBenchmark {

    @Param({"direct", "jdk", "jdk-buffered", "netty", "netty-buffered"})
    public String path;

    @Param({"2048", "1048576"})
    public int body;

    private HttpServer upstream;
    private HttpServer front;
    private UpstreamClient client;
    private HttpClient jdkUpstream;
    private HttpClient caller;
    private URI target;

    @Setup(Level.Trial)
    public void start() {
        byte[] payload = new byte[body];
        java.util.Arrays.fill(payload, (byte) 'x');
        upstream = HttpServer.builder().listener(ListenerSettings.builder("upstream").host("127.0.0.1").port(0).build(),
                Routes.builder().add("GET", "/data", r -> HttpResponse.of(200, "application/octet-stream", payload)).build()).build().start();
        UpstreamOrigin origin = new UpstreamOrigin("http", "127.0.0.1", upstream.port("upstream"));
        URI data = URI.create("http://127.0.0.1:" + upstream.port("upstream") + "/data");
        client = UpstreamClient.of(UpstreamSettings.defaults());
        jdkUpstream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        UpstreamRequest call = new UpstreamRequest(origin, "GET", "/data", Map.of(), null, Duration.ofSeconds(10));
        Routes routes = Routes.builder()
                .add("GET", "/netty", r -> HttpResponse.relayed(sink -> client.send(sink.eventLoop(), call,
                        StreamRelay.to(sink, (s, h) -> Map.of("Content-Type", "application/octet-stream"), o -> { }, sink::fail))))
                .add("GET", "/netty-buffered", r -> HttpResponse.relayed(sink -> client.buffered(sink.eventLoop(), call, 2 << 20)
                        .whenComplete((a, e) -> {
                            if (e != null) {
                                sink.fail(e);
                            } else {
                                sink.respond(HttpResponse.of(a.status(), "application/octet-stream", a.body()));
                            }
                        })))
                .add("GET", "/jdk", r -> {
                    var answer = jdkUpstream.send(HttpRequest.newBuilder(data).build(), BodyHandlers.ofInputStream());
                    long length = answer.headers().firstValueAsLong("Content-Length").orElse(-1);
                    return HttpResponse.streamed(answer.statusCode(), "application/octet-stream", length, answer.body());
                })
                .add("GET", "/jdk-buffered", r -> {
                    var answer = jdkUpstream.send(HttpRequest.newBuilder(data).build(), BodyHandlers.ofInputStream());
                    try (InputStream in = answer.body()) {
                        return HttpResponse.of(answer.statusCode(), "application/octet-stream", in.readNBytes(2 << 20));
                    }
                })
                .build();
        front = HttpServer.builder().listener(ListenerSettings.builder("public").host("127.0.0.1").port(0)
                .limits(HttpLimits.defaults()).workers(WorkerPoolSettings.defaults()).build(), routes).build().start();
        caller = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        target = path.equals("direct") ? data : URI.create("http://127.0.0.1:" + front.port("public") + "/" + path);
    }

    @TearDown(Level.Trial)
    public void stop() {
        front.close();
        client.close();
        upstream.close();
    }

    @Benchmark
    public long call() throws Exception {
        var answer = caller.send(HttpRequest.newBuilder(target).build(), BodyHandlers.ofInputStream());
        long n = 0;
        try (InputStream in = answer.body()) {
            byte[] buffer = new byte[64 * 1024];
            int r;
            while ((r = in.read(buffer)) > 0) {
                n += r;
            }
        }
        if (answer.statusCode() != 200 || n != body) {
            throw new IllegalStateException("a proxied call failed: " + answer.statusCode() + ", " + n + " bytes");
        }
        return n;
    }
}
