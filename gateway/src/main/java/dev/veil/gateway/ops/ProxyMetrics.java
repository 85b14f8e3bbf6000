package dev.veil.gateway.ops;

import static java.util.Objects.requireNonNull;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Set;

/**
 * Proxy-route metrics: {@code veil_proxy_requests_total{brand,route,outcome}} and
 * {@code veil_proxy_upstream_duration_seconds{brand,route}} (send to the answer's head). Brands and
 * routes are configured names only (the caller checks them against {@code veil.yaml} before
 * counting), outcomes one of {@link #OUTCOMES}: no path, query, body or expert id in a label.
 */
public final class ProxyMetrics {

    /** The answer passed on, by the CRM's status class. */
    public static final String OK_2XX = "2xx";
    public static final String OK_3XX = "3xx";
    public static final String OK_4XX = "4xx";
    /** Refused before any upstream call (no claim on the brand, a bad path, the audit down). */
    public static final String REFUSED = "refused";
    /** A streamed answer cut after its head because the upstream broke off or stalled. */
    public static final String ABORTED = "aborted";
    /** The expert went away before the answer was complete, or took nothing of a stream for the idle timeout. */
    public static final String CLIENT_GONE = "client_gone";
    /** Every label value {@code outcome} takes; upstream failures use their error codes. */
    public static final Set<String> OUTCOMES = Set.of(OK_2XX, OK_3XX, OK_4XX, REFUSED, ABORTED, CLIENT_GONE, "upstream_timeout",
            "upstream_unavailable", "upstream_busy", "upstream_too_large", "upstream_invalid", "overloaded");

    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final Counter requests;
    private final Histogram upstreamSeconds;

    private ProxyMetrics(PrometheusRegistry registry) {
        requests = Counter.builder().withoutExemplars().name("veil_proxy_requests_total").help("Proxy-route calls, by brand, route and outcome")
                .labelNames("brand", "route", "outcome").register(registry);
        upstreamSeconds = Histogram.builder().withoutExemplars().name("veil_proxy_upstream_duration_seconds")
                .help("Time from sending a proxy call upstream to the head of its answer, by brand and route")
                .labelNames("brand", "route").classicOnly().classicUpperBounds(BUCKETS).register(registry);
    }

    private static final java.util.Map<PrometheusRegistry, ProxyMetrics> REGISTERED = new java.util.WeakHashMap<>();

    /** The proxy metrics in {@code metrics}' registry, registered there on first use. */
    public static ProxyMetrics of(VeilMetrics metrics) {
        PrometheusRegistry registry = requireNonNull(metrics, "metrics").registry();
        synchronized (REGISTERED) {
            return REGISTERED.computeIfAbsent(registry, ProxyMetrics::new);
        }
    }

    /** One call that ended with {@code outcome} (one of {@link #OUTCOMES}, else counted as {@code other}). */
    public void request(String brand, String route, String outcome) {
        requests.labelValues(requireNonNull(brand, "brand"), requireNonNull(route, "route"),
                OUTCOMES.contains(outcome) ? outcome : VeilMetrics.OTHER).inc();
    }

    /** The upstream answered (its head) {@code elapsed} after the call went out. */
    public void upstream(String brand, String route, Duration elapsed) {
        upstreamSeconds.labelValues(requireNonNull(brand, "brand"), requireNonNull(route, "route")).observe(elapsed.toNanos() / 1e9);
    }

    /** The outcome label of an answer passed on with {@code status}. */
    public static String passedOn(int status) {
        return status >= 400 ? OK_4XX : status >= 300 ? OK_3XX : OK_2XX;
    }
}
