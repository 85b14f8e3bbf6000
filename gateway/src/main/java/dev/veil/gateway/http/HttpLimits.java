package dev.veil.gateway.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The limits a listener enforces on every connection and request; each one is answered with a JSON
 * error before the work it guards is done.
 *
 * @param maxBodyBytes the largest request body accepted (413 {@code body_too_large})
 * @param maxHeaderBytes the largest header block accepted (431 {@code headers_too_large})
 * @param maxRequestLineBytes the longest request line accepted (414 {@code uri_too_long})
 * @param requestTimeout the time a request may take to arrive, from its first byte to its last (408)
 * @param idleTimeout the longest silence within a request (408) or between requests (quiet close)
 * @param maxConnections the most connections open at once on the listener; more are refused
 */
public record HttpLimits(
        int maxBodyBytes,
        int maxHeaderBytes,
        int maxRequestLineBytes,
        Duration requestTimeout,
        Duration idleTimeout,
        int maxConnections) {

    public HttpLimits {
        positive("maxBodyBytes", maxBodyBytes);
        positive("maxHeaderBytes", maxHeaderBytes);
        positive("maxRequestLineBytes", maxRequestLineBytes);
        positive("maxConnections", maxConnections);
        positive("requestTimeout", requestTimeout);
        positive("idleTimeout", idleTimeout);
    }

    /** 1 MiB bodies, 16 KiB headers, 8 KiB request lines, 30 s per request, 15 s idle, 1024 connections. */
    public static HttpLimits defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this record's values. */
    public Builder toBuilder() {
        return new Builder()
                .maxBodyBytes(maxBodyBytes)
                .maxHeaderBytes(maxHeaderBytes)
                .maxRequestLineBytes(maxRequestLineBytes)
                .requestTimeout(requestTimeout)
                .idleTimeout(idleTimeout)
                .maxConnections(maxConnections);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }

    private static void positive(String name, Duration value) {
        requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }

    /** Builds {@link HttpLimits}; unset values keep their defaults. */
    public static final class Builder {
        private int maxBodyBytes = 1024 * 1024;
        private int maxHeaderBytes = 16 * 1024;
        private int maxRequestLineBytes = 8 * 1024;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(15);
        private int maxConnections = 1024;

        private Builder() {}

        public Builder maxBodyBytes(int value) {
            positive("maxBodyBytes", value);
            this.maxBodyBytes = value;
            return this;
        }

        public Builder maxHeaderBytes(int value) {
            positive("maxHeaderBytes", value);
            this.maxHeaderBytes = value;
            return this;
        }

        public Builder maxRequestLineBytes(int value) {
            positive("maxRequestLineBytes", value);
            this.maxRequestLineBytes = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            positive("requestTimeout", value);
            this.requestTimeout = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            positive("idleTimeout", value);
            this.idleTimeout = value;
            return this;
        }

        public Builder maxConnections(int value) {
            positive("maxConnections", value);
            this.maxConnections = value;
            return this;
        }

        public HttpLimits build() {
            return new HttpLimits(maxBodyBytes, maxHeaderBytes, maxRequestLineBytes, requestTimeout, idleTimeout, maxConnections);
        }
    }
}
