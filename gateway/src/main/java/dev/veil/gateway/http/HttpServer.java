package dev.veil.gateway.http;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Veil's HTTP/1.1 server: one or more named listeners (public API, admin API), each with its own
 * routes, limits, TLS and bounded worker pool, on shared event loops that never block (epoll where
 * it loads, else NIO: {@link NettyTransport}).
 *
 * <pre>{@code
 * HttpServer server = HttpServer.builder()
 *         .listener(ListenerSettings.builder("public").port(8080).build(), publicRoutes)
 *         .listener(ListenerSettings.builder("admin").port(8081).build(), adminRoutes)
 *         .observer(JsonAccessLog.to(System.out, Clock.systemUTC()))
 *         .build()
 *         .start();
 * }</pre>
 */
public final class HttpServer implements AutoCloseable {

    private final Map<String, Listener> listeners;
    private final RequestObserver observer;
    private final StatusMapper statusMapper;
    private final int ioThreads;
    private final NettyTransport transport;

    private final Map<String, ListenerRuntime> runtimes = new LinkedHashMap<>();
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private EventLoopGroup boss;
    private EventLoopGroup io;
    private boolean started;
    private boolean stopped;

    private HttpServer(Builder b) {
        this.listeners = Map.copyOf(b.listeners);
        this.observer = b.observer;
        this.statusMapper = b.statusMapper;
        this.ioThreads = b.ioThreads;
        this.transport = b.transport;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds every listener; on any failure, nothing stays bound. */
    public synchronized HttpServer start() {
        if (started) {
            throw new IllegalStateException("server: already started");
        }
        started = true;
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("veil-accept", true), transport.newHandlers());
        io = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("veil-io", true), transport.newHandlers());
        try {
            for (Listener listener : listeners.values()) {
                bind(listener);
            }
        } catch (RuntimeException e) {
            stop(Duration.ZERO);
            throw e;
        }
        return this;
    }

    private void bind(Listener listener) {
        ListenerSettings settings = listener.settings();
        ListenerRuntime runtime = new ListenerRuntime(settings, listener.routes(), workers(settings),
                settings.tls().map(tls -> TlsContexts.server(settings.name(), tls)).orElse(null),
                observer, statusMapper, new AtomicInteger());
        runtimes.put(settings.name(), runtime);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, io)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new VeilChannelInitializer(runtime));
        try {
            Channel channel = bootstrap.bind(settings.host(), settings.port()).sync().channel();
            channels.put(settings.name(), channel);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ServerException("listener_bind_failed", "listener " + settings.name() + ": cannot bind "
                    + settings.host() + ":" + settings.port() + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static ExecutorService workers(ListenerSettings settings) {
        WorkerPoolSettings pool = settings.workers();
        // Bounded queue and abort policy: a full pool is answered 503, never queued without end.
        return new ThreadPoolExecutor(pool.threads(), pool.threads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(pool.queueCapacity()),
                new DefaultThreadFactory("veil-" + settings.name() + "-worker", true),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** The transport the server's sockets run on. */
    public NettyTransport transport() {
        return transport;
    }

    /** The bound address of listener {@code name}. */
    public synchronized InetSocketAddress address(String name) {
        Channel channel = channels.get(requireNonNull(name, "name"));
        if (channel == null) {
            throw new IllegalArgumentException("listener: " + name + " (expected: one of " + listeners.keySet() + ", started)");
        }
        return (InetSocketAddress) channel.localAddress();
    }

    /** The bound port of listener {@code name}: the real one when the settings said 0. */
    public int port(String name) {
        return address(name).getPort();
    }

    /**
     * Stops accepting, lets handlers already running finish and their answers go out for up to
     * {@code grace}, then closes every connection and thread.
     */
    public synchronized void stop(Duration grace) {
        requireNonNull(grace, "grace");
        if (stopped || !started) {
            stopped = true;
            return;
        }
        stopped = true;
        for (Channel channel : channels.values()) {
            channel.close().syncUninterruptibly();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (ListenerRuntime runtime : runtimes.values()) {
            runtime.workers().shutdown();
        }
        try {
            for (ListenerRuntime runtime : runtimes.values()) {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!runtime.workers().awaitTermination(left, TimeUnit.NANOSECONDS)) {
                    runtime.workers().shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Answers of finished handlers are queued on the event loops: let them run before loops close channels.
        for (io.netty.util.concurrent.EventExecutor loop : io) {
            loop.submit(() -> { }).awaitUninterruptibly(Math.max(1, Math.max(0, deadline - System.nanoTime()) / 1_000_000));
        }
        long quiet = Math.min(grace.toMillis(), 100);
        long timeout = Math.max(grace.toMillis(), quiet);
        List<io.netty.util.concurrent.Future<?>> shutdowns = new ArrayList<>();
        shutdowns.add(io.shutdownGracefully(quiet, timeout, TimeUnit.MILLISECONDS));
        shutdowns.add(boss.shutdownGracefully(0, timeout, TimeUnit.MILLISECONDS));
        for (io.netty.util.concurrent.Future<?> shutdown : shutdowns) {
            shutdown.syncUninterruptibly();
        }
    }

    /** {@link #stop(Duration)} with five seconds of grace. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    private record Listener(ListenerSettings settings, Routes routes) {}

    /** Builds an {@link HttpServer}. */
    public static final class Builder {
        private final Map<String, Listener> listeners = new LinkedHashMap<>();
        private RequestObserver observer = RequestObserver.none();
        private StatusMapper statusMapper = StatusMapper.defaults();
        private int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private NettyTransport transport;

        private Builder() {}

        /** Adds a listener with its routes; names must be unique. */
        public Builder listener(ListenerSettings settings, Routes routes) {
            requireNonNull(settings, "settings");
            requireNonNull(routes, "routes");
            if (listeners.containsKey(settings.name())) {
                throw new IllegalArgumentException("listener: " + settings.name() + " (expected: each name once)");
            }
            listeners.put(settings.name(), new Listener(settings, routes));
            return this;
        }

        /** Told about every response; see {@link RequestObserver#all(List)} to attach several. */
        public Builder observer(RequestObserver observer) {
            this.observer = requireNonNull(observer, "observer");
            return this;
        }

        /** Chooses the status of VeilExceptions that are not {@link HttpException}s (default: 400). */
        public Builder statusMapper(StatusMapper statusMapper) {
            this.statusMapper = requireNonNull(statusMapper, "statusMapper");
            return this;
        }

        /** Event-loop threads shared by all listeners (default: one per core, at least two). */
        public Builder ioThreads(int ioThreads) {
            if (ioThreads <= 0) {
                throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: > 0)");
            }
            this.ioThreads = ioThreads;
            return this;
        }

        /** The sockets' transport (default: {@code NettyTransport.choose(Choice.AUTO)}, epoll where it loads). */
        public Builder transport(NettyTransport transport) {
            this.transport = requireNonNull(transport, "transport");
            return this;
        }

        public HttpServer build() {
            if (listeners.isEmpty()) {
                throw new IllegalStateException("listeners: none (expected: at least one)");
            }
            if (transport == null) {
                transport = NettyTransport.choose(NettyTransport.Choice.AUTO);
            }
            return new HttpServer(this);
        }
    }
}
