package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** One HTTP listener: address, port ({@code 0}: any free port), connection limit and optional TLS. */
public record ListenerConfig(String host, int port, int maxConnections, Optional<TlsConfig> tls) {

    public ListenerConfig {
        requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host: blank (expected: an address such as 127.0.0.1)");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections: " + maxConnections + " (expected: > 0)");
        }
        requireNonNull(tls, "tls");
    }

    /** A plain-HTTP listener. */
    public static ListenerConfig of(String host, int port, int maxConnections) {
        return new ListenerConfig(host, port, maxConnections, Optional.empty());
    }
}
