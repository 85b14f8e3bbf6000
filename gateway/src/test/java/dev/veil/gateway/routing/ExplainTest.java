package dev.veil.gateway.routing;

import static dev.veil.gateway.routing.Fixtures.claimMode;
import static dev.veil.gateway.routing.Fixtures.config;
import static dev.veil.gateway.routing.Fixtures.expert;
import static dev.veil.gateway.routing.Fixtures.online;
import static dev.veil.gateway.routing.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.model.ExpertProfile;
import dev.veil.gateway.routing.model.Outcome;
import dev.veil.gateway.routing.model.Rule;
import dev.veil.gateway.routing.model.RuleResult;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExplainTest {

    private final MutableClock clock = new MutableClock(Fixtures.START);

    @Test
    void explainsEveryRuleForAnEligibleExpert() {
        RoutingService routing = Fixtures.service(config("acme", claimMode().build()), clock);
        online(routing, expert("ann", "acme").skill("billing", 3).build());
        routing.submit(ticket("t1", "acme").require("billing", 2).build());

        List<RuleResult> rules = routing.explain("t1", "ann").orElseThrow();

        assertThat(rules).extracting(RuleResult::rule).containsExactly(Rule.values());
        assertThat(rules).allSatisfy(r -> assertThat(r.passed()).as(r.toString()).isTrue());
        assertThat(detail(rules, Rule.SKILL_LEVELS)).startsWith("met without widening");
        assertThat(detail(rules, Rule.CAPACITY)).isEqualTo("0 of 1 slots in use");
    }

    @Test
    void namesEachFailingRuleWithItsReason() {
        RoutingService routing = Fixtures.service(config("acme", claimMode()
                .removed(Set.of("rem")).handpicked(Set.of("star")).handpickedWindow(Duration.ofMinutes(3))
                .minRatings(1).build()), clock);
        routing.upsertExpert(expert("off", "acme").build());
        online(routing, expert("expired", "acme").certify("acme", Fixtures.START).build());
        online(routing, expert("rem", "acme").build());
        online(routing, expert("sus", "acme").build());
        routing.setSuspended("sus", true);
        online(routing, ExpertProfile.builder("spanish").certify("acme", Fixtures.NEXT_YEAR).language("es").build());
        online(routing, expert("star", "acme").skill("billing", 1).build());
        online(routing, expert("plain", "acme").skill("billing", 1).build());
        routing.submit(ticket("t1", "acme").require("billing", 1).build());

        assertThat(failed(routing, "off")).containsExactly(Rule.ONLINE, Rule.REQUIRED_SKILLS, Rule.SKILL_LEVELS,
                Rule.HANDPICKED_WINDOW);
        assertThat(failed(routing, "expired")).contains(Rule.CERTIFICATION_CURRENT);
        assertThat(detail(routing.explain("t1", "expired").orElseThrow(), Rule.CERTIFICATION_CURRENT))
                .isEqualTo("expired at 2026-03-02T09:00:00Z");
        assertThat(failed(routing, "rem")).contains(Rule.NOT_REMOVED);
        assertThat(failed(routing, "sus")).contains(Rule.NOT_SUSPENDED);
        assertThat(failed(routing, "spanish")).contains(Rule.LANGUAGE, Rule.REQUIRED_SKILLS);
        assertThat(detail(routing.explain("t1", "spanish").orElseThrow(), Rule.LANGUAGE))
                .isEqualTo("ticket language en; expert speaks [es]");
        assertThat(detail(routing.explain("t1", "spanish").orElseThrow(), Rule.REQUIRED_SKILLS))
                .isEqualTo("needs [billing]; missing [billing]");
        assertThat(failed(routing, "star")).isEmpty();
        assertThat(failed(routing, "plain")).containsExactly(Rule.HANDPICKED_WINDOW);
        assertThat(detail(routing.explain("t1", "plain").orElseThrow(), Rule.HANDPICKED_WINDOW))
                .isEqualTo("first 3m reserved for handpicked experts; ticket waited 0s");

        routing.claim("star", "t1");
        clock.advance(Duration.ofMinutes(3));
        assertThat(failed(routing, "plain")).containsExactly(Rule.AVAILABLE);
        assertThat(detail(routing.explain("t1", "plain").orElseThrow(), Rule.AVAILABLE))
                .isEqualTo("claimed by another expert");
    }

    @Test
    void explainsGatesAndWideningInNumbers() {
        RoutingService routing = Fixtures.service(config("acme", claimMode().minRatings(1).minRating(70)
                .hysteresis(5).widening(List.of(dev.veil.gateway.routing.config.WideningStep.of(
                        Duration.ofMinutes(5), false, 1))).build()), clock);
        online(routing, expert("ann", "acme").skill("billing", 2).capacity(3).build());
        routing.submit(ticket("r1", "acme").build());
        routing.claim("ann", "r1");
        routing.resolved("r1", Outcome.ACCEPTED);
        routing.csat("r1", 60, false);
        routing.submit(ticket("t1", "acme").require("billing", 3).build());

        List<RuleResult> rules = routing.explain("t1", "ann").orElseThrow();
        assertThat(detail(rules, Rule.RATING))
                .isEqualTo("rating 60.00 over 1; gate was closed, reopens at 75 (minimum 70 + hysteresis 5)");
        assertThat(detail(rules, Rule.SKILL_LEVELS)).isEqualTo("met once the ticket has waited 5m: required"
                + " [billing>=3], preferred none; expert has [billing>=2]; ticket waited 0s (no relaxation yet)");
    }

    @Test
    void detailsCarryNoPersonalData() {
        RoutingService routing = Fixtures.service(config("acme", claimMode().build()), clock);
        online(routing, expert("ann", "acme").build());
        routing.submit(ticket("t1", "acme").build());
        String all = routing.explain("t1", "ann").orElseThrow().stream().map(RuleResult::detail)
                .collect(Collectors.joining("\n"));
        // Routing only ever holds routing attributes; details quote them and nothing else.
        assertThat(all).doesNotContain("@").doesNotContainPattern("\\d{6,}");
        assertThat(routing.explain("t1", "nobody")).isEmpty();
        assertThat(routing.explain("t9", "ann")).isEmpty();
    }

    private static Set<Rule> failed(RoutingService routing, String expertId) {
        return routing.explain("t1", expertId).orElseThrow().stream().filter(r -> !r.passed())
                .map(RuleResult::rule).collect(Collectors.toCollection(() -> EnumSet.noneOf(Rule.class)));
    }

    private static String detail(List<RuleResult> rules, Rule rule) {
        return rules.stream().filter(r -> r.rule() == rule).findFirst().orElseThrow().detail();
    }

}
