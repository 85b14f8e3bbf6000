package dev.veil.gateway.routing;

import static dev.veil.gateway.routing.Fixtures.claimMode;
import static dev.veil.gateway.routing.Fixtures.config;
import static dev.veil.gateway.routing.Fixtures.expert;
import static dev.veil.gateway.routing.Fixtures.ids;
import static dev.veil.gateway.routing.Fixtures.online;
import static dev.veil.gateway.routing.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.model.Offer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfferOrderTest {

    private final MutableClock clock = new MutableClock(Fixtures.START);

    @Test
    void listsByPriorityThenAge() {
        RoutingService routing = Fixtures.service(config("acme",
                claimMode().priorityWeight(Duration.ofDays(365)).build()), clock);
        online(routing, expert("ann", "acme").build());
        routing.submit(ticket("old-low", "acme").priority(1).build());
        clock.advance(Duration.ofMinutes(1));
        routing.submit(ticket("old-high", "acme").priority(7).build());
        clock.advance(Duration.ofMinutes(1));
        routing.submit(ticket("new-low", "acme").priority(1).build());
        clock.advance(Duration.ofMinutes(1));
        routing.submit(ticket("new-high", "acme").priority(7).build());

        assertThat(ids(routing.offers("ann", 20))).containsExactly("old-high", "new-high", "old-low", "new-low");
        assertThat(ids(routing.offers("ann", 3))).containsExactly("old-high", "new-high", "old-low");
    }

    @Test
    void ageingLetsALongWaitingLowPriorityTicketOvertake() {
        RoutingService routing = Fixtures.service(config("acme",
                claimMode().priorityWeight(Duration.ofMinutes(10)).build()), clock);
        online(routing, expert("ann", "acme").build());
        routing.submit(ticket("low", "acme").priority(1).build());
        clock.advance(Duration.ofMinutes(15));
        routing.submit(ticket("high", "acme").priority(2).build());
        // One priority point is worth 10 minutes of waiting: 'low' has waited 15.
        assertThat(ids(routing.offers("ann", 20))).containsExactly("low", "high");
        routing.submit(ticket("urgent", "acme").priority(4).build());
        assertThat(ids(routing.offers("ann", 20))).containsExactly("urgent", "low", "high");
    }

    @Test
    void changingThePriorityWeightReranksWaitingTickets() {
        RoutingService routing = Fixtures.service(config("acme",
                claimMode().priorityWeight(Duration.ofMinutes(10)).build()), clock);
        online(routing, expert("ann", "acme").build());
        routing.submit(ticket("low", "acme").priority(1).build());
        clock.advance(Duration.ofMinutes(15));
        routing.submit(ticket("high", "acme").priority(3).build());
        assertThat(ids(routing.offers("ann", 20))).containsExactly("high", "low");

        routing.reconfigure(config("acme", claimMode().priorityWeight(Duration.ofMinutes(5)).build()));

        assertThat(ids(routing.offers("ann", 20))).containsExactly("low", "high");
    }

    @Test
    void onlyMatchingLanguageAndSkillsAreOffered() {
        RoutingService routing = Fixtures.service(config("acme", claimMode().build()), clock);
        online(routing, expert("ann", "acme").language("es").skill("billing", 3).build());
        routing.submit(ticket("en-plain", "acme").build());
        routing.submit(ticket("es-billing", "acme").language("es").require("billing", 2).build());
        routing.submit(ticket("es-refunds", "acme").language("es").require("refunds", 1).build());
        routing.submit(ticket("de-plain", "acme").language("de").build());
        routing.submit(ticket("es-billing-5", "acme").language("es").require("billing", 5).build());

        assertThat(ids(routing.offers("ann", 20))).containsExactlyInAnyOrder("en-plain", "es-billing");
    }

    @Test
    void offersQuotePayAndHoldTime() {
        RoutingService routing = Fixtures.service(config("acme", claimMode()
                .basePayMinor(450).claimTtl(Duration.ofMinutes(20)).build()), clock);
        online(routing, expert("ann", "acme").build());
        routing.submit(ticket("t1", "acme").language("en").priority(5).channel("chat").build());

        Offer o = routing.offers("ann", 1).get(0);

        assertThat(o.brand()).isEqualTo("acme");
        assertThat(o.channel()).isEqualTo("chat");
        assertThat(o.priority()).isEqualTo(5);
        assertThat(o.quotedPayMinor()).isEqualTo(450);
        assertThat(o.currency()).isEqualTo("USD");
        assertThat(o.surgeBps()).isEqualTo(10_000);
        assertThat(o.holdFor()).isEqualTo(Duration.ofMinutes(20));
        assertThat(o.waitingSince()).isEqualTo(Fixtures.START);
        assertThat(o.respondBy()).isNull();
    }

    @Test
    void mergesAcrossBrandsInRankOrder() {
        RoutingService routing = Fixtures.service(RoutingConfig.of(Map.of(
                "acme", claimMode().build(), "bolt", claimMode().build())), clock);
        online(routing, expert("ann", "acme").certify("bolt", Fixtures.NEXT_YEAR).build());
        routing.submit(ticket("a1", "acme").build());
        clock.advance(Duration.ofSeconds(1));
        routing.submit(ticket("b1", "bolt").build());
        clock.advance(Duration.ofSeconds(1));
        routing.submit(ticket("a2", "acme").build());

        assertThat(ids(routing.offers("ann", 20))).containsExactly("a1", "b1", "a2");
    }

    @Test
    void rejectsOutOfRangePageSize() {
        RoutingService routing = Fixtures.service(config("acme", claimMode().build()), clock);
        assertThatThrownBy(() -> routing.offers("ann", 0)).hasMessage("limit: 0 (expected: 1 to 100)");
    }
}
