package dev.veil.gateway.server;

import dev.veil.gateway.config.ListenerConfig;
import dev.veil.gateway.config.TlsConfig;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.http.HttpLimits;
import dev.veil.gateway.http.ListenerSettings;
import dev.veil.gateway.http.TlsSettings;
import dev.veil.gateway.http.WorkerPoolSettings;

/** Turns {@code server:} and {@code limits:} of {@code veil.yaml} into the HTTP layer's listener settings. */
final class Listeners {

    private Listeners() {}

    static ListenerSettings settings(String name, ListenerConfig listener, VeilConfig config) {
        HttpLimits limits = HttpLimits.builder()
                .maxBodyBytes((int) Math.min(Integer.MAX_VALUE - 1, config.limits().maxBodyBytes()))
                .maxHeaderBytes(config.limits().maxHeaderBytes())
                .requestTimeout(config.limits().requestTimeout())
                .idleTimeout(config.limits().idleTimeout())
                .maxConnections(listener.maxConnections())
                .build();
        ListenerSettings.Builder builder = ListenerSettings.builder(name)
                .host(listener.host())
                .port(listener.port())
                .limits(limits)
                .workers(WorkerPoolSettings.of(config.server().workerThreads(), config.server().queue()));
        listener.tls().ifPresent(tls -> builder.tls(tls(tls)));
        return builder.build();
    }

    private static TlsSettings tls(TlsConfig tls) {
        TlsSettings settings = TlsSettings.of(tls.cert(), tls.key());
        return switch (tls.clientAuth()) {
            case NONE -> settings;
            case OPTIONAL -> settings.withClientAuth(TlsSettings.ClientAuth.OPTIONAL, tls.clientCa().orElseThrow());
            case REQUIRE -> settings.withClientAuth(TlsSettings.ClientAuth.REQUIRE, tls.clientCa().orElseThrow());
        };
    }
}
