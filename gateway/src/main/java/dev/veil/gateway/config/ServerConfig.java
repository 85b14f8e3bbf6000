package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.http.NettyTransport;

/**
 * The listeners and the worker pool: the public API listener ({@code server.public}), the admin
 * listener, the number of workers ({@code 0}: sized to the machine), the bounded work queue, and
 * the sockets' transport ({@code auto}: epoll where it loads, else NIO).
 */
public record ServerConfig(ListenerConfig publicListener, ListenerConfig admin, int workers, int queue, NettyTransport.Choice transport) {

    public ServerConfig {
        requireNonNull(publicListener, "publicListener");
        requireNonNull(admin, "admin");
        requireNonNull(transport, "transport");
        if (workers < 0) {
            throw new IllegalArgumentException("workers: " + workers + " (expected: >= 0)");
        }
        if (queue < 1) {
            throw new IllegalArgumentException("queue: " + queue + " (expected: > 0)");
        }
    }

    /** With the transport chosen at start ({@code auto}). */
    public ServerConfig(ListenerConfig publicListener, ListenerConfig admin, int workers, int queue) {
        this(publicListener, admin, workers, queue, NettyTransport.Choice.AUTO);
    }

    /**
     * The worker count to start: {@link #workers()}, or eight per processor (at least 16) when it is
     * 0. Intake spends most of a ticket waiting for fsync, and concurrent tickets share commits:
     * more workers than cores is what lets them.
     */
    public int workerThreads() {
        return workers > 0 ? workers : Math.max(16, 8 * Runtime.getRuntime().availableProcessors());
    }
}
