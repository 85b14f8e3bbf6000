package dev.veil.gateway.http;

import dev.veil.tokenizer.error.SafeErrors;
import dev.veil.tokenizer.error.VeilException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Routes each received request, runs its handler on the listener's bounded worker pool and writes
 * the answer back on the channel's event loop, one request at a time per connection (reading pauses
 * meanwhile: backpressure for pipelining clients). A full pool is answered 503 {@code overloaded}.
 */
final class RequestDispatcher extends ChannelInboundHandlerAdapter {

    /** How much of a streamed body is read and written at a time. */
    private static final int STREAM_CHUNK = 64 * 1024;

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");
    private static final int MAX_PIPELINED = 16;

    /** How long a refused request's unread body is drained before the connection closes. */
    static final Duration LINGER = Duration.ofSeconds(2);

    private final ListenerRuntime listener;
    private final ArrayDeque<ReceivedRequest> pending = new ArrayDeque<>();

    private ChannelHandlerContext ctx;
    private boolean inFlight;
    private boolean closing;
    /**
     * The answer refuses a request not read whole (a refused body, or one that timed out while
     * arriving): the client may still be sending, so linger before closing (see {@link #lingerThenClose}).
     */
    private boolean unreadRequest;
    private Optional<String> peerSubject;
    /** The relay answering the request in flight, if its answer comes from one. */
    private RelaySink relaySink;

