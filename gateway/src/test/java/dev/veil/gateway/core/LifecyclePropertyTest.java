package dev.veil.gateway.core;

import static dev.veil.gateway.core.CoreFixtures.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.gateway.routing.model.Claim;
import dev.veil.gateway.routing.model.ExpertView;
import dev.veil.gateway.routing.MutableClock;
import dev.veil.gateway.routing.model.Outcome;
import dev.veil.gateway.routing.model.TicketRecord;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of intake, claim, view, reply, release, timeouts (clock advance and routing
 * tick) and CRM events never give a ticket two claimants, never put an expert over capacity, and
 * never let an expert read or answer a ticket they do not hold.
 */
class LifecyclePropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TICKETS = 4;
    private static final List<String> EXPERTS = List.of("exp-1", "exp-2", "exp-3");
    private static final int[] CAPACITY = {1, 2, 1};

    /** One step of a scenario. */
    sealed interface Step permits Intake, ClaimIt, View, Reply, Release, Timeout, Event {}
    record Intake(int ticket) implements Step {}
    record ClaimIt(int expert, int ticket) implements Step {}
    record View(int expert, int ticket) implements Step {}
    record Reply(int expert, int ticket) implements Step {}
    record Release(int expert, int ticket) implements Step {}
    record Timeout(int minutes) implements Step {}
    record Event(int ticket, int kind) implements Step {}

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<Integer> ticket = Arbitraries.integers().between(0, TICKETS - 1);
        Arbitrary<Integer> expert = Arbitraries.integers().between(0, EXPERTS.size() - 1);
        Arbitrary<Step> step = Arbitraries.oneOf(
                ticket.map(Intake::new),
                Combinators.combine(expert, ticket).as(ClaimIt::new),
                Combinators.combine(expert, ticket).as(ClaimIt::new),
                Combinators.combine(expert, ticket).as(View::new),
                Combinators.combine(expert, ticket).as(Reply::new),
                Combinators.combine(expert, ticket).as(Release::new),
                Arbitraries.integers().between(1, 20).map(Timeout::new),
                Combinators.combine(ticket, Arbitraries.integers().between(0, 4)).as(Event::new));
        return step.list().ofMinSize(5).ofMaxSize(40);
    }

    @Property(tries = 25)
    void claimsStayExclusiveWithinCapacityAndOnlyHoldersRead(@ForAll("scenarios") List<Step> steps) throws Exception {
        MutableClock clock = new MutableClock(START);
        GatewayCore.Builder b = GatewayCore.builder().keys(new EphemeralKeyProvider(new SecureRandom()))
                .routing(CoreFixtures.routing()).clock(clock).brand(CoreFixtures.brand("acme"));
        ObjectNode template = (ObjectNode) JSON.readTree(CoreFixtures.ticket("zendesk-en"));
        Map<Integer, String> ids = new HashMap<>();
        try (GatewayCore core = b.build()) {
            for (int i = 0; i < EXPERTS.size(); i++) {
                core.routing().upsertExpert(CoreFixtures.expert(EXPERTS.get(i), CAPACITY[i]));
                core.routing().setOnline(EXPERTS.get(i), true);
            }
            for (Step step : steps) {
                run(core, clock, template, ids, step);
                checkCapacity(core);
            }
        }
    }

    private static void run(GatewayCore core, MutableClock clock, ObjectNode template, Map<Integer, String> ids, Step step) throws Exception {
        if (step instanceof Intake s) {
            ObjectNode t = template.deepCopy();
            ((ObjectNode) t.get("ticket")).put("id", 70_000 + s.ticket());
            ids.put(s.ticket(), core.intake().submit("acme", JSON.writeValueAsBytes(t)).ticketId());
        } else if (step instanceof ClaimIt s) {
            String id = ids.get(s.ticket());
            if (id == null) {
                return;
            }
            String before = holder(core, id);
            try {
                Claim c = core.experts().claim(EXPERTS.get(s.expert()), id);
                assertThat(before).as("a second claimant for %s", id).isNull();
                assertThat(holder(core, id)).isEqualTo(c.expertId()).isEqualTo(EXPERTS.get(s.expert()));
            } catch (GatewayException e) {
                assertThat(e.code()).isIn("claim_conflict", "not_eligible", "unknown_ticket");
                assertThat(holder(core, id)).isEqualTo(before);
            }
        } else if (step instanceof View s) {
            readOrAnswer(core, ids.get(s.ticket()), EXPERTS.get(s.expert()), false);
        } else if (step instanceof Reply s) {
            readOrAnswer(core, ids.get(s.ticket()), EXPERTS.get(s.expert()), true);
        } else if (step instanceof Release s) {
            String id = ids.get(s.ticket());
            if (id == null) {
                return;
            }
            String before = holder(core, id);
            try {
                core.experts().release(EXPERTS.get(s.expert()), id);
                assertThat(before).isEqualTo(EXPERTS.get(s.expert()));
                assertThat(holder(core, id)).isNull();
            } catch (GatewayException e) {
                assertThat(e.code()).isEqualTo("not_claimant");
                assertThat(before).isNotEqualTo(EXPERTS.get(s.expert()));
            }
        } else if (step instanceof Timeout s) {
            clock.advance(Duration.ofMinutes(s.minutes()));
            core.tick();
        } else if (step instanceof Event s) {
            String id = ids.get(s.ticket());
            if (id == null) {
                return;
            }
            try {
                switch (s.kind()) {
                    case 0 -> core.events().resolved("acme", id, Outcome.ACCEPTED);
                    case 1 -> core.events().reopened("acme", id);
                    case 2 -> core.events().csat("acme", id, 80, false);
                    case 3 -> core.events().qa("acme", id, 70);
                    default -> core.events().closed("acme", id);
                }
            } catch (GatewayException e) {
                assertThat(e.code()).isEqualTo("unknown_ticket");
            }
        }
    }

    /** A view or reply succeeds exactly when the expert holds the ticket. */
    private static void readOrAnswer(GatewayCore core, String id, String expert, boolean reply) {
        if (id == null) {
            return;
        }
        boolean holds = expert.equals(holder(core, id));
        try {
            if (reply) {
                core.experts().reply(expert, id, "Thanks, we are on it.");
            } else {
                assertThat(core.experts().view(expert, id).ticketId()).isEqualTo(id);
            }
            assertThat(holds).as("%s read or answered %s without holding it", expert, id).isTrue();
        } catch (GatewayException e) {
            assertThat(e.code()).isEqualTo("not_claimant");
            assertThat(holds).as("%s holds %s but was refused", expert, id).isFalse();
        }
    }

    private static String holder(GatewayCore core, String id) {
        return core.routing().ticket(id).map(TicketRecord::claim).map(Claim::expertId).orElse(null);
    }

    private static void checkCapacity(GatewayCore core) {
        for (int i = 0; i < EXPERTS.size(); i++) {
            ExpertView v = core.routing().expert(EXPERTS.get(i)).orElseThrow();
            assertThat(v.slotsInUse()).as("slots of %s", EXPERTS.get(i)).isBetween(0, CAPACITY[i]);
        }
    }
}
