package dev.veil.gateway.http;

import io.netty.handler.ssl.SslContext;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/** What every connection of one listener shares: settings, routes, worker pool, TLS context, counters. */
record ListenerRuntime(
        ListenerSettings settings,
        Routes routes,
        ExecutorService workers,
        SslContext sslContext,
        RequestObserver observer,
        StatusMapper statusMapper,
        AtomicInteger connections) {

    String name() {
        return settings.name();
    }

    HttpLimits limits() {
        return settings.limits();
    }
}
