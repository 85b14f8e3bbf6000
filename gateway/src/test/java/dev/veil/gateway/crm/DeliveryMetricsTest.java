package dev.veil.gateway.crm;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.veil.gateway.config.CrmReplyConfig;
import dev.veil.gateway.intake.OutboxDeliverer;
import dev.veil.gateway.intake.ReplyTransport.Delivery;
import dev.veil.gateway.intake.crm.CrmApi;
import dev.veil.gateway.intake.crm.CrmAuth;
import dev.veil.gateway.intake.crm.CrmReplyTransport;
import dev.veil.gateway.intake.crm.ReplyWriter;
import dev.veil.gateway.ops.DeliveryMetrics;
import dev.veil.gateway.ops.VeilMetrics;
import dev.veil.gateway.routing.MutableClock;
import dev.veil.gateway.store.InMemoryOutbox;
import dev.veil.gateway.store.Outbox;
import dev.veil.gateway.store.RetryPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery metrics from real deliveries: the outbox deliverer and the Zendesk transport against
 * WireMock answering as Zendesk documents (200 with few requests left, 404, 429 with {@code
 * Retry-After}, 503), read back from the Prometheus exposition.
 */
class DeliveryMetricsTest {

    private static final String SECRET_TEXT = "Refund to card 4111 1111 1111 1111 for Dana";

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private WireMockServer crm;
    private Outbox outbox;
    private VeilMetrics metrics;
    private OutboxDeliverer deliverer;

