package dev.veil.gateway.routing;

import static dev.veil.gateway.routing.Fixtures.await;
import static dev.veil.gateway.routing.Fixtures.claimMode;
import static dev.veil.gateway.routing.Fixtures.config;
import static dev.veil.gateway.routing.Fixtures.expert;
import static dev.veil.gateway.routing.Fixtures.online;
import static dev.veil.gateway.routing.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.ops.JsonLog;
import dev.veil.gateway.ops.VeilMetrics;
import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.store.PgRoutingStore;
import dev.veil.gateway.server.RoutingFeedHealth;
import dev.veil.gateway.store.pg.EmbeddedPg;
import dev.veil.gateway.store.pg.PgDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The routing change feed on a real PostgreSQL when its {@code LISTEN} backend is killed (as a
 * failover or an operator would): one PII-free line says it is lost and one that it is back, the
 * gauge {@code veil_routing_change_feed_up} drops to 0 and returns to 1, the reconnect counter
 * moves, and the node still learns every change, including those made while it was deaf.
 */
@Timeout(60)
class PgRoutingFeedTest {

    private static final String UP = "veil_routing_change_feed_up";
    private static final String RECONNECTS = "veil_routing_change_feed_reconnects_total";

    private final MutableClock clock = new MutableClock(Fixtures.START);

    @Test
    void aKilledFeedIsLoggedOnceCountedAndRecoversWithEveryChange() {
        RoutingConfig cfg = config("acme", claimMode().build());
        VeilMetrics metrics = VeilMetrics.create();
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        RoutingFeedHealth health = RoutingFeedHealth.of(metrics.registry(),
                JsonLog.to(new PrintStream(lines, true, StandardCharsets.UTF_8), Clock.systemUTC()));
        List<Double> upWhenLost = new CopyOnWriteArrayList<>();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        PgRoutingStore.FeedObserver observer = new PgRoutingStore.FeedObserver() {
            @Override
            public void lost(Throwable cause) {
                health.lost(cause);
                upWhenLost.add(sample(metrics, UP));
            }

            @Override
            public void recovered(int tries, Duration down) {
                health.recovered(tries, down);
                attempts.add(tries);
            }
        };
        String node = "feed-a-" + ProcessHandle.current().pid();
        try (PgDatabase db = EmbeddedPg.freshDatabase("feed");
                RoutingService a = RoutingService.open(cfg, PgRoutingStore.of(db, node, observer), clock);
                RoutingService b = RoutingService.open(cfg, PgRoutingStore.of(db, "feed-b"), clock)) {
            assertThat(sample(metrics, UP)).isEqualTo(1.0);
            assertThat(sample(metrics, RECONNECTS)).isZero();
            online(b, expert("exp-zq", "acme").build());
            await(() -> a.expert("exp-zq").isPresent());

            assertThat(terminate(db, PgRoutingStore.FEED_APPLICATION + " " + node)).as("a's LISTEN backend was found and killed").isEqualTo(1);
            b.submit(ticket("tk-zq-1", "acme").build()); // a may be deaf now: it must still learn of this
            // the feed thread counts the recovery and raises the gauge one after the other: wait for both
            await(() -> sample(metrics, RECONNECTS) == 1.0 && sample(metrics, UP) == 1.0);
            assertThat(upWhenLost).as("the gauge while the feed was down").containsExactly(0.0);
            assertThat(attempts).singleElement().satisfies(n -> assertThat(n).isPositive());
            await(() -> a.offers("exp-zq", 10).size() == 1);

            b.submit(ticket("tk-zq-2", "acme").build()); // and the feed carries what comes after
            await(() -> a.offers("exp-zq", 10).size() == 2);
        }
        String log = lines.toString(StandardCharsets.UTF_8);
        assertThat(log.lines().filter(l -> l.contains("\"event\":\"routing_feed_lost\"")).toList()).singleElement()
                .satisfies(l -> assertThat(l).contains("\"level\":\"warn\""));
        assertThat(log.lines().filter(l -> l.contains("\"event\":\"routing_feed_recovered\"")).toList()).hasSize(1);
        assertThat(log).as("no ids, no driver text").doesNotContain("zq").doesNotContain("administrator").doesNotContain("terminat");
    }

    /** Kills the backends whose {@code application_name} is {@code name}; how many. */
    private static int terminate(PgDatabase db, String name) {
        return db.read("test: terminate", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    private static double sample(VeilMetrics metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(metrics.scrape());
        assertThat(m.find()).as(name + " is exported").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
