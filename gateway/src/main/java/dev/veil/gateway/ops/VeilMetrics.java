package dev.veil.gateway.ops;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.model.Action;
import dev.veil.policy.model.FormatKind;
import dev.veil.tokenizer.detect.PiiType;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Veil's Prometheus metrics, in a registry of their own, and their text exposition for
 * {@code /metrics}.
 *
 * <p>Every label value comes from a closed set fixed when the gateway starts (route patterns,
 * status codes, PII types, policy actions, token formats, store and vault operations); anything
 * else is recorded as {@value #OTHER}, so a value from a request or a ticket can never become a
 * label, and the number of series stays bounded.
 */
public final class VeilMetrics {

    /** The label value that stands for anything outside a label's closed set. */
    public static final String OTHER = "other";

    /** The routes of issue 9, as the HTTP layer names them: method and path pattern. */
    public static final Set<String> DEFAULT_ROUTES = Set.of(
            "POST /v1/brands/{brand}/tickets",
            "POST /v1/brands/{brand}/tickets/{id}/events",
            "POST /v1/brands/{brand}/detokenize",
            "GET /v1/offers",
            "POST /v1/tickets/{id}/claim",
            "GET /v1/tickets/{id}",
            "POST /v1/tickets/{id}/reply",
            "POST /v1/tickets/{id}/release",
            "GET /v1/me",
            "GET /healthz",
            "GET /readyz",
            "GET /metrics");
    /** The stores whose operations are timed. */
    public static final Set<String> DEFAULT_STORES = Set.of("tickets", "tokens", "routing", "outbox", "webhook_ids", "ledger", "audit");
    /** The store operations that are timed. */
    public static final Set<String> STORE_OPERATIONS = Set.of("read", "write", "delete", "scan", "commit");
    /** The key provider and token vault operations that are timed. */
    public static final Set<String> VAULT_OPERATIONS = Set.of("encrypt", "decrypt", "tokenize", "detokenize", "load_key", "health");
    /** How a claim attempt ended. */
    public static final Set<String> CLAIM_OUTCOMES = Set.of("won", "conflict", "released", "expired", "refused");

    private static final double[] LATENCY_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Set<String> routes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<String> piiTypes;
    private final Set<String> actions;
    private final Set<String> formats;
    private final Set<String> stores;

    private final Counter requests;
    private final Histogram requestSeconds;
    private final Counter piiFindings;
    private final Counter tokensIssued;
    private final Counter tokensRevealed;
    private final Histogram storeSeconds;
    private final Counter storeErrors;
    private final Histogram vaultSeconds;
    private final Counter vaultErrors;
    private final Gauge outboxDepth;
    private final Gauge deadLetters;
    private final Gauge queueDepth;
    private final Counter offers;
    private final Counter claims;

    private VeilMetrics(Builder b) {
        this.routes.addAll(b.routes);
        this.piiTypes = Set.copyOf(b.piiTypes);
        this.actions = Arrays.stream(Action.values()).map(Action::yamlName).collect(Collectors.toUnmodifiableSet());
        this.formats = Arrays.stream(FormatKind.values()).map(FormatKind::yamlName).collect(Collectors.toUnmodifiableSet());
        this.stores = Set.copyOf(b.stores);
        // without exemplars, here and in every metric of the gateway: Veil records no traces for them
        // to name, and the client's sampler, even with none, reschedules itself per series every
        // ~90 ms on one shared thread (a futex wake and a wait for each, hundreds a second under load)
        requests = Counter.builder().withoutExemplars().name("veil_http_requests_total").help("HTTP requests answered, by route pattern and status")
                .labelNames("route", "status").register(registry);
        requestSeconds = Histogram.builder().withoutExemplars().name("veil_http_request_duration_seconds").help("Time to answer an HTTP request, by route pattern")
                .labelNames("route").classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
        piiFindings = Counter.builder().withoutExemplars().name("veil_pii_findings_total").help("PII found in tickets and replies, by type and the action taken")
                .labelNames("type", "action").register(registry);
        tokensIssued = Counter.builder().withoutExemplars().name("veil_tokens_issued_total").help("Tokens and masks issued, by format")
                .labelNames("format").register(registry);
        tokensRevealed = Counter.builder().withoutExemplars().name("veil_tokens_revealed_total").help("Tokens turned back into values, by format")
                .labelNames("format").register(registry);
        storeSeconds = Histogram.builder().withoutExemplars().name("veil_store_operation_duration_seconds").help("Store operation latency, by store and operation")
                .labelNames("store", "operation").classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
        storeErrors = Counter.builder().withoutExemplars().name("veil_store_errors_total").help("Failed store operations, by store and operation")
                .labelNames("store", "operation").register(registry);
        vaultSeconds = Histogram.builder().withoutExemplars().name("veil_vault_operation_duration_seconds").help("Key provider and vault latency, by operation")
                .labelNames("operation").classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
        vaultErrors = Counter.builder().withoutExemplars().name("veil_vault_errors_total").help("Failed key provider and vault operations, by operation")
                .labelNames("operation").register(registry);
        outboxDepth = Gauge.builder().withoutExemplars().name("veil_outbox_depth").help("Replies waiting in the outbox for delivery").register(registry);
        deadLetters = Gauge.builder().withoutExemplars().name("veil_outbox_dead_letters").help("Replies in the dead letter list").register(registry);
        queueDepth = Gauge.builder().withoutExemplars().name("veil_queue_depth").help("Tickets waiting for an expert to claim them").register(registry);
        offers = Counter.builder().withoutExemplars().name("veil_offers_total").help("Tickets offered to experts").register(registry);
        claims = Counter.builder().withoutExemplars().name("veil_claims_total").help("Claim attempts, by outcome")
                .labelNames("outcome").register(registry);
    }

    /** Metrics for the default routes and stores and the built-in PII types. */
    public static VeilMetrics create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds route patterns once the server knows them (they come from its own route tables, never
     * from a request); a request on a route not added is counted as {@code other}.
     */
    public void allowRoutes(Set<String> more) {
        routes.addAll(new Builder().routes(more).routes);
    }

    /** One answered request: {@code route} is the matched pattern (never the path), {@code status} the HTTP status. */
    public void request(String route, int status, Duration elapsed) {
        String r = closed(route, routes);
        requests.labelValues(r, status(status)).inc();
        requestSeconds.labelValues(r).observe(seconds(elapsed));
    }

    /** {@code count} findings of PII type {@code type} handled by policy action {@code action}. */
    public void piiFindings(String type, String action, long count) {
        piiFindings.labelValues(closed(type, piiTypes), closed(lower(action), actions)).inc(nonNegative(count));
    }

    /** {@code count} tokens issued in format {@code format} (a policy format name such as {@code fpe-card}). */
    public void tokensIssued(String format, long count) {
        tokensIssued.labelValues(closed(format, formats)).inc(nonNegative(count));
    }

    /** {@code count} tokens revealed from format {@code format}. */
    public void tokensRevealed(String format, long count) {
        tokensRevealed.labelValues(closed(format, formats)).inc(nonNegative(count));
    }

    /** A store operation that took {@code elapsed}; {@code failed} if it threw. */
    public void storeOperation(String store, String operation, Duration elapsed, boolean failed) {
        String s = closed(store, stores);
        String op = closed(operation, STORE_OPERATIONS);
        storeSeconds.labelValues(s, op).observe(seconds(elapsed));
        if (failed) {
            storeErrors.labelValues(s, op).inc();
        }
    }

    /** A key provider or vault operation that took {@code elapsed}; {@code failed} if it threw. */
    public void vaultOperation(String operation, Duration elapsed, boolean failed) {
        String op = closed(operation, VAULT_OPERATIONS);
        vaultSeconds.labelValues(op).observe(seconds(elapsed));
        if (failed) {
            vaultErrors.labelValues(op).inc();
        }
    }

    /** The number of replies waiting in the outbox now. */
    public void outboxDepth(long depth) {
        outboxDepth.set(nonNegative(depth));
    }

    /** The number of dead letters now. */
    public void deadLetters(long count) {
        deadLetters.set(nonNegative(count));
    }

    /** The number of tickets waiting for a claim now. */
    public void queueDepth(long depth) {
        queueDepth.set(nonNegative(depth));
    }

    /** {@code count} offers shown to experts. */
    public void offers(long count) {
        offers.inc(nonNegative(count));
    }

    /** One claim attempt that ended in {@code outcome} (one of {@link #CLAIM_OUTCOMES}). */
    public void claim(String outcome) {
        claims.labelValues(closed(outcome, CLAIM_OUTCOMES)).inc();
    }

    /** Every metric in Prometheus text format 0.0.4, for {@code GET /metrics}. */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The {@code Content-Type} of {@link #scrape()}. */
    public String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    /** The registry, for adding JVM or process metrics alongside. */
    public PrometheusRegistry registry() {
        return registry;
    }

    static String closed(String value, Set<String> allowed) {
        return value != null && allowed.contains(value) ? value : OTHER;
    }

    static String status(int status) {
        return status >= 100 && status <= 599 ? Integer.toString(status) : OTHER;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static double seconds(Duration elapsed) {
        requireNonNull(elapsed, "elapsed");
        return elapsed.isNegative() ? 0 : elapsed.toNanos() / 1e9;
    }

    private static long nonNegative(long n) {
        return Math.max(0, n);
    }

    /** Configures the closed label sets of {@link VeilMetrics}. */
    public static final class Builder {

        private final Set<String> routes = new LinkedHashSet<>(DEFAULT_ROUTES);
        private final Set<String> piiTypes = new LinkedHashSet<>(List.of(
                PiiType.CARD_NUMBER.name(), PiiType.EMAIL.name(), PiiType.PHONE.name(), PiiType.IBAN.name(),
                PiiType.US_SSN.name(), PiiType.ES_DNI.name(), PiiType.ES_NIE.name(), PiiType.IP_ADDRESS.name(),
                PiiType.DATE_OF_BIRTH.name(), PiiType.ADDRESS.name(), PiiType.PERSON.name(), PiiType.BANK_ACCOUNT.name()));
        private final Set<String> stores = new LinkedHashSet<>(DEFAULT_STORES);

        private Builder() {}

        /** Adds route patterns (e.g. admin routes) to the defaults. */
        public Builder routes(Set<String> more) {
            for (String route : requireNonNull(more, "more")) {
                requireNonNull(route, "route");
                if (route.isBlank() || route.length() > 128 || route.contains("?")) {
                    throw new IllegalArgumentException("route: expected a method and path pattern of at most 128 characters, without a query");
                }
                routes.add(route);
            }
            return this;
        }

        /** Adds the PII types that the loaded policies define to the built-in ones. */
        public Builder piiTypes(Set<PiiType> more) {
            for (PiiType type : requireNonNull(more, "more")) {
                piiTypes.add(requireNonNull(type, "type").name());
            }
            return this;
        }

        /** Adds store names to the defaults. */
        public Builder stores(Set<String> more) {
            for (String store : requireNonNull(more, "more")) {
                if (!store.matches("[a-z][a-z0-9_]{0,31}")) {
                    throw new IllegalArgumentException("store: expected snake_case of at most 32 characters");
                }
                stores.add(store);
            }
            return this;
        }

        public VeilMetrics build() {
            return new VeilMetrics(this);
        }
    }
}
