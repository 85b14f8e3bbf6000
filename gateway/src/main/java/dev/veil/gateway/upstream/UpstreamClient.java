package dev.veil.gateway.upstream;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.http.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 calls on the caller's event loop, over keep-alive connections pooled per event loop and
 * origin ({@link FixedChannelPool}: at most {@link UpstreamSettings#maxConnections} each), so a call
 * from a connection's loop never hops threads and a pooled connection is only ever touched by its
 * own loop. Thread-safe; {@link #close} closes every pooled connection.
 */
public final class UpstreamClient implements AutoCloseable {

    /** How many calls a pooled connection has carried (a reused one may have been closed by the peer meanwhile). */
    static final AttributeKey<Integer> USES = AttributeKey.valueOf("veil.upstream.uses");

    private final UpstreamSettings settings;
    private final ThreadPoolExecutor resolverThreads;
    private final OffLoopResolver resolver;
    private final Map<PoolKey, FixedChannelPool> pools = new ConcurrentHashMap<>();
    private final AtomicLong connectionsOpened = new AtomicLong();
    private volatile boolean closed;

    private record PoolKey(EventLoop loop, UpstreamOrigin origin) {}

    private UpstreamClient(UpstreamSettings settings) {
        this.settings = settings;
        this.resolverThreads = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
                new DefaultThreadFactory("veil-upstream-dns", true), new ThreadPoolExecutor.AbortPolicy());
        this.resolverThreads.allowCoreThreadTimeOut(true); // nothing lingers once calls stop
        this.resolver = new OffLoopResolver(resolverThreads);
    }

    public static UpstreamClient of(UpstreamSettings settings) {
        return new UpstreamClient(requireNonNull(settings, "settings"));
    }

    /**
     * Sends {@code request} from {@code loop} (the caller's event loop, epoll or NIO; its connections use the same transport) and
     * reports the answer to {@code handler} on that loop. A response timeout runs from the send to
     * the answer's head; after it, a body that stalls for as long (while not paused) fails too.
     */
    public void send(EventLoop loop, UpstreamRequest request, UpstreamHandler handler) {
        requireNonNull(loop, "loop");
        requireNonNull(request, "request");
        requireNonNull(handler, "handler");
        if (!loop.inEventLoop()) {
            loop.execute(() -> send(loop, request, handler));
            return;
        }
        if (closed) {
            handler.failed(UpstreamException.unavailable("the upstream client is closed", true));
            return;
        }
        new UpstreamCall(pool(loop, request.origin()), request, handler, false).start();
    }

    /**
     * Sends {@code request} and collects its answer, at most {@code maxBytes} of body, which must
     * arrive whole within the request's timeout; completes on {@code loop}, exceptionally with an
     * {@link UpstreamException}.
     */
    public CompletableFuture<BufferedAnswer> buffered(EventLoop loop, UpstreamRequest request, int maxBytes) {
        BufferingHandler handler = new BufferingHandler(loop, request, maxBytes);
        send(loop, request, handler);
        return handler.result;
    }

    /** How many upstream connections were opened since start (pooling shows as fewer connections than calls). */
    public long connectionsOpened() {
        return connectionsOpened.get();
    }

    @Override
    public void close() {
        closed = true;
        for (FixedChannelPool pool : pools.values()) {
            try {
                pool.close();
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // its event loop has stopped already, and closed its connections with it
            }
        }
        pools.clear();
        resolverThreads.shutdownNow();
    }

    private FixedChannelPool pool(EventLoop loop, UpstreamOrigin origin) {
        return pools.computeIfAbsent(new PoolKey(loop, origin), key -> {
            Bootstrap bootstrap = new Bootstrap()
                    .group(loop)
                    .channel(NettyTransport.of(loop).socketChannel())
                    .resolver(resolver)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
                    .option(ChannelOption.TCP_NODELAY, true)
                    .remoteAddress(InetSocketAddress.createUnresolved(origin.host(), origin.port()));
            return new FixedChannelPool(bootstrap, new Pipeline(origin), ChannelHealthChecker.ACTIVE,
                    FixedChannelPool.AcquireTimeoutAction.FAIL, settings.acquireTimeout().toMillis(), settings.maxConnections(),
                    Math.max(1, settings.maxPending()), true, true);
        });
    }

    /** Each new connection's pipeline: TLS (SNI and hostname checked), the HTTP codec, an idle timer and the idle guard. */
    private final class Pipeline extends AbstractChannelPoolHandler {
        private final UpstreamOrigin origin;

        Pipeline(UpstreamOrigin origin) {
            this.origin = origin;
        }

        @Override
        public void channelCreated(Channel ch) {
            connectionsOpened.incrementAndGet();
            ch.attr(USES).set(0);
            if (origin.secure()) {
                SslHandler ssl = settings.tls().newHandler(ch.alloc(), origin.host(), origin.port());
                ssl.setHandshakeTimeoutMillis(settings.connectTimeout().toMillis());
                ch.pipeline().addLast("tls", ssl);
            }
            ch.pipeline().addLast("codec", new HttpClientCodec(new HttpDecoderConfig()
                    .setMaxInitialLineLength(8192).setMaxHeaderSize(32 * 1024).setMaxChunkSize(64 * 1024), false, false));
            ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
            ch.pipeline().addLast(UpstreamCall.GUARD, new IdleGuard());
        }

        @Override
        public void channelReleased(Channel ch) {
            ch.config().setAutoRead(true); // so a peer's close of an idle connection is seen
        }
    }

    /**
     * Last in the pipeline: while no call uses the connection, anything the peer sends is a protocol
     * error and an idle timeout ends the connection (a call in progress consumes both before this).
     */
    static final class IdleGuard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** A whole answer: status, headers and body. */
    public record BufferedAnswer(int status, HttpHeaders headers, byte[] body) {}

    /** Collects an answer up to a limit; the whole of it must arrive within the request's timeout. */
    private static final class BufferingHandler implements UpstreamHandler {
        final CompletableFuture<BufferedAnswer> result = new CompletableFuture<>();
        private final EventLoop loop;
        private final UpstreamRequest request;
        private final int maxBytes;
        private CompositeByteBuf body;
        private int status;
        private HttpHeaders headers;
        private UpstreamBody control;
        private io.netty.util.concurrent.ScheduledFuture<?> deadline;

        BufferingHandler(EventLoop loop, UpstreamRequest request, int maxBytes) {
            this.loop = loop;
            this.request = request;
            this.maxBytes = maxBytes;
        }

        @Override
        public void head(int status, HttpHeaders headers, UpstreamBody body) {
            this.status = status;
            this.headers = headers;
            this.control = body;
            this.body = io.netty.buffer.ByteBufAllocator.DEFAULT.compositeBuffer(Integer.MAX_VALUE);
            // the head came in time; the body must follow within the same timeout
            deadline = loop.schedule(() -> fail(UpstreamException.timeout("the upstream's answer did not arrive within "
                    + request.timeout().toMillis() + " ms", false)), request.timeout().toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void content(ByteBuf chunk) {
            if (result.isDone()) {
                chunk.release();
                return;
            }
            if ((long) body.readableBytes() + chunk.readableBytes() > maxBytes) {
                chunk.release();
                fail(UpstreamException.tooLarge(maxBytes));
                return;
            }
            body.addComponent(true, chunk);
        }

        @Override
        public void end() {
            if (result.isDone()) {
                return;
            }
            cancelDeadline();
            byte[] bytes = new byte[body.readableBytes()];
            body.readBytes(bytes);
            body.release();
            body = null;
            result.complete(new BufferedAnswer(status, headers, bytes));
        }

        @Override
        public void failed(UpstreamException error) {
            cancelDeadline();
            releaseBody();
            result.completeExceptionally(error);
        }

        private void fail(UpstreamException error) {
            if (result.isDone()) {
                return;
            }
            control.cancel();
            failed(error);
        }

        private void cancelDeadline() {
            if (deadline != null) {
                deadline.cancel(false);
            }
        }

        private void releaseBody() {
            if (body != null) {
                body.release();
                body = null;
            }
        }
    }
}