    @BeforeEach
    void start() {
        crm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        crm.start();
        URI base = URI.create("http://127.0.0.1:" + crm.port() + "/");
        outbox = InMemoryOutbox.of(new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, Duration.ofSeconds(60)), clock,
                new SecureRandom());
        metrics = VeilMetrics.create();
        DeliveryMetrics deliveries = DeliveryMetrics.register(metrics, Map.of("acme", "zendesk", "beta", "webhook"), clock,
                outbox::depthByBrand);
        // generous timeouts: the first call of a JVM on a loaded machine can take seconds, and a timeout would count as a retry
        CrmApi api = CrmApi.of(CrmApi.defaultClient(Duration.ofSeconds(30)), CrmAuth.basic(base, ZendeskApi.USER + "/token", ZendeskApi.TOKEN),
                Duration.ofSeconds(30));
        CrmReplyTransport transport = CrmReplyTransport.of(Map.of("acme", new CrmReplyTransport.Target("zendesk", api,
                ReplyWriter.zendesk(new CrmReplyConfig("public", true, Optional.empty(), Optional.empty())))),
                m -> Delivery.delivered(), clock, deliveries);
        deliverer = OutboxDeliverer.of(outbox, transport, 10).withObserver(deliveries);
    }

    @AfterEach
    void stop() {
        crm.stop();
        outbox.close();
    }

    private void enqueue(String id, String brand, String crmTicketId) {
        String json = "{\"type\":\"ticket.reply\",\"message_id\":\"" + id + "\",\"brand\":\"" + brand + "\",\"ticket\":\"t_1\","
                + "\"crm_ticket_id\":\"" + crmTicketId + "\",\"expert\":\"exp-1\",\"body\":\"" + SECRET_TEXT + "\"}";
        assertThat(outbox.enqueue(id, brand, json.getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void eachOutcomeIsCountedPerBrandAndKindWithoutAnythingFromTheReplies() {
        ZendeskApi.ticketUpdateNearTheLimit(crm, "100", 2);
        ZendeskApi.ticketNotFound(crm, "404");
        ZendeskApi.ticketUpdateRateLimitedOnce(crm, "429", 30);
        ZendeskApi.ticketUpdateUnavailable(crm, "503");

        enqueue("msg_1", "acme", "100");
        enqueue("msg_b", "beta", "7");
        clock.advance(Duration.ofSeconds(3)); // both waited 3 s in the outbox
        deliverer.runOnce();                   // delivered; few requests left: acme slows down for 2 s
        clock.advance(Duration.ofSeconds(3));
        enqueue("msg_2", "acme", "404");
        deliverer.runOnce();                   // 404: dead letter at once
        enqueue("msg_3", "acme", "429");
        deliverer.runOnce();                   // 429: deferred 30 s
        enqueue("msg_4", "acme", "503");
        deliverer.runOnce();                   // not sent: acme is paused (deferred, no call)
        clock.advance(Duration.ofSeconds(31));
        deliverer.runOnce();                   // msg_3 delivered, msg_4 503 retried
        clock.advance(Duration.ofSeconds(10));
        deliverer.runOnce();                   // msg_4 503 again: last attempt, dead letter

        String scrape = metrics.scrape();
        assertThat(value(scrape, "veil_crm_deliveries_total{brand=\"acme\",kind=\"zendesk\",outcome=\"delivered\"}")).as(scrape).isEqualTo(2);
        assertThat(value(scrape, "veil_crm_deliveries_total{brand=\"acme\",kind=\"zendesk\",outcome=\"deferred\"}")).isEqualTo(2);
        assertThat(value(scrape, "veil_crm_deliveries_total{brand=\"acme\",kind=\"zendesk\",outcome=\"retried\"}")).isEqualTo(1);
        assertThat(value(scrape, "veil_crm_deliveries_total{brand=\"acme\",kind=\"zendesk\",outcome=\"dead_lettered\"}")).isEqualTo(2);
        assertThat(value(scrape, "veil_crm_deliveries_total{brand=\"beta\",kind=\"webhook\",outcome=\"delivered\"}")).isEqualTo(1);
        assertThat(value(scrape, "veil_crm_dead_letters_total{brand=\"acme\",class=\"not_found\",kind=\"zendesk\"}")).isEqualTo(1);
        assertThat(value(scrape, "veil_crm_dead_letters_total{brand=\"acme\",class=\"server_error\",kind=\"zendesk\"}")).isEqualTo(1);
        assertThat(value(scrape, "veil_crm_rate_limited_total{brand=\"acme\",kind=\"zendesk\",reason=\"429\"}")).isEqualTo(1);
        assertThat(value(scrape, "veil_crm_rate_limited_total{brand=\"acme\",kind=\"zendesk\",reason=\"slowed\"}")).isEqualTo(1);
        // enqueue to delivery: msg_1 waited 3 s, msg_3 31 s
        assertThat(value(scrape, "veil_crm_delivery_seconds_bucket{brand=\"acme\",kind=\"zendesk\",le=\"2.5\"}")).isEqualTo(0);
        assertThat(value(scrape, "veil_crm_delivery_seconds_bucket{brand=\"acme\",kind=\"zendesk\",le=\"5.0\"}")).isEqualTo(1);
        assertThat(value(scrape, "veil_crm_delivery_seconds_bucket{brand=\"acme\",kind=\"zendesk\",le=\"60.0\"}")).isEqualTo(2);
        assertThat(value(scrape, "veil_crm_delivery_seconds_sum{brand=\"acme\",kind=\"zendesk\"}")).isEqualTo(34);
        // six calls reached the CRM (the paused deferral made none)
        assertThat(value(scrape, "veil_crm_attempt_duration_seconds_count{brand=\"acme\",kind=\"zendesk\"}")).isEqualTo(6);
        assertThat(value(scrape, "veil_outbox_lane_depth{brand=\"acme\",kind=\"zendesk\",state=\"dead\"}")).isEqualTo(2);
        assertThat(value(scrape, "veil_outbox_lane_depth{brand=\"acme\",kind=\"zendesk\",state=\"pending\"}")).isEqualTo(0);
        assertThat(value(scrape, "veil_outbox_lane_depth{brand=\"beta\",kind=\"webhook\",state=\"pending\"}")).isEqualTo(0);
        assertThat(scrape).doesNotContain("Dana").doesNotContain("4111").doesNotContain("msg_").doesNotContain("RecordNotFound")
                .doesNotContain("t_1");
    }

    @Test
    void aBrandNotConfiguredIsCountedAsOtherAndPendingLanesAreShown() {
        enqueue("msg_1", "zeta", "1");
        enqueue("msg_2", "beta", "1");
        enqueue("msg_3", "beta", "2");
        String before = metrics.scrape();
        assertThat(value(before, "veil_outbox_lane_depth{brand=\"beta\",kind=\"webhook\",state=\"pending\"}")).isEqualTo(2);
        assertThat(before).doesNotContain("zeta");
        deliverer.runOnce();
        String after = metrics.scrape();
        assertThat(value(after, "veil_crm_deliveries_total{brand=\"other\",kind=\"other\",outcome=\"delivered\"}")).isEqualTo(1);
        assertThat(value(after, "veil_outbox_lane_depth{brand=\"beta\",kind=\"webhook\",state=\"pending\"}")).isEqualTo(0);
        assertThat(after).doesNotContain("zeta");
    }

    private static double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
            }
        }
        throw new AssertionError("no series " + series + " in\n" + scrape);
    }
}
