package dev.veil.gateway.routing;

import static dev.veil.gateway.routing.Fixtures.claimMode;
import static dev.veil.gateway.routing.Fixtures.config;
import static dev.veil.gateway.routing.Fixtures.expert;
import static dev.veil.gateway.routing.Fixtures.online;
import static dev.veil.gateway.routing.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.model.QueueStat;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueStatsTest {

    private final MutableClock clock = new MutableClock(Fixtures.START);

    @Test
    void reportsDepthOldestWaitExpectedWaitAndExperts() {
        RoutingService routing = Fixtures.service(config("acme", claimMode().build()), clock);
        online(routing, expert("ann", "acme").skill("billing", 2).capacity(10).build());
        online(routing, expert("bob", "acme").skill("billing", 2).build());
        routing.upsertExpert(expert("cat", "acme").skill("billing", 2).build()); // offline
        online(routing, expert("dan", "acme").build());

        assertThat(row(routing, "*").expectedWait()).contains(Duration.ZERO);

        routing.submit(ticket("t1", "acme").require("billing", 1).build());
        clock.advance(Duration.ofMinutes(4));
        routing.submit(ticket("t2", "acme").require("billing", 1).build());
        routing.submit(ticket("t3", "acme").build());
        routing.claim("bob", "t3"); // bob now has no free slot

        QueueStat all = row(routing, "*");
        assertThat(all.depth()).isEqualTo(2);
        assertThat(all.oldestWait()).isEqualTo(Duration.ofMinutes(4));
        assertThat(all.expertsOnline()).isEqualTo(3);
        assertThat(all.expertsEligible()).isEqualTo(2);
        QueueStat billing = row(routing, "billing");
        assertThat(billing.depth()).isEqualTo(2);
        assertThat(billing.expertsOnline()).isEqualTo(2);
        assertThat(billing.expertsEligible()).isEqualTo(1);
        assertThat(billing.expectedWait()).as("no billing claims yet").isEmpty();

        routing.claim("ann", "t1");
        clock.advance(Duration.ofMinutes(1));
        // One billing claim in the 15-minute window; one waiting plus a newcomer: 2 * 15m.
        assertThat(row(routing, "billing").expectedWait()).contains(Duration.ofMinutes(30));
        assertThat(row(routing, "billing").oldestWait()).isEqualTo(Duration.ofMinutes(1));

        clock.advance(Duration.ofMinutes(15));
        assertThat(row(routing, "billing").expectedWait()).as("claim left the window").isEmpty();
    }

    @Test
    void unknownBrandHasNoStats() {
        RoutingService routing = Fixtures.service(config("acme", claimMode().build()), clock);
        assertThat(routing.queueStats("nope")).isEmpty();
        assertThat(routing.queueStats()).extracting(QueueStat::brand).containsExactly("acme");
    }

    private static QueueStat row(RoutingService routing, String skill) {
        List<QueueStat> rows = routing.queueStats("acme");
        return rows.stream().filter(r -> r.skill().equals(skill)).findFirst().orElseThrow();
    }
}
