package dev.veil.gateway.server;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.ops.JsonLog;
import dev.veil.gateway.ops.LogEvent;
import dev.veil.gateway.ops.LogField;
import dev.veil.gateway.routing.store.PgRoutingStore;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;

/**
 * What the gateway shows of the routing change feed (clustered mode): one log line when the feed
 * is lost and one when it is back, the gauge {@code veil_routing_change_feed_up} (1 listening, 0
 * lost) and the counter {@code veil_routing_change_feed_reconnects_total}. Neither holds more than
 * the failure's type or code.
 */
public final class RoutingFeedHealth implements PgRoutingStore.FeedObserver {

    static final LogEvent LOST = LogEvent.of("routing_feed_lost",
            "the routing change feed from the database is lost; other nodes' changes wait until it reconnects");
    static final LogEvent RECOVERED = LogEvent.of("routing_feed_recovered",
            "the routing change feed listens again; routing state was read anew");

    private final Gauge up;
    private final Counter reconnects;
    private final JsonLog log;

    private RoutingFeedHealth(PrometheusRegistry registry, JsonLog log) {
        this.log = log;
        up = Gauge.builder().withoutExemplars().name("veil_routing_change_feed_up")
                .help("Whether this node hears other nodes' routing changes (PostgreSQL LISTEN): 1 listening, 0 lost and retrying")
                .register(registry);
        reconnects = Counter.builder().withoutExemplars().name("veil_routing_change_feed_reconnects_total")
                .help("Times the routing change feed was lost and listened again").register(registry);
        up.set(1); // the store listens before the gateway starts, or the gateway does not start
    }

    /** The feed's metrics in {@code registry}, its lines in {@code log}; the feed counts as listening from here. */
    public static RoutingFeedHealth of(PrometheusRegistry registry, JsonLog log) {
        return new RoutingFeedHealth(requireNonNull(registry, "registry"), requireNonNull(log, "log"));
    }

    @Override
    public void lost(Throwable cause) {
        up.set(0);
        log.warn(LOST, cause);
    }

    @Override
    public void recovered(int attempts, Duration down) {
        up.set(1); // before the count: a scrape that sees the reconnect also sees the feed up
        reconnects.inc();
        log.info(RECOVERED, LogField.count("attempts", attempts), LogField.millis("down_ms", down));
    }
}
