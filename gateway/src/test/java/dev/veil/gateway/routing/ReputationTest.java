package dev.veil.gateway.routing;

import static dev.veil.gateway.routing.Fixtures.claimMode;
import static dev.veil.gateway.routing.Fixtures.expert;
import static dev.veil.gateway.routing.Fixtures.online;
import static dev.veil.gateway.routing.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.model.Outcome;
import dev.veil.gateway.routing.model.RuleResult;
import dev.veil.gateway.routing.model.ScoreSummary;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReputationTest {

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private RoutingService routing;
    private int seq;

    @BeforeEach
    void setUp() {
        RoutingConfig config = new RoutingConfig(4, 3, Duration.ofMinutes(15), Duration.ofDays(30), Map.of(
                "acme", claimMode().minRating(70).minRatings(3).hysteresis(10).minQuality(60).build(),
                "bolt", claimMode().minRating(40).minRatings(3).build(),
                // Where the tests produce resolved tickets to rate: its gates never apply.
                "calm", claimMode().minRatings(10_000).minQualityReviews(10_000).build()));
        routing = Fixtures.service(config, clock);
        online(routing, expert("ann", "acme").certify("bolt", Fixtures.NEXT_YEAR)
                .certify("calm", Fixtures.NEXT_YEAR).capacity(5).build());
        online(routing, expert("bob", "acme").build());
    }

    @Test
    void ratingIsTheMeanOfTheLastNRatedTickets() {
        rate("ann", 100);
        rate("ann", 0);
        rate("ann", 50);
        rate("ann", 90);
        assertThat(rating("ann").sum()).isEqualTo(240);
        rate("ann", 70); // window of 4: the 100 drops out
        assertThat(rating("ann").count()).isEqualTo(4);
        assertThat(rating("ann").average()).contains(new BigDecimal("52.50"));
    }

    @Test
    void gateAppliesOnlyFromTheMinimumSample() {
        rate("ann", 0);
        rate("ann", 0);
        assertThat(seesNewTicket("ann", "acme")).as("2 ratings < floor of 3").isTrue();
        rate("ann", 0);
        assertThat(seesNewTicket("ann", "acme")).isFalse();
        assertThat(seesNewTicket("ann", "bolt")).as("bolt's own threshold also fails at 0").isFalse();
    }

    @Test
    void hysteresisKeepsTheGateClosedUntilMinimumPlusMargin() {
        rate("ann", 80);
        rate("ann", 80);
        rate("ann", 40); // mean 66.67 < 70
        assertThat(seesNewTicket("ann", "acme")).isFalse();
        assertThat(seesNewTicket("ann", "bolt")).as("other brand's threshold is lower").isTrue();

        rate("ann", 100); // 300/4 = 75: above 70, below 70 + 10
        assertThat(seesNewTicket("ann", "acme")).isFalse();

        rate("ann", 100); // window drops first 80: 320/4 = 80 reaches 80
        assertThat(seesNewTicket("ann", "acme")).isTrue();

        rate("ann", 40); // 80+40+100+100... window now 40,100,100,40 = 70: open gate stays open at 70
        assertThat(rating("ann").average()).contains(new BigDecimal("70.00"));
        assertThat(seesNewTicket("ann", "acme")).isTrue();
    }

    @Test
    void brandGatesListEveryCertifiedBrandInOrderWithThePerBrandGates() {
        rate("ann", 0);
        rate("ann", 0);
        rate("ann", 0);
        Map<String, List<RuleResult>> gates = routing.brandGates("ann");
        assertThat(gates.keySet()).containsExactly("acme", "bolt", "calm");
        gates.forEach((brand, rules) -> assertThat(rules).isEqualTo(routing.gates("ann", brand).orElseThrow()));
        assertThat(RuleResult.allPassed(gates.get("acme"))).as("the rating gate of acme is closed").isFalse();
        assertThat(gates.get("acme")).filteredOn(r -> !r.passed()).extracting(RuleResult::ruleName).contains("rating");
        assertThat(RuleResult.allPassed(gates.get("calm"))).isTrue();
        assertThat(routing.brandGates("nobody")).isEmpty();
    }

    @Test
    void excludedRatingsDoNotCount() {
        rate("ann", 90);
        rate("ann", 90);
        String complaint = resolvedTicket("ann");
        assertThat(routing.csat(complaint, 0, true)).isEqualTo(EventResult.APPLIED);
        assertThat(rating("ann").count()).isEqualTo(2);

        String later = resolvedTicket("ann");
        routing.csat(later, 10, false);
        assertThat(rating("ann").count()).isEqualTo(3);
        assertThat(seesNewTicket("ann", "acme")).isFalse();

        assertThat(routing.excludeRating(later)).isEqualTo(EventResult.APPLIED);
        assertThat(rating("ann").count()).isEqualTo(2);
        assertThat(seesNewTicket("ann", "acme")).isTrue();
        assertThat(routing.excludeRating(later)).isEqualTo(EventResult.IGNORED);
    }

    @Test
    void qaScoresGateByQuality() {
        String t = resolvedTicket("ann");
        routing.qa(t, 50);
        assertThat(routing.expert("ann").orElseThrow().quality().count()).isEqualTo(1);
        assertThat(seesNewTicket("ann", "acme")).isFalse();
        routing.qa(t, 100); // same ticket re-reviewed: replaces the score
        assertThat(routing.expert("ann").orElseThrow().quality().sum()).isEqualTo(100);
        assertThat(seesNewTicket("ann", "acme")).isTrue();
    }

    @Test
    void existingClaimsAreUnaffectedByAClosedGate() {
        routing.submit(ticket("held", "acme").build());
        assertThat(routing.claim("ann", "held").won()).isTrue();
        rate("ann", 0);
        rate("ann", 0);
        rate("ann", 0);

        assertThat(routing.ticket("held").orElseThrow().claim().expertId()).isEqualTo("ann");
        assertThat(routing.reply("ann", "held")).isEqualTo(EventResult.APPLIED);
        assertThat(routing.resolved("held", Outcome.ACCEPTED)).isEqualTo(EventResult.APPLIED);
    }

    @Test
    void unknownTicketEventsAreReported() {
        assertThat(routing.csat("nope", 50, false)).isEqualTo(EventResult.UNKNOWN);
        assertThat(routing.qa("nope", 50)).isEqualTo(EventResult.UNKNOWN);
    }

    private boolean seesNewTicket(String expertId, String brand) {
        String id = "probe-" + (++seq);
        routing.submit(ticket(id, brand).build());
        boolean sees = Fixtures.ids(routing.offers(expertId, 100)).contains(id);
        routing.withdraw(id);
        return sees;
    }

    private void rate(String expertId, int score) {
        routing.csat(resolvedTicket(expertId), score, false);
    }

    private String resolvedTicket(String expertId) {
        String id = "r-" + (++seq);
        routing.submit(ticket(id, "calm").build());
        assertThat(routing.claim(expertId, id).won()).isTrue();
        routing.resolved(id, Outcome.ACCEPTED);
        return id;
    }

    private ScoreSummary rating(String expertId) {
        return routing.expert(expertId).orElseThrow().rating();
    }
}
