package dev.veil.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.error.VeilException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The codec, aggregator and dispatcher on an {@link EmbeddedChannel}: routing, limits and error mapping. */
@ExtendWith(NettyLeaks.class)
class PipelineTest {

    private static final String SECRET = "4111111111111111";

    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<HttpRequest> seen = new AtomicReference<>();

    private final Routes routes = Routes.builder()
            .add("POST", "/v1/brands/{brand}/tickets", request -> {
                calls.incrementAndGet();
                seen.set(request);
                return HttpResponse.json(202, Map.of("brand", request.pathParam("brand"), "bytes", request.bodyLength()));
            })
            .add("GET", "/v1/tickets/{id}", request -> {
                calls.incrementAndGet();
                return HttpResponse.text(200, request.pathParam("id"));
            })
            .add("GET", "/v1/tickets/stats", request -> HttpResponse.text(200, "stats"))
            .add("GET", "/boom/http", request -> {
                throw new HttpException(409, "already_claimed", "the ticket has another claimant");
            })
            .add("GET", "/boom/veil", request -> {
                throw new Refused();
            })
            .add("GET", "/boom/other", request -> {
                throw new IllegalStateException("card " + SECRET);
            })
            .build();

    private static final class Refused extends VeilException {
        Refused() {
            super("policy_refused", "the document does not validate against the policy");
        }
    }

    private EmbeddedChannel channel(HttpLimits limits, ExecutorService workers, StatusMapper mapper) {
        ListenerRuntime runtime = new ListenerRuntime(ListenerSettings.builder("public").limits(limits).build(), routes, workers,
                null, RequestObserver.none(), mapper, new AtomicInteger());
        return new EmbeddedChannel(
                new HttpServerCodec(new HttpDecoderConfig().setMaxHeaderSize(limits.maxHeaderBytes())
                        .setMaxInitialLineLength(limits.maxRequestLineBytes())),
                new BodyAggregator(limits),
                new RequestDispatcher(runtime));
    }

    private EmbeddedChannel channel(HttpLimits limits) {
        return channel(limits, new Inline(), StatusMapper.defaults());
    }

