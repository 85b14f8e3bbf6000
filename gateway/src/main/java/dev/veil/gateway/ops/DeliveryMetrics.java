package dev.veil.gateway.ops;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.intake.DeliveryObserver;
import dev.veil.gateway.intake.ReplyTransport;
import dev.veil.gateway.store.Outbox;
import dev.veil.gateway.store.OutboxMessage;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metrics of reply deliveries to the brands' CRMs, per brand and CRM kind: attempts by outcome,
 * dead letters by error class, rate limits met (429 answers, and slow-downs before one), how long
 * an attempt takes and how long a reply waits from enqueue to delivery, and the outbox depth of
 * each brand's lane. Labels are brand names and CRM kinds from the configuration and fixed
 * outcome and class names, never a ticket, an id or a CRM's answer; a brand not configured is
 * recorded as {@value VeilMetrics#OTHER}.
 */
public final class DeliveryMetrics implements DeliveryObserver {

    /** How an attempt ended. */
    public static final Set<String> OUTCOMES = Set.of("delivered", "retried", "deferred", "dead_lettered");
    /** Why a reply became a dead letter, from the transport's error code. */
    public static final Set<String> ERROR_CLASSES = Set.of("auth", "not_found", "rejected", "rate_limited", "server_error", "unreachable",
            "invalid_reply", "other");
    /** Why deliveries to a brand were held back by its CRM. */
    public static final Set<String> RATE_LIMIT_REASONS = Set.of("429", "slowed");

    private static final double[] ATTEMPT_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    private static final double[] WAIT_BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 14400, 86400};
    private static final Pattern STATUS = Pattern.compile("(?:^|_)([1-5][0-9]{2})(?::|$)");

    private final Map<String, String> kinds;
    private final Clock clock;
    private final Counter deliveries;
    private final Counter deadLetters;
    private final Counter rateLimited;
    private final Histogram attemptSeconds;
    private final Histogram deliverySeconds;

    private DeliveryMetrics(VeilMetrics metrics, Map<String, String> kinds, Clock clock, Supplier<Map<String, Outbox.Depth>> lanes) {
        this.kinds = Map.copyOf(kinds);
        this.clock = clock;
        var registry = metrics.registry();
        deliveries = Counter.builder().withoutExemplars().name("veil_crm_deliveries_total")
                .help("Reply delivery attempts to CRMs, by brand, CRM kind and outcome (delivered, retried, deferred, dead_lettered)")
                .labelNames("brand", "kind", "outcome").register(registry);
        deadLetters = Counter.builder().withoutExemplars().name("veil_crm_dead_letters_total")
                .help("Replies dead-lettered, by brand, CRM kind and error class")
                .labelNames("brand", "kind", "class").register(registry);
        rateLimited = Counter.builder().withoutExemplars().name("veil_crm_rate_limited_total")
                .help("Times a CRM held deliveries back, by brand, CRM kind and reason (429, or slowed before one)")
                .labelNames("brand", "kind", "reason").register(registry);
        attemptSeconds = Histogram.builder().withoutExemplars().name("veil_crm_attempt_duration_seconds")
                .help("Time of one delivery attempt (the CRM API call), by brand and CRM kind")
                .labelNames("brand", "kind").classicOnly().classicUpperBounds(ATTEMPT_BUCKETS).register(registry);
        deliverySeconds = Histogram.builder().withoutExemplars().name("veil_crm_delivery_seconds")
                .help("Time from a reply entering the outbox to its delivery, by brand and CRM kind")
                .labelNames("brand", "kind").classicOnly().classicUpperBounds(WAIT_BUCKETS).register(registry);
        GaugeWithCallback.builder().name("veil_outbox_lane_depth")
                .help("Replies in each brand's delivery lane, by brand, CRM kind and state (pending, dead)")
                .labelNames("brand", "kind", "state")
                .callback(callback -> {
                    Map<String, Outbox.Depth> depths;
                    try {
                        depths = lanes.get();
                    } catch (RuntimeException e) {
                        return; // the outbox is down: no lane figures this scrape (veil_store_errors_total says why)
                    }
                    for (Map.Entry<String, String> lane : this.kinds.entrySet()) {
                        Outbox.Depth d = depths.getOrDefault(lane.getKey(), new Outbox.Depth(0, 0));
                        callback.call(d.pending(), lane.getKey(), lane.getValue(), "pending");
                        callback.call(d.dead(), lane.getKey(), lane.getValue(), "dead");
                    }
                })
                .register(registry);
    }

    /**
     * Registers the delivery metrics in {@code metrics}' registry. {@code kinds} maps each
     * configured brand to its CRM kind ({@code zendesk}, {@code salesforce}, {@code freshdesk},
     * {@code webhook}); {@code lanes} gives the outbox depth per brand at scrape time.
     */
    public static DeliveryMetrics register(VeilMetrics metrics, Map<String, String> kinds, Clock clock,
            Supplier<Map<String, Outbox.Depth>> lanes) {
        requireNonNull(metrics, "metrics");
        requireNonNull(kinds, "kinds");
        kinds.forEach((brand, kind) -> {
            requireNonNull(brand, "brand");
            requireNonNull(kind, "kind");
        });
        return new DeliveryMetrics(metrics, kinds, requireNonNull(clock, "clock"), requireNonNull(lanes, "lanes"));
    }

    @Override
    public void attempted(OutboxMessage message, ReplyTransport.Delivery delivery, boolean deadLettered, Duration elapsed) {
        String brand = brand(message.brand());
        String kind = kind(message.brand());
        String outcome = switch (delivery.kind()) {
            case DELIVERED -> "delivered";
            case DEFER -> "deferred";
            case RETRY, PERMANENT -> deadLettered ? "dead_lettered" : "retried";
        };
        deliveries.labelValues(brand, kind, outcome).inc();
        if (deadLettered) {
            deadLetters.labelValues(brand, kind, errorClass(delivery.errorCode())).inc();
        }
        if (delivery.kind() != ReplyTransport.Delivery.Kind.DELIVERED && "429".equals(status(delivery.errorCode()))) {
            rateLimited.labelValues(brand, kind, "429").inc();
        }
        if (delivery.kind() != ReplyTransport.Delivery.Kind.DEFER || status(delivery.errorCode()) != null) {
            // a deferral without an answer (the brand is paused) made no call: it is not an attempt's time
            attemptSeconds.labelValues(brand, kind).observe(seconds(elapsed));
        }
        if (delivery.kind() == ReplyTransport.Delivery.Kind.DELIVERED) {
            deliverySeconds.labelValues(brand, kind).observe(seconds(Duration.between(message.createdAt(), clock.instant())));
        }
    }

    @Override
    public void slowedDown(String brand) {
        rateLimited.labelValues(brand(brand), kind(brand), "slowed").inc();
    }

    /**
     * The class of a transport error code ({@code zendesk_422:RecordInvalid}, {@code
     * salesforce_auth_401}, {@code http_503}, {@code timeout}, {@code freshdesk_bad_ticket_id}).
     */
    static String errorClass(String code) {
        if (code == null) {
            return "other";
        }
        String c = code.toLowerCase(Locale.ROOT);
        String status = status(c);
        if (c.contains("_auth_") || "401".equals(status) || "403".equals(status)) {
            return "auth";
        }
        if (status != null) {
            return switch (status.charAt(0)) {
                case '5' -> "server_error";
                case '4' -> status.equals("404") ? "not_found" : status.equals("429") ? "rate_limited"
                        : status.equals("408") ? "unreachable" : "rejected";
                default -> "other";
            };
        }
        if (c.endsWith("unreachable") || c.equals("timeout") || c.equals("connect_failed") || c.equals("interrupted")
                || c.equals("transport_error")) {
            return "unreachable";
        }
        if (c.contains("bad_") || c.endsWith("no_recipient") || c.equals("not_a_reply") || c.equals("unknown_brand")) {
            return "invalid_reply";
        }
        return "other";
    }

    private static String status(String code) {
        if (code == null) {
            return null;
        }
        Matcher m = STATUS.matcher(code);
        return m.find() ? m.group(1) : null;
    }

    private String brand(String brand) {
        return brand != null && kinds.containsKey(brand) ? brand : VeilMetrics.OTHER;
    }

    private String kind(String brand) {
        return brand != null ? kinds.getOrDefault(brand, VeilMetrics.OTHER) : VeilMetrics.OTHER;
    }

    private static double seconds(Duration d) {
        return d.isNegative() ? 0 : d.toNanos() / 1e9;
    }
}
