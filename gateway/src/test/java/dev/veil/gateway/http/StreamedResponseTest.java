package dev.veil.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link HttpResponse#streamed}: a body made as it is read (never whole in memory) reaches the client intact, a chunk at a time. */
@ExtendWith(NettyLeaks.class)
@Timeout(60)
class StreamedResponseTest {

    private static final int TEN_MB = 10 << 20;

    private final List<RequestLog> logs = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void tenGeneratedMegabytesArriveChunkByChunkAndTheConnectionIsReused() throws Exception {
        Generated body = new Generated(TEN_MB, -1);
        int port = start(Routes.builder()
                .add("GET", "/file", request -> HttpResponse.streamed(200, "application/octet-stream", TEN_MB, body))
                .add("GET", "/chunked", request -> HttpResponse.streamed(200, "text/plain", -1, new Generated(100_000, -1)))
                .build());
        var response = client.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/file")).build(),
                BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-length")).contains(Integer.toString(TEN_MB));
        long received = 0;
        long wrong = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    wrong += buffer[i] == Generated.at(received + i) ? 0 : 1;
                }
                received += n;
            }
        }
        assertThat(received).isEqualTo(TEN_MB);
        assertThat(wrong).isZero();
        assertThat(body.largestRead.get()).isPositive().isLessThanOrEqualTo(64 * 1024); // read a chunk at a time
        // the client may have read the last byte before the server's event loop closed the source
        assertThat(body.closed.await(10, TimeUnit.SECONDS)).as("the source closed after the response").isTrue();
        var chunked = client.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/chunked")).build(),
                BodyHandlers.ofByteArray());
        assertThat(chunked.body()).hasSize(100_000);
        assertThat(chunked.headers().firstValue("transfer-encoding")).contains("chunked");
        assertThat(logs).extracting(RequestLog::status).contains(200);
    }

    @Test
    void aBodyThatFailsMidwayCutsTheConnectionInsteadOfEndingCleanly() throws Exception {
        int port = start(Routes.builder()
                .add("GET", "/broken", request -> HttpResponse.streamed(200, "application/octet-stream", 1 << 20, new Generated(1 << 20, 300_000)))
                .build());
        assertThatThrownBy(() -> client.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/broken")).build(),
                BodyHandlers.ofByteArray())).isInstanceOf(IOException.class);
    }

    private int start(Routes routes) {
        ListenerSettings settings = ListenerSettings.builder("public").limits(HttpLimits.builder().maxBodyBytes(1024).build()).build();
        server = HttpServer.builder().listener(settings, routes).observer(logs::add).build().start();
        return server.port("public");
    }

    /** Bytes computed from their position; fails with an IOException at {@code failAt} (unless -1). */
    private static final class Generated extends InputStream {
        final AtomicInteger largestRead = new AtomicInteger();
        /** Counted down when the server closes the source, which it does after the last write, on its own thread. */
        final CountDownLatch closed = new CountDownLatch(1);
        private final long length;
        private final long failAt;
        private long position;

        Generated(long length, long failAt) {
            this.length = length;
            this.failAt = failAt;
        }

        static byte at(long i) {
            return (byte) (i * 31 + (i >>> 11));
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (failAt >= 0 && position >= failAt) {
                throw new IOException("upstream gone");
            }
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = at(position + i);
            }
            position += n;
            largestRead.accumulateAndGet(n, Math::max);
            return n;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
