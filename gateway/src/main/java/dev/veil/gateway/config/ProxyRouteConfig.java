package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One proxy route of a brand: an expert's {@code METHOD /v1/brands/{brand}/proxy/{name}/...} call
 * goes to {@code upstream} (a path under the brand's {@code crm.api.baseUrl}, where the brand's CRM
 * credentials are added) with the rest of the path and the query; the JSON answer is masked by
 * the brand policy's {@code view} (the base policy when empty), at most {@code maxResponseBytes}
 * long, within {@code timeout}. A {@code stream} route's answer is no policy's business (files,
 * public articles): it is copied to the expert as it arrives, unmasked and never whole in memory.
 */
public record ProxyRouteConfig(String name, Set<String> methods, String upstream, Optional<String> view, long maxResponseBytes,
        Duration timeout, boolean stream) {

    /** Route names: one path segment. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** Upstream paths: absolute, plain segments. */
    public static final Pattern UPSTREAM = Pattern.compile("(/[A-Za-z0-9._~:@!$&'()*+,;=-]+)*/?");
    /** The methods a route may allow. */
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /** The largest answer a route masks unless configured. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 1L << 20;
    /** How long the upstream may take unless configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public ProxyRouteConfig {
        requireNonNull(name, "name");
        methods = Set.copyOf(methods);
        requireNonNull(upstream, "upstream");
        requireNonNull(view, "view");
        requireNonNull(timeout, "timeout");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: not a route name (expected: " + NAME.pattern() + ")");
        }
        if (methods.isEmpty() || !METHODS.containsAll(methods)) {
            throw new IllegalArgumentException("methods: (expected: some of " + new java.util.TreeSet<>(METHODS) + ")");
        }
        if (!upstream.startsWith("/") || !UPSTREAM.matcher(upstream).matches()) {
            throw new IllegalArgumentException("upstream: not an absolute path (expected: such as /api/v2/macros)");
        }
        if (stream && view.isPresent()) {
            throw new IllegalArgumentException("view: set on a stream route (expected: one of them; a streamed answer is not masked)");
        }
        if (maxResponseBytes < 1 || maxResponseBytes > 64L << 20) {
            throw new IllegalArgumentException("maxResponseBytes: " + maxResponseBytes + " (expected: 1 to 64MiB)");
        }
    }
}
