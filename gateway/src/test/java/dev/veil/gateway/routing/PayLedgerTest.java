package dev.veil.gateway.routing;

import static dev.veil.gateway.routing.Fixtures.claimMode;
import static dev.veil.gateway.routing.Fixtures.config;
import static dev.veil.gateway.routing.Fixtures.expert;
import static dev.veil.gateway.routing.Fixtures.online;
import static dev.veil.gateway.routing.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.gateway.routing.config.SurgeRule;
import dev.veil.gateway.routing.model.Claim;
import dev.veil.gateway.routing.model.ClaimResult;
import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.model.LedgerEntry;
import dev.veil.gateway.routing.model.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PayLedgerTest {

    private final MutableClock clock = new MutableClock(Fixtures.START);

    private RoutingService routing(long basePayMinor, List<SurgeRule> surge) {
        RoutingService routing = Fixtures.service(config("acme", claimMode()
                .basePayMinor(basePayMinor).currency(Currency.getInstance("EUR"))
                .surge(surge).reopenWindow(Duration.ofHours(72)).build()), clock);
        online(routing, expert("ann", "acme").capacity(100).build());
        return routing;
    }

    private static void claimAndResolve(RoutingService routing, String id, Outcome outcome) {
        assertThat(routing.claim("ann", id).won()).isTrue();
        routing.resolved(id, outcome);
    }

    @Test
    void acceptedResolutionWritesAnEarningAtTheLockedMultiplier() {
        RoutingService routing = routing(333, List.of(SurgeRule.depth(3, 12_500)));
        routing.submit(ticket("t1", "acme").build());
        routing.submit(ticket("t2", "acme").build());
        routing.submit(ticket("t3", "acme").build());
        assertThat(routing.offers("ann", 1).get(0).surgeBps()).isEqualTo(12_500);
        assertThat(routing.offers("ann", 1).get(0).quotedPayMinor()).isEqualTo(416); // 416.25 rounds half up

        ClaimResult claim = routing.claim("ann", "t1");
        assertThat(claim.claim().surgeBps()).isEqualTo(12_500);
        // The backlog shrinks below the rule, but the claim keeps its multiplier.
        assertThat(routing.offers("ann", 1).get(0).surgeBps()).isEqualTo(10_000);
        routing.resolved("t1", Outcome.ACCEPTED);

        LedgerEntry e = routing.ledger().entries().get(0);
        assertThat(e.kind()).isEqualTo(LedgerEntry.Kind.EARNING);
        assertThat(e.expertId()).isEqualTo("ann");
        assertThat(e.ticketId()).isEqualTo("t1");
        assertThat(e.brand()).isEqualTo("acme");
        assertThat(e.currency()).isEqualTo("EUR");
        assertThat(e.basePayMinor()).isEqualTo(333);
        assertThat(e.surgeBps()).isEqualTo(12_500);
        assertThat(e.amountMinor()).isEqualTo(416);
    }

    @Test
    void oldestWaitRuleSurgesAndTheHighestMatchingRuleWins() {
        RoutingService routing = routing(1000, List.of(
                SurgeRule.oldestWait(Duration.ofMinutes(30), 15_000),
                SurgeRule.oldestWait(Duration.ofMinutes(10), 12_000),
                new SurgeRule(50, Duration.ofMinutes(5), 30_000)));
        routing.submit(ticket("t1", "acme").build());
        assertThat(routing.offers("ann", 1).get(0).surgeBps()).isEqualTo(10_000);
        clock.advance(Duration.ofMinutes(10));
        assertThat(routing.offers("ann", 1).get(0).surgeBps()).isEqualTo(12_000);
        clock.advance(Duration.ofMinutes(20));
        assertThat(routing.offers("ann", 1).get(0).quotedPayMinor()).isEqualTo(1_500);
    }

    @Test
    void rejectedOutcomePaysNothing() {
        RoutingService routing = routing(500, List.of());
        routing.submit(ticket("t1", "acme").build());
        claimAndResolve(routing, "t1", Outcome.REJECTED);
        assertThat(routing.ledger().entries()).isEmpty();
        assertThat(routing.expert("ann").orElseThrow().counters().resolutions()).isEqualTo(1);
    }

    @Test
    void reopenWithinWindowClawsBackOnceAndRequeues() {
        RoutingService routing = routing(500, List.of());
        routing.submit(ticket("t1", "acme").build());
        claimAndResolve(routing, "t1", Outcome.ACCEPTED);
        clock.advance(Duration.ofHours(72));

        assertThat(routing.reopened("t1")).isEqualTo(EventResult.APPLIED);

        List<LedgerEntry> entries = routing.ledger().entries();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(1).kind()).isEqualTo(LedgerEntry.Kind.CLAWBACK);
        assertThat(entries.get(1).amountMinor()).isEqualTo(-500);
        assertThat(entries.get(1).reverses()).isEqualTo(entries.get(0).seq());
        assertThat(routing.ledger().balance("ann")).isEqualTo(Map.of("EUR", 0L));
        assertThat(routing.ticket("t1")).isPresent();
        assertThat(routing.reopened("t1")).isEqualTo(EventResult.IGNORED);

        // Resolved again and paid again; a reopen after the window keeps the pay.
        claimAndResolve(routing, "t1", Outcome.ACCEPTED);
        clock.advance(Duration.ofHours(72).plusMillis(1));
        routing.reopened("t1");
        assertThat(routing.ledger().entries()).hasSize(3);
        assertThat(routing.ledger().balance("ann")).isEqualTo(Map.of("EUR", 500L));
    }

    @Test
    void anExpertsEntriesAndBalanceAreTheirsAlone() {
        RoutingService routing = routing(1, List.of());
        for (int i = 0; i < 6; i++) {
            String expert = i % 2 == 0 ? "ann" : "bob";
            Claim c = new Claim("t" + i, expert, "acme", Fixtures.START, Fixtures.START, 100 + i, "EUR", 10_000, true);
            LedgerEntry e = routing.ledger().earn(c, Fixtures.START);
            if (i == 4) {
                routing.ledger().clawBack(e.seq(), Fixtures.START);
            }
        }
        assertThat(routing.ledger().entriesOf("ann")).extracting(LedgerEntry::ticketId).containsExactly("t0", "t2", "t4", "t4");
        assertThat(routing.ledger().entriesOf("bob")).extracting(LedgerEntry::ticketId).containsExactly("t1", "t3", "t5");
        assertThat(routing.ledger().entriesOf("cid")).isEmpty();
        assertThat(routing.ledger().balance("ann")).isEqualTo(Map.of("EUR", 100L + 102L));
        assertThat(routing.ledger().balance("bob")).isEqualTo(Map.of("EUR", 101L + 103L + 105L));
    }

    @Test
    void ledgerSumsAreExactOverManyEntries() {
        Random random = new Random(42);
        long expected = 0;
        RoutingService routing = routing(1, List.of());
        for (int i = 0; i < 300; i++) {
            long base = 1 + random.nextInt(99_999);
            int bps = 10_000 + random.nextInt(90_001);
            Claim c = new Claim("t" + i, "ann", "acme", Fixtures.START, Fixtures.START, base, "EUR", bps, true);
            LedgerEntry e = routing.ledger().earn(c, Fixtures.START);
            // BigDecimal reference: base * bps / 10000, half up.
            long ref = new java.math.BigDecimal(base).multiply(new java.math.BigDecimal(bps))
                    .divide(new java.math.BigDecimal(10_000), 0, java.math.RoundingMode.HALF_UP).longValueExact();
            assertThat(e.amountMinor()).isEqualTo(ref);
            expected += ref;
            if (i % 3 == 0) {
                routing.ledger().clawBack(e.seq(), Fixtures.START);
                expected -= ref;
            }
        }
        assertThat(routing.ledger().balance("ann").get("EUR")).isEqualTo(expected);
    }

    @Test
    void exportsCsvAndJson() throws Exception {
        RoutingService routing = routing(450, List.of(SurgeRule.depth(1, 12_500)));
        routing.submit(ticket("t1", "acme").build());
        claimAndResolve(routing, "t1", Outcome.ACCEPTED);
        clock.advance(Duration.ofHours(1));
        routing.reopened("t1");

        StringWriter csv = new StringWriter();
        routing.ledger().writeCsv(csv, null, null);
        assertThat(csv.toString()).isEqualTo(
                "seq,at,kind,expert,ticket,brand,currency,base_pay,surge_multiplier,amount,amount_minor,reverses\n"
                + "1,2026-03-02T09:00:00Z,earning,ann,t1,acme,EUR,4.50,1.25,5.63,563,\n"
                + "2,2026-03-02T10:00:00Z,clawback,ann,t1,acme,EUR,4.50,1.25,-5.63,-563,1\n");

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        routing.ledger().writeJson(json, Fixtures.START.plusSeconds(1), null);
        JsonNode arr = new ObjectMapper().readTree(json.toByteArray());
        assertThat(arr).hasSize(1);
        assertThat(arr.get(0).get("kind").asText()).isEqualTo("clawback");
        assertThat(arr.get(0).get("amount").asText()).isEqualTo("-5.63");
        assertThat(arr.get(0).get("amountMinor").asLong()).isEqualTo(-563);
        assertThat(arr.get(0).get("reverses").asLong()).isEqualTo(1);
    }
}
