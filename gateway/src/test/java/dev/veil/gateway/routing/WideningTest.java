package dev.veil.gateway.routing;

import static dev.veil.gateway.routing.Fixtures.claimMode;
import static dev.veil.gateway.routing.Fixtures.config;
import static dev.veil.gateway.routing.Fixtures.expert;
import static dev.veil.gateway.routing.Fixtures.ids;
import static dev.veil.gateway.routing.Fixtures.online;
import static dev.veil.gateway.routing.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.config.WideningStep;
import dev.veil.gateway.routing.model.Rule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WideningTest {

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private RoutingService routing;

    @BeforeEach
    void setUp() {
        routing = Fixtures.service(config("acme", claimMode().widening(List.of(
                WideningStep.of(Duration.ofMinutes(2), true, 0),
                WideningStep.of(Duration.ofMinutes(5), false, 1),
                WideningStep.of(Duration.ofMinutes(10), false, 4))).build()), clock);
        online(routing, expert("expert", "acme").skill("billing", 4).skill("retention", 3).build());
        online(routing, expert("plain", "acme").skill("billing", 3).build());
        online(routing, expert("junior", "acme").skill("billing", 1).build());
        online(routing, expert("none", "acme").build());
        routing.submit(ticket("t1", "acme").require("billing", 4).prefer("retention", 2).build());
    }

    @Test
    void relaxesOptionalRequirementsStepByStep() {
        assertThat(visibleTo()).containsExactly("expert");

        clock.advance(Duration.ofMinutes(2));
        assertThat(visibleTo()).containsExactly("expert");

        clock.advance(Duration.ofMinutes(3));
        assertThat(visibleTo()).containsExactly("expert", "plain");

        clock.advance(Duration.ofMinutes(5));
        assertThat(visibleTo()).containsExactly("expert", "plain", "junior");

        clock.advance(Duration.ofHours(5));
        assertThat(visibleTo()).as("a required skill is never dropped").doesNotContain("none");
    }

    @Test
    void claimFollowsTheSameLadder() {
        assertThat(routing.claim("plain", "t1").failedRule()).isEqualTo(Rule.SKILL_LEVELS);
        clock.advance(Duration.ofMinutes(5));
        assertThat(routing.claim("plain", "t1").won()).isTrue();
    }

    @Test
    void minimumWaitIsTheFirstStepThatLetsTheExpertIn() {
        List<WideningStep> ladder = List.of(WideningStep.of(Duration.ofMinutes(2), true, 0),
                WideningStep.of(Duration.ofMinutes(5), false, 2));
        Map<String, Integer> req = Map.of("billing", 4);
        Map<String, Integer> pref = Map.of("retention", 2);

        assertThat(Widening.minWaitMillis(Map.of("billing", 4, "retention", 2), req, pref, ladder)).isZero();
        assertThat(Widening.minWaitMillis(Map.of("billing", 4), req, pref, ladder)).isEqualTo(120_000);
        assertThat(Widening.minWaitMillis(Map.of("billing", 2), req, pref, ladder)).isEqualTo(300_000);
        assertThat(Widening.minWaitMillis(Map.of("billing", 1), req, pref, ladder)).isEqualTo(Widening.NEVER);
        assertThat(Widening.minWaitMillis(Map.of("retention", 5), req, pref, ladder)).isEqualTo(Widening.NEVER);
        assertThat(Widening.minWaitMillis(Map.of("billing", 4), req, pref, List.of())).isEqualTo(Widening.NEVER);
    }

    private List<String> visibleTo() {
        return List.of("expert", "plain", "junior", "none").stream()
                .filter(e -> ids(routing.offers(e, 10)).contains("t1")).toList();
    }
}
