package dev.veil.tokenizer.vault.hashicorp;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How Veil talks to HashiCorp Vault: address, namespace and login; the resilience limits (timeout
 * per call, bounded retries with exponential backoff, circuit breaker, at most so many calls in
 * flight); where Transit and KV v2 are mounted and the path prefix Veil owns in KV; and the
 * data-key cache (how long and how many unwrapped keys stay in memory; {@code cacheMaxEntries} 0
 * turns it off). Build one with {@link #builder(URI, VaultAuth)}.
 */
public record VaultSettings(URI address, Optional<String> namespace, VaultAuth auth, Duration timeout, int maxRetries,
        Duration initialBackoff, Duration maxBackoff, int breakerFailures, Duration breakerOpenFor, int maxConcurrent,
        String transitMount, String kvMount, String prefix, Duration cacheTtl, int cacheMaxEntries) {

    private static final Pattern MOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}(/[A-Za-z0-9][A-Za-z0-9._-]{0,63}){0,3}");

    public VaultSettings {
        requireNonNull(address, "address");
        requireNonNull(namespace, "namespace");
        requireNonNull(auth, "auth");
        positive(timeout, "timeout");
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries: " + maxRetries + " (expected: 0 to 10)");
        }
        positive(initialBackoff, "initialBackoff");
        positive(maxBackoff, "maxBackoff");
        if (breakerFailures < 1) {
            throw new IllegalArgumentException("breakerFailures: " + breakerFailures + " (expected: >= 1)");
        }
        positive(breakerOpenFor, "breakerOpenFor");
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent: " + maxConcurrent + " (expected: >= 1)");
        }
        mount(transitMount, "transitMount");
        mount(kvMount, "kvMount");
        mount(prefix, "prefix");
        requireNonNull(cacheTtl, "cacheTtl");
        if (cacheTtl.isNegative() || cacheMaxEntries < 0) {
            throw new IllegalArgumentException("cache: negative (expected: cacheTtl >= 0, cacheMaxEntries >= 0)");
        }
        String scheme = address.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("address: scheme " + scheme + " (expected: http or https)");
        }
    }

    private static void positive(Duration d, String name) {
        requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }

    private static void mount(String value, String name) {
        requireNonNull(value, name);
        if (!MOUNT.matcher(value).matches()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: path segments of letters, digits and . _ -)");
        }
    }

    /** Whether unwrapped keys are cached at all. */
    public boolean cacheEnabled() {
        return cacheMaxEntries > 0 && !cacheTtl.isZero();
    }

    /** Settings with Veil's defaults: 2 s timeout, 2 retries from 50 ms up to 1 s, breaker 5 failures / 10 s, 64 in flight, {@code transit}, {@code secret}, {@code veil}, cache 5 min / 1,000 keys. */
    public static Builder builder(URI address, VaultAuth auth) {
        return new Builder(address, auth);
    }

    /** A copy with another cache size and time (the benchmark compares cache on and off). */
    public VaultSettings withCache(Duration ttl, int maxEntries) {
        return new VaultSettings(address, namespace, auth, timeout, maxRetries, initialBackoff, maxBackoff, breakerFailures,
                breakerOpenFor, maxConcurrent, transitMount, kvMount, prefix, ttl, maxEntries);
    }

    /** Builds {@link VaultSettings}. */
    public static final class Builder {
        private final URI address;
        private final VaultAuth auth;
        private Optional<String> namespace = Optional.empty();
        private Duration timeout = Duration.ofSeconds(2);
        private int maxRetries = 2;
        private Duration initialBackoff = Duration.ofMillis(50);
        private Duration maxBackoff = Duration.ofSeconds(1);
        private int breakerFailures = 5;
        private Duration breakerOpenFor = Duration.ofSeconds(10);
        private int maxConcurrent = 64;
        private String transitMount = "transit";
        private String kvMount = "secret";
        private String prefix = "veil";
        private Duration cacheTtl = Duration.ofMinutes(5);
        private int cacheMaxEntries = 1000;

        private Builder(URI address, VaultAuth auth) {
            this.address = requireNonNull(address, "address");
            this.auth = requireNonNull(auth, "auth");
        }

        public Builder namespace(String v) { namespace = Optional.of(requireNonNull(v, "namespace")); return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }
        public Builder maxRetries(int v) { maxRetries = v; return this; }
        public Builder backoff(Duration initial, Duration max) { initialBackoff = initial; maxBackoff = max; return this; }
        public Builder breaker(int failures, Duration openFor) { breakerFailures = failures; breakerOpenFor = openFor; return this; }
        public Builder maxConcurrent(int v) { maxConcurrent = v; return this; }
        public Builder transitMount(String v) { transitMount = v; return this; }
        public Builder kvMount(String v) { kvMount = v; return this; }
        public Builder prefix(String v) { prefix = v; return this; }
        public Builder cache(Duration ttl, int maxEntries) { cacheTtl = ttl; cacheMaxEntries = maxEntries; return this; }

        public VaultSettings build() {
            return new VaultSettings(address, namespace, auth, timeout, maxRetries, initialBackoff, maxBackoff, breakerFailures,
                    breakerOpenFor, maxConcurrent, transitMount, kvMount, prefix, cacheTtl, cacheMaxEntries);
        }
    }
}
