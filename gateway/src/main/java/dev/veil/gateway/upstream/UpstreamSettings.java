package dev.veil.gateway.upstream;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Limits of the upstream client: at most {@code maxConnections} connections per event loop and
 * origin, at most {@code maxPending} calls waiting for one (then {@code 503 upstream_busy}), each
 * for at most {@code acquireTimeout}; {@code connectTimeout} to connect; pooled connections idle for
 * {@code idleTimeout} are closed; {@code tls} verifies https upstreams (hostnames included).
 */
public record UpstreamSettings(int maxConnections, int maxPending, Duration acquireTimeout, Duration connectTimeout, Duration idleTimeout,
        SslContext tls) {

    public UpstreamSettings {
        requireNonNull(acquireTimeout, "acquireTimeout");
        requireNonNull(connectTimeout, "connectTimeout");
        requireNonNull(idleTimeout, "idleTimeout");
        requireNonNull(tls, "tls");
        if (maxConnections < 1 || maxConnections > 1024) {
            throw new IllegalArgumentException("maxConnections: " + maxConnections + " (expected: 1..1024)");
        }
        if (maxPending < 0 || maxPending > 100_000) {
            throw new IllegalArgumentException("maxPending: " + maxPending + " (expected: 0..100000)");
        }
        for (Duration d : new Duration[] {acquireTimeout, connectTimeout, idleTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts: " + d + " (expected: positive)");
            }
        }
        if (!tls.isClient()) {
            throw new IllegalArgumentException("tls: a server context (expected: a client context)");
        }
    }

    /** 16 connections per event loop and origin, 256 waiting calls, 10 s to connect, 30 s idle; the JDK's trusted CAs. */
    public static UpstreamSettings defaults() {
        return new UpstreamSettings(16, 256, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30), trusting());
    }

    /** These settings with {@code tls} instead. */
    public UpstreamSettings withTls(SslContext tls) {
        return new UpstreamSettings(maxConnections, maxPending, acquireTimeout, connectTimeout, idleTimeout, tls);
    }

    /**
     * A client TLS context that verifies hostnames and trusts {@code roots} when given (a private
     * CA, a test's self-signed certificate), else the JDK's trusted CAs.
     */
    public static SslContext trusting(X509Certificate... roots) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
            if (roots.length > 0) {
                builder.trustManager(roots);
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("upstream TLS: the client context could not be built (" + e.getClass().getSimpleName() + ")");
        }
    }
}