    private static String exchange(EmbeddedChannel ch, String raw) {
        ch.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
        ch.runPendingTasks();
        StringBuilder out = new StringBuilder();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) o;
            out.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return out.toString();
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void routesWithPathParamsAndCaseInsensitiveHeaders() {
        EmbeddedChannel ch = channel(HttpLimits.defaults());
        String response = exchange(ch, "POST /v1/brands/ac%20me/tickets?x=1&x=2 HTTP/1.1\r\nHost: a\r\nX-Trace: t1\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(response).startsWith("HTTP/1.1 202 Accepted").containsIgnoringCase("content-type: application/json")
                .containsIgnoringCase("cache-control: no-store").containsIgnoringCase("connection: keep-alive");
        assertThat(Json.parse(body(response)).get("brand").asText()).isEqualTo("ac me");
        HttpRequest request = seen.get();
        assertThat(request.header("x-trace")).contains("t1");
        assertThat(request.header("X-TRACE")).contains("t1");
        assertThat(request.queryParams().get("x")).containsExactly("1", "2");
        assertThat(request.bodyUtf8()).isEqualTo("hello");
        assertThat(request.route()).isEqualTo("/v1/brands/{brand}/tickets");
        assertThat(ch.isActive()).isTrue();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aLiteralSegmentWinsOverAParameter() {
        EmbeddedChannel ch = channel(HttpLimits.defaults());
        assertThat(body(exchange(ch, "GET /v1/tickets/stats HTTP/1.1\r\nHost: a\r\n\r\n"))).isEqualTo("stats");
        assertThat(body(exchange(ch, "GET /v1/tickets/t%2F1 HTTP/1.1\r\nHost: a\r\n\r\n"))).isEqualTo("t/1");
        ch.finishAndReleaseAll();
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405WithAllow() {
        EmbeddedChannel ch = channel(HttpLimits.defaults());
        String notFound = exchange(ch, "GET /v1/nothing/jane@example.com?email=jane@example.com HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(notFound).startsWith("HTTP/1.1 404");
        assertThat(Json.errorCode(body(notFound))).isEqualTo("not_found");
        assertThat(notFound).doesNotContain("jane");
        String wrong = exchange(ch, "DELETE /v1/tickets/7 HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(wrong).startsWith("HTTP/1.1 405").containsIgnoringCase("allow: GET");
        assertThat(Json.errorCode(body(wrong))).isEqualTo("method_not_allowed");
        assertThat(calls).hasValue(0);
        ch.finishAndReleaseAll();
    }

    @Test
    void declaredBodyOverTheLimitIs413BeforeAnyByteIsReadOrContinueSent() {
        EmbeddedChannel ch = channel(HttpLimits.builder().maxBodyBytes(8).build());
        String response = exchange(ch, "POST /v1/brands/acme/tickets HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 9\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 413").doesNotContain("100 Continue").containsIgnoringCase("connection: close");
        assertThat(Json.errorCode(body(response))).isEqualTo("body_too_large");
        assertThat(calls).hasValue(0);
        // the unread body is drained for a moment (lingering close), then the connection closes
        assertThat(ch.isActive()).isTrue();
        ch.advanceTimeBy(RequestDispatcher.LINGER.toMillis() + 1, java.util.concurrent.TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void aRequestThatRunsOutOfTimeWhileArrivingIs408AndWhatTheClientStillSendsIsDroppedWhileTheConnectionLingers() {
        HttpLimits limits = HttpLimits.builder().requestTimeout(java.time.Duration.ofMillis(300)).idleTimeout(java.time.Duration.ofSeconds(30)).build();
        ListenerRuntime runtime = new ListenerRuntime(ListenerSettings.builder("public").limits(limits).build(), routes, new Inline(),
                null, RequestObserver.none(), StatusMapper.defaults(), new AtomicInteger());
        AtomicInteger decoded = new AtomicInteger(); // bytes that passed the timeouts to the HTTP codec
        EmbeddedChannel ch = new EmbeddedChannel(new RequestTimeouts(limits), new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                decoded.addAndGet(((ByteBuf) msg).readableBytes());
                ctx.fireChannelRead(msg);
            }
        }, new HttpServerCodec(), new BodyAggregator(limits), new RequestDispatcher(runtime));
        assertThat(exchange(ch, "POST /v1/brands/acme/tickets HTTP/1.1\r\nHost: a\r\nX-Slow: aaa")).isEmpty();

        ch.advanceTimeBy(301, java.util.concurrent.TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        String response = exchange(ch, "");
        int decodedBeforeTheAnswer = decoded.get();
        // the client, still sending, would lose the answer to a reset if the connection closed with its bytes unread
        String after = exchange(ch, "aaaa\r\n\r\nGET /healthz HTTP/1.1\r\nHost: a\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 408").containsIgnoringCase("connection: close");
        assertThat(Json.errorCode(body(response))).isEqualTo("request_timeout");
        assertThat(after).as("what arrived after the answer is dropped").isEmpty();
        assertThat(decoded.get()).as("... before the HTTP codec: nothing parsed or buffered").isEqualTo(decodedBeforeTheAnswer);
        assertThat(ch.isActive()).as("lingering").isTrue();
        ch.advanceTimeBy(RequestDispatcher.LINGER.toMillis() + 1, java.util.concurrent.TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isFalse();
        assertThat(calls).hasValue(0);
        ch.finishAndReleaseAll();
    }

    @Test
    void expectContinueWithinTheLimitGets100ThenTheAnswer() {
        EmbeddedChannel ch = channel(HttpLimits.builder().maxBodyBytes(8).build());
        String interim = exchange(ch, "POST /v1/brands/acme/tickets HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 8\r\n\r\n");
        assertThat(interim).startsWith("HTTP/1.1 100 Continue").doesNotContain("202");
        String response = exchange(ch, "12345678");
        assertThat(response).startsWith("HTTP/1.1 202");
        assertThat(calls).hasValue(1);
        ch.finishAndReleaseAll();
    }

    @Test
    void anUnknownExpectationIs417() {
        EmbeddedChannel ch = channel(HttpLimits.defaults());
        String response = exchange(ch, "POST /v1/brands/acme/tickets HTTP/1.1\r\nHost: a\r\nExpect: teapot\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(response).startsWith("HTTP/1.1 417");
        assertThat(Json.errorCode(body(response))).isEqualTo("expectation_failed");
        assertThat(calls).hasValue(0);
        ch.finishAndReleaseAll();
    }

    @Test
    void chunkedBodyGrowingPastTheLimitIs413() {
        EmbeddedChannel ch = channel(HttpLimits.builder().maxBodyBytes(8).build());
        String response = exchange(ch, "POST /v1/brands/acme/tickets HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n" + SECRET.substring(0, 5) + "\r\n5\r\n" + SECRET.substring(5, 10) + "\r\n0\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 413").doesNotContain(SECRET.substring(0, 5));
        assertThat(Json.errorCode(body(response))).isEqualTo("body_too_large");
        assertThat(calls).hasValue(0);
        ch.finishAndReleaseAll();
    }

    @Test
    void oversizedHeadersAre431() {
        EmbeddedChannel ch = channel(HttpLimits.builder().maxHeaderBytes(256).build());
        String response = exchange(ch, "GET /v1/tickets/1 HTTP/1.1\r\nHost: a\r\nX-Big: " + "a".repeat(400) + "\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 431");
        assertThat(Json.errorCode(body(response))).isEqualTo("headers_too_large");
        assertThat(calls).hasValue(0);
        ch.finishAndReleaseAll();
    }

    @Test
    void aLongRequestLineIs414() {
        EmbeddedChannel ch = channel(HttpLimits.builder().maxRequestLineBytes(64).build());
        String response = exchange(ch, "GET /v1/tickets/" + "1".repeat(100) + " HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 414");
        assertThat(Json.errorCode(body(response))).isEqualTo("uri_too_long");
        ch.finishAndReleaseAll();
    }

    @Test
    void malformedRequestsAre400() {
        for (String raw : List.of(
                "GET /v1/tickets/1 HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n",
                "POST /v1/brands/a/tickets HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "GET /v1/tickets/%E0%A4%A HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET /v1/tickets/%C3%28 HTTP/1.1\r\nHost: a\r\n\r\n")) {
            EmbeddedChannel ch = channel(HttpLimits.defaults());
            String response = exchange(ch, raw);
            assertThat(response).as(raw).startsWith("HTTP/1.1 400");
            assertThat(Json.errorCode(body(response))).isEqualTo("bad_request");
            ch.finishAndReleaseAll();
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void exceptionsBecomeJsonErrorsWithoutTheirMessages() {
        EmbeddedChannel ch = channel(HttpLimits.defaults());
        String http = exchange(ch, "GET /boom/http HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(http).startsWith("HTTP/1.1 409");
        assertThat(Json.errorCode(body(http))).isEqualTo("already_claimed");
        String veil = exchange(ch, "GET /boom/veil HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(veil).startsWith("HTTP/1.1 400");
        assertThat(Json.errorCode(body(veil))).isEqualTo("policy_refused");
        String other = exchange(ch, "GET /boom/other HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(other).startsWith("HTTP/1.1 500").doesNotContain(SECRET);
        assertThat(Json.errorCode(body(other))).isEqualTo("internal_error");
        assertThat(Json.parse(body(other)).get("detail").asText()).contains("IllegalStateException");
        ch.finishAndReleaseAll();
    }

    @Test
    void theStatusMapperIsPluggable() {
        EmbeddedChannel ch = channel(HttpLimits.defaults(), new Inline(), StatusMapper.of(Refused.class, 422).orElse(StatusMapper.defaults()));
        assertThat(exchange(ch, "GET /boom/veil HTTP/1.1\r\nHost: a\r\n\r\n")).startsWith("HTTP/1.1 422");
        assertThat(exchange(ch, "GET /boom/http HTTP/1.1\r\nHost: a\r\n\r\n")).startsWith("HTTP/1.1 409");
        ch.finishAndReleaseAll();
    }

    @Test
    void aFullWorkerPoolIs503WithRetryAfter() {
        EmbeddedChannel ch = channel(HttpLimits.defaults(), new Inline() {
            @Override
            public void execute(Runnable command) {
                throw new RejectedExecutionException("full");
            }
        }, StatusMapper.defaults());
        String response = exchange(ch, "GET /v1/tickets/1 HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 503").containsIgnoringCase("retry-after: 1");
        assertThat(Json.errorCode(body(response))).isEqualTo("overloaded");
        assertThat(calls).hasValue(0);
        ch.finishAndReleaseAll();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        EmbeddedChannel ch = channel(HttpLimits.defaults());
        String both = exchange(ch, "GET /v1/tickets/first HTTP/1.1\r\nHost: a\r\n\r\nGET /v1/tickets/second HTTP/1.1\r\nHost: a\r\n\r\n");
        ch.runPendingTasks();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) o;
            both += buf.toString(StandardCharsets.UTF_8);
            buf.release();
        }
        assertThat(both.indexOf("first")).isPositive().isLessThan(both.indexOf("second"));
        ch.finishAndReleaseAll();
    }

    /** Runs handlers on the calling thread, so the embedded event loop sees everything. */
    private static class Inline extends AbstractExecutorService {
        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {}

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
