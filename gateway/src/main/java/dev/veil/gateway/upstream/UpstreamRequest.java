package dev.veil.gateway.upstream;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * One call: method and request target (path and query, already encoded) at an origin, the headers
 * to send (besides {@code Host} and {@code Content-Length}, which the client sets), an optional
 * body, and how long the upstream may take to answer.
 */
public record UpstreamRequest(UpstreamOrigin origin, String method, String target, Map<String, String> headers, byte[] body,
        Duration timeout) {

    /** Methods retried once on a fresh connection when a reused one turns out closed before any answer byte. */
    static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    public UpstreamRequest {
        requireNonNull(origin, "origin");
        requireNonNull(method, "method");
        requireNonNull(target, "target");
        headers = Map.copyOf(headers);
        requireNonNull(timeout, "timeout");
        if (!target.startsWith("/") || target.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("target: not an encoded absolute path (expected: such as /api/v2/tickets?x=1)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: positive)");
        }
    }

    /** Whether repeating the call cannot change its effect. */
    boolean idempotent() {
        return IDEMPOTENT.contains(method);
    }
}
