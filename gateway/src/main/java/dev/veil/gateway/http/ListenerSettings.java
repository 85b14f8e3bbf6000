package dev.veil.gateway.http;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One listening socket: its name (used in logs and metrics, e.g. {@code public}, {@code admin}),
 * address, limits, worker pool and optional TLS. Port 0 binds an ephemeral port; read the bound one
 * from {@link HttpServer#port(String)}.
 */
public record ListenerSettings(
        String name, String host, int port, HttpLimits limits, WorkerPoolSettings workers, Optional<TlsSettings> tls) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    public ListenerSettings {
        requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: " + name + " (expected: lower case letters, digits, '-' or '_', at most 32)");
        }
        requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        requireNonNull(limits, "limits");
        requireNonNull(workers, "workers");
        requireNonNull(tls, "tls");
    }

    /** A builder for a listener named {@code name}, on 127.0.0.1, an ephemeral port, default limits and no TLS. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds {@link ListenerSettings}. */
    public static final class Builder {
        private final String name;
        private String host = "127.0.0.1";
        private int port;
        private HttpLimits limits = HttpLimits.defaults();
        private WorkerPoolSettings workers;
        private TlsSettings tls;

        private Builder(String name) {
            this.name = requireNonNull(name, "name");
        }

        public Builder host(String host) {
            this.host = requireNonNull(host, "host");
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder limits(HttpLimits limits) {
            this.limits = requireNonNull(limits, "limits");
            return this;
        }

        public Builder workers(WorkerPoolSettings workers) {
            this.workers = requireNonNull(workers, "workers");
            return this;
        }

        public Builder tls(TlsSettings tls) {
            this.tls = requireNonNull(tls, "tls");
            return this;
        }

        public ListenerSettings build() {
            return new ListenerSettings(name, host, port, limits,
                    workers == null ? WorkerPoolSettings.defaults() : workers, Optional.ofNullable(tls));
        }
    }
}