    RequestDispatcher(ListenerRuntime listener) {
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ReceivedRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closing) {
            return;
        }
        if (inFlight) {
            if (pending.size() >= MAX_PIPELINED) {
                closing = true;
                ctx.close();
                return;
            }
            pending.add(request);
            return;
        }
        start(request);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (relaySink != null) {
            relaySink.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (relaySink != null) {
            relaySink.clientClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Connection resets and TLS failures: nothing to answer, and nothing of the cause to log.
        ctx.close();
    }

    /** The request timed out while arriving: answer 408 and close. */
    void timedOut() {
        if (closing) {
            return;
        }
        if (inFlight) {
            ctx.close();
            return;
        }
        inFlight = true;
        unreadRequest = true;
        write(new Exchange(RequestLog.UNMATCHED, "OTHER", System.nanoTime(), 0, false),
                ErrorBodies.response(408, "request_timeout", "the request did not arrive within the time limit of the listener"));
    }

    private void start(ReceivedRequest received) {
        inFlight = true;
        RequestTimeouts timeouts = ctx.pipeline().get(RequestTimeouts.class);
        if (timeouts != null) {
            timeouts.requestReceived();
        }
        ctx.channel().config().setAutoRead(false);
        String method = METHODS.contains(received.method()) ? received.method() : "OTHER";
        if (received.error() != null) {
            unreadRequest = true;
            write(new Exchange(RequestLog.UNMATCHED, method, received.startNanos(), received.body().length, false), received.error());
            return;
        }
        Exchange unrouted = new Exchange(RequestLog.UNMATCHED, method, received.startNanos(), received.body().length, received.keepAlive());
        QueryStringDecoder uri;
        List<String> segments;
        try {
            uri = new QueryStringDecoder(received.uri(), StandardCharsets.UTF_8, true, 256);
            segments = PathSegments.decode(uri.rawPath());
            uri.parameters();
        } catch (IllegalArgumentException e) {
            segments = null;
            uri = null;
        }
        if (segments == null) {
            write(unrouted, ErrorBodies.response(400, "bad_request", "the request target is not a valid path"));
            return;
        }
        Routes.Match match = listener.routes().match(received.method(), segments);
        if (match.handler() == null) {
            if (match.allowed().isEmpty()) {
                write(unrouted, ErrorBodies.response(404, "not_found", "no route matches the path"));
            } else {
                Exchange known = new Exchange(match.pattern(), method, received.startNanos(), received.body().length, received.keepAlive());
                write(known, ErrorBodies.response(405, "method_not_allowed", "the route does not accept this method",
                        Map.of("Allow", String.join(", ", match.allowed()))));
            }
            return;
        }
        Exchange exchange = new Exchange(match.pattern(), method, received.startNanos(), received.body().length, received.keepAlive());
        HttpRequest request = HttpRequest.builder(received.method(), "/" + String.join("/", segments))
                .listener(listener.name())
                .route(match.pattern(), match.pathParams())
                .queryParams(uri.parameters())
                .headers(headers(received))
                .body(received.body())
                .remoteAddress(remoteAddress())
                .peerSubject(peerSubject())
                .build();
        Handler handler = match.handler();
        try {
            listener.workers().execute(() -> {
                HttpResponse response = invoke(handler, request);
                if (response.isRelayed()) {
                    try {
                        ctx.executor().execute(() -> relay(exchange, response.relay()));
                    } catch (RejectedExecutionException e) {
                        // The event loop is shutting down: the connection goes with it.
                    }
                    return;
                }
                if (response.isStreamed()) {
                    stream(exchange, response); // on this worker: reading the body may block
                    return;
                }
                try {
                    ctx.executor().execute(() -> write(exchange, response));
                } catch (RejectedExecutionException e) {
                    // The event loop is shutting down: the connection goes with it.
                }
            });
        } catch (RejectedExecutionException e) {
            long retryAfter = listener.settings().workers().retryAfterSeconds();
            if (listener.workers().isShutdown()) {
                write(exchange.closing(), ErrorBodies.response(503, "shutting_down", "the server is stopping; retry on another instance",
                        Map.of("Retry-After", Long.toString(retryAfter))));
                return;
            }
            write(exchange, ErrorBodies.response(503, "overloaded", "the server is at capacity; retry later",
                    Map.of("Retry-After", Long.toString(retryAfter))));
        }
    }

    private HttpResponse invoke(Handler handler, HttpRequest request) {
        try {
            HttpResponse response = handler.handle(request);
            if (response == null) {
                return ErrorBodies.response(500, SafeErrors.INTERNAL, "the handler returned no response");
            }
            return response;
        } catch (Throwable e) {
            return errorResponse(e);
        }
    }

    /** The JSON error answer for a handler's (or a relay's) exception. */
    private HttpResponse errorResponse(Throwable error) {
        if (error instanceof HttpException e) {
            return ErrorBodies.response(e.status(), e.code(), e.detail(), e.headers());
        }
        if (error instanceof VeilException e) {
            int status = listener.statusMapper().status(e);
            if (status == 503) {
                // a dependency is down (key provider, Vault, a store): say when to come back
                return ErrorBodies.response(503, e.code(), e.detail(), Map.of("Retry-After", Long.toString(retryAfterSeconds(e))));
            }
            return ErrorBodies.response(status >= 400 && status <= 599 ? status : 400, e.code(), e.detail());
        }
        SafeErrors.SafeError safe = SafeErrors.describe(error);
        return ErrorBodies.response(500, safe.code(), safe.detail());
    }

    /** Whole seconds, at least one: a Vault outage's own estimate (its breaker's open time), else one. */
    private static long retryAfterSeconds(VeilException e) {
        if (e instanceof dev.veil.tokenizer.vault.hashicorp.VaultUnavailableException vault) {
            return Math.max(1, (vault.retryAfter().toMillis() + 999) / 1000);
        }
        return 1;
    }

    private void write(Exchange exchange, HttpResponse response) {
        if (!ctx.channel().isActive()) {
            return;
        }
        boolean keepAlive = exchange.keepAlive() && response.status() != 408;
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.bodyUnsafe()));
        setHeaders(out, response.headers(), response.bodyLength(), keepAlive);
        int responseBytes = response.bodyLength();
        ctx.writeAndFlush(out).addListener(future -> completed(exchange, response.status(), responseBytes, keepAlive, future.isSuccess()));
    }

    /**
     * The head every answer carries, whole, streamed or relayed: the handler's headers, the body's
     * length (chunked when it is -1), {@code no-store} unless the handler chose its own
     * Cache-Control, {@code nosniff}, and whether the connection stays open.
     */
    private static void setHeaders(io.netty.handler.codec.http.HttpResponse out, Map<String, String> headers, long length, boolean keepAlive) {
        headers.forEach((name, value) -> out.headers().set(name, value));
        if (length >= 0) {
            out.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        } else {
            out.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        if (!out.headers().contains(HttpHeaderNames.CACHE_CONTROL)) {
            out.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        }
        out.headers().set("X-Content-Type-Options", "nosniff");
        out.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    }

    /**
     * Writes a streamed response from a worker thread: the head, then each chunk as it is read,
     * waiting for each write so at most one chunk is held; a failed read closes the connection.
     */
    private void stream(Exchange exchange, HttpResponse response) {
        boolean keepAlive = exchange.keepAlive();
        io.netty.handler.codec.http.DefaultHttpResponse head = new io.netty.handler.codec.http.DefaultHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()));
        setHeaders(head, response.headers(), response.streamLength(), keepAlive);
        long sent = 0;
        boolean ok = false;
        try (java.io.InputStream in = response.stream()) {
            if (!ctx.channel().isActive() || !ctx.writeAndFlush(head).await().isSuccess()) {
                return;
            }
            byte[] buffer = new byte[STREAM_CHUNK];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (!ctx.writeAndFlush(new io.netty.handler.codec.http.DefaultHttpContent(Unpooled.copiedBuffer(buffer, 0, n))).await().isSuccess()) {
                    return;
                }
                sent += n;
            }
            ok = response.streamLength() < 0 || sent == response.streamLength();
        } catch (java.io.IOException | RuntimeException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        } finally {
            if (!ok) {
                ctx.close(); // the head is out: the client sees a cut body, never a wrong one
            }
        }
        if (ok) {
            long total = sent;
            ctx.writeAndFlush(io.netty.handler.codec.http.LastHttpContent.EMPTY_LAST_CONTENT)
                    .addListener(future -> completed(exchange, response.status(), (int) Math.min(Integer.MAX_VALUE, total), keepAlive, future.isSuccess()));
        }
    }

    /** Starts a relayed answer on the event loop; the relay ends the exchange through its sink. */
    private void relay(Exchange exchange, ResponseRelay relay) {
        RelaySink sink = new RelaySink(exchange);
        relaySink = sink;
        if (!ctx.channel().isActive()) {
            sink.clientClosed();
            return;
        }
        try {
            relay.start(sink);
        } catch (Throwable e) {
            sink.fail(e);
        }
    }

    /**
     * One relayed exchange's view of this connection. A streamed body is cut when the client takes
     * nothing for the listener's idle timeout, so a reader that stalls cannot hold the upstream.
     */
    private final class RelaySink implements ResponseSink {
        private enum State { WAITING, STREAMING, DONE }

        private final Exchange exchange;
        private State state = State.WAITING;
        private int status;
        private long sent;
        private Runnable onWritable = () -> { };
        private Runnable onClosed = () -> { };
        private java.util.concurrent.ScheduledFuture<?> stall;

        RelaySink(Exchange exchange) {
            this.exchange = exchange;
        }

        @Override
        public io.netty.channel.EventLoop eventLoop() {
            return ctx.channel().eventLoop();
        }

        @Override
        public java.util.concurrent.Executor workers() {
            return listener.workers();
        }

        @Override
        public void respond(HttpResponse response) {
            java.util.Objects.requireNonNull(response, "response");
            if (!ctx.executor().inEventLoop()) {
                ctx.executor().execute(() -> respond(response));
                return;
            }
            if (state == State.STREAMING) {
                abort(); // a second answer after a head: the client must not see a mix
                return;
            }
            if (state != State.WAITING) {
                return;
            }
            finish();
            if (response.isStreamed() || response.isRelayed()) {
                RequestDispatcher.this.write(exchange, ErrorBodies.response(500, SafeErrors.INTERNAL, "a relay answered with a streamed response"));
                return;
            }
            RequestDispatcher.this.write(exchange, response);
        }

        @Override
        public void fail(Throwable error) {
            respond(errorResponse(java.util.Objects.requireNonNull(error, "error")));
        }

        @Override
        public boolean head(int status, Map<String, String> headers, long length) {
            if (state != State.WAITING) {
                throw new IllegalStateException("relay: head after the answer started");
            }
            if (!ctx.channel().isActive()) {
                clientClosed();
                return false;
            }
            state = State.STREAMING;
            this.status = status;
            io.netty.handler.codec.http.DefaultHttpResponse out = new io.netty.handler.codec.http.DefaultHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(status));
            setHeaders(out, headers, length, exchange.keepAlive());
            ctx.writeAndFlush(out);
            return true;
        }

        @Override
        public void write(ByteBuf content) {
            if (state != State.STREAMING) {
                content.release();
                return;
            }
            sent += content.readableBytes();
            ctx.writeAndFlush(new io.netty.handler.codec.http.DefaultHttpContent(content));
            if (!ctx.channel().isWritable() && stall == null) {
                long idle = listener.limits().idleTimeout().toNanos();
                stall = ctx.executor().schedule(this::stalled, idle, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public boolean writable() {
            return state == State.STREAMING && ctx.channel().isWritable();
        }

        @Override
        public void end() {
            if (state != State.STREAMING) {
                return;
            }
            finish();
            long total = sent;
            boolean keepAlive = exchange.keepAlive();
            ctx.writeAndFlush(io.netty.handler.codec.http.LastHttpContent.EMPTY_LAST_CONTENT)
                    .addListener(future -> completed(exchange, status, (int) Math.min(Integer.MAX_VALUE, total), keepAlive, future.isSuccess()));
        }

        @Override
        public void abort() {
            if (state == State.DONE) {
                return;
            }
            boolean started = state == State.STREAMING;
            finish();
            closing = true;
            ctx.close();
            if (started) {
                listener.observer().onResponse(new RequestLog(listener.name(), exchange.method(), exchange.route(), status,
                        System.nanoTime() - exchange.startNanos(), exchange.requestBytes(), (int) Math.min(Integer.MAX_VALUE, sent)));
            }
        }

        @Override
        public void onWritable(Runnable listener) {
            onWritable = java.util.Objects.requireNonNull(listener, "listener");
        }

        @Override
        public void onClosed(Runnable listener) {
            onClosed = java.util.Objects.requireNonNull(listener, "listener");
        }

        /** The client took nothing for the idle timeout: cut it, and tell the relay it is gone. */
        private void stalled() {
            stall = null;
            Runnable gone = onClosed;
            abort();
            gone.run();
        }

        void writabilityChanged() {
            if (state == State.STREAMING && ctx.channel().isWritable()) {
                cancelStall();
                onWritable.run();
            }
        }

        void clientClosed() {
            if (state == State.DONE) {
                return;
            }
            finish();
            onClosed.run();
        }

        private void finish() {
            state = State.DONE;
            cancelStall();
            if (relaySink == this) {
                relaySink = null;
            }
        }

        private void cancelStall() {
            if (stall != null) {
                stall.cancel(false);
                stall = null;
            }
        }
    }

    /** After a response is written (on the event loop): log it, then close or take the next request. */
    private void completed(Exchange exchange, int status, int responseBytes, boolean keepAlive, boolean success) {
        listener.observer().onResponse(new RequestLog(listener.name(), exchange.method(), exchange.route(), status,
                System.nanoTime() - exchange.startNanos(), exchange.requestBytes(), responseBytes));
        if (!keepAlive || !success) {
            closing = true;
            if (success && unreadRequest) {
                lingerThenClose();
            } else {
                ctx.close();
            }
            return;
        }
        inFlight = false;
        RequestTimeouts timeouts = ctx.pipeline().get(RequestTimeouts.class);
        if (timeouts != null) {
            timeouts.responded();
        }
        ReceivedRequest next = pending.poll();
        if (next != null) {
            start(next);
        } else {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private static Map<String, List<String>> headers(ReceivedRequest received) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : received.headers()) {
            headers.computeIfAbsent(header.getKey(), k -> new ArrayList<>()).add(header.getValue());
        }
        return headers;
    }

    private InetSocketAddress remoteAddress() {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress address ? address : new InetSocketAddress(0);
    }

    private Optional<String> peerSubject() {
        if (peerSubject == null) {
            peerSubject = Optional.empty();
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            if (ssl != null) {
                try {
                    Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
                    if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                        peerSubject = Optional.of(leaf.getSubjectX500Principal().getName());
                    }
                } catch (SSLPeerUnverifiedException e) {
                    // No client certificate: the handler sees an empty subject.
                }
            }
        }
        return peerSubject;
    }

    /**
     * Closing a socket with request bytes still unread makes the kernel reset the connection, and a
     * client still sending (its body after a refused 413, its headers after a 408) may then lose the
     * answer. So, as Apache's lingering close does: send FIN after the answer, read and drop what
     * still arrives (the body aggregator discards a refused body; after a timeout {@link
     * RequestTimeouts} drops every byte), and close when the client does or after {@link #LINGER}.
     */
    private void lingerThenClose() {
        Channel channel = ctx.channel();
        channel.config().setAutoRead(true);
        if (channel instanceof SocketChannel socket) {
            socket.shutdownOutput();
        }
        ctx.executor().schedule(() -> {
            ctx.close();
        }, LINGER.toMillis(), TimeUnit.MILLISECONDS);
    }

    private record Exchange(String route, String method, long startNanos, long requestBytes, boolean keepAlive) {
        Exchange closing() {
            return new Exchange(route, method, startNanos, requestBytes, false);
        }
    }
}
