package dev.veil.gateway.routing;

import static dev.veil.gateway.routing.Fixtures.expert;
import static dev.veil.gateway.routing.Fixtures.ids;
import static dev.veil.gateway.routing.Fixtures.online;
import static dev.veil.gateway.routing.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.config.RoutingMode;
import dev.veil.gateway.routing.config.RoutingSettings;
import dev.veil.gateway.routing.config.WideningStep;
import dev.veil.gateway.routing.model.ClaimResult;
import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.model.Outcome;
import dev.veil.gateway.routing.model.PushOffer;
import dev.veil.gateway.routing.model.Rule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushDispatchTest {

    private final MutableClock clock = new MutableClock(Fixtures.START);

    private RoutingService push(int newShare) {
        // Preferred skills relaxed from the start: they only rank experts here.
        RoutingSettings s = RoutingSettings.builder().mode(RoutingMode.PUSH)
                .widening(List.of(WideningStep.of(Duration.ZERO, true, 0)))
                .offerTimeout(Duration.ofSeconds(30)).reofferCooldown(Duration.ofMinutes(30))
                .minRatings(2).newExpertSharePercent(newShare).build();
        return Fixtures.service(RoutingConfig.of(Map.of("acme", s, "hist", Fixtures.claimMode().build())), clock);
    }

    /** Gives an expert enough ratings (from a claim-mode brand) that they are no longer new. */
    private static void veteran(RoutingService routing, String expertId) {
        for (int i = 0; i < 2; i++) {
            String id = "hist-" + expertId + "-" + i;
            routing.submit(ticket(id, "hist").build());
            assertThat(routing.claim(expertId, id).won()).isTrue();
            routing.resolved(id, Outcome.ACCEPTED);
            routing.csat(id, 90, false);
        }
    }

    private static String holder(RoutingService routing, String ticketId) {
        PushOffer o = routing.ticket(ticketId).orElseThrow().offer();
        return o == null ? null : o.expertId();
    }

    @Test
    void offersToBestSkillMatchThenLongestIdleAndMovesOnAfterRejectionOrTimeout() {
        RoutingService routing = push(0);
        online(routing, expert("skilled", "acme").skill("billing", 3).skill("retention", 2).build());
        online(routing, expert("idle", "acme").skill("billing", 3).build());
        online(routing, expert("busy", "acme").skill("billing", 3).build());
        online(routing, expert("unskilled", "acme").build());
        // 'busy' was assigned more recently than 'idle'.
        routing.submit(ticket("warmup", "acme").build());
        while (!"busy".equals(holder(routing, "warmup"))) {
            routing.reject(holder(routing, "warmup"), "warmup");
        }
        routing.claim("busy", "warmup");
        routing.resolved("warmup", Outcome.ACCEPTED);

        routing.submit(ticket("t1", "acme").require("billing", 3).prefer("retention", 2).build());
        assertThat(holder(routing, "t1")).isEqualTo("skilled");
        assertThat(routing.offers("skilled", 10)).singleElement()
                .satisfies(o -> assertThat(o.respondBy()).isEqualTo(Fixtures.START.plusSeconds(30)));
        assertThat(routing.offers("idle", 10)).as("push tickets are not listed to others").isEmpty();
        assertThat(routing.claim("idle", "t1").status()).isEqualTo(ClaimResult.Status.TAKEN);

        assertThat(routing.reject("skilled", "t1")).isEqualTo(EventResult.APPLIED);
        assertThat(holder(routing, "t1")).isEqualTo("idle");

        clock.advance(Duration.ofSeconds(30));
        assertThat(routing.tick().offersExpired()).isEqualTo(1);
        assertThat(holder(routing, "t1")).isEqualTo("busy");
        assertThat(routing.expert("idle").orElseThrow().counters().timeouts()).isEqualTo(1);
        assertThat(routing.expert("skilled").orElseThrow().counters().rejections()).isEqualTo(1);

        assertThat(routing.claim("busy", "t1").won()).isTrue();
        assertThat(routing.expert("idle").orElseThrow().slotsInUse()).isZero();
        assertThat(routing.expert("busy").orElseThrow().slotsInUse()).isEqualTo(1);
    }

    @Test
    void whenEveryoneDeclinedTheTicketWaitsUntilSomeoneCanTakeIt() {
        RoutingService routing = push(0);
        online(routing, expert("ann", "acme").build());
        routing.submit(ticket("t1", "acme").build());
        routing.reject("ann", "t1");
        assertThat(holder(routing, "t1")).isNull();

        online(routing, expert("bob", "acme").build());
        assertThat(routing.tick().offersMade()).isEqualTo(1);
        assertThat(holder(routing, "t1")).isEqualTo("bob");
        assertThat(routing.claim("ann", "t1").status()).isEqualTo(ClaimResult.Status.TAKEN);
    }

    @Test
    void pushTicketCannotBeClaimedWithoutAnOffer() {
        RoutingService routing = push(0);
        routing.submit(ticket("t1", "acme").build());
        online(routing, expert("ann", "acme").build());
        assertThat(routing.claim("ann", "t1").failedRule()).isEqualTo(Rule.AVAILABLE);
        routing.tick();
        assertThat(routing.claim("ann", "t1").won()).isTrue();
    }

    @Test
    void reservesAShareOfOffersForNewExperts() {
        RoutingService routing = push(25);
        for (String vet : List.of("vet1", "vet2")) {
            online(routing, expert(vet, "acme").certify("hist", Fixtures.NEXT_YEAR).capacity(100)
                    .skill("billing", 5).skill("retention", 3).build());
            veteran(routing, vet);
        }
        online(routing, expert("rookie", "acme").capacity(100).skill("billing", 1).build());

        int toRookie = 0;
        for (int i = 0; i < 40; i++) {
            String id = "t" + i;
            routing.submit(ticket(id, "acme").require("billing", 1).prefer("retention", 3).build());
            String h = holder(routing, id);
            toRookie += "rookie".equals(h) ? 1 : 0;
            routing.claim(h, id);
        }
        // Skill match alone would never pick the rookie; the share gives them a quarter.
        assertThat(toRookie).isEqualTo(10);
    }

    @Test
    void offerTimeoutsReleaseTheReservedSlot() {
        RoutingService routing = push(0);
        online(routing, expert("ann", "acme").build());
        routing.submit(ticket("t1", "acme").build());
        routing.submit(ticket("t2", "acme").build());
        assertThat(routing.expert("ann").orElseThrow().slotsInUse()).isEqualTo(1);
        assertThat(ids(routing.offers("ann", 10))).containsExactly("t1");

        clock.advance(Duration.ofSeconds(30));
        routing.tick();

        assertThat(holder(routing, "t1")).isNull();
        assertThat(holder(routing, "t2")).isEqualTo("ann");
        assertThat(routing.expert("ann").orElseThrow().slotsInUse()).isEqualTo(1);
    }
}
