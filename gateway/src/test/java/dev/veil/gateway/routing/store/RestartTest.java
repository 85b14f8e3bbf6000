package dev.veil.gateway.routing.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.ClaimResult;
import dev.veil.gateway.routing.EventResult;
import dev.veil.gateway.routing.ExpertProfile;
import dev.veil.gateway.routing.ExpertView;
import dev.veil.gateway.routing.LedgerEntry;
import dev.veil.gateway.routing.MutableClock;
import dev.veil.gateway.routing.Outcome;
import dev.veil.gateway.routing.RoutingService;
import dev.veil.gateway.routing.TicketAttributes;
import dev.veil.gateway.routing.TicketRecord;
import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.config.RoutingMode;
import dev.veil.gateway.routing.config.RoutingSettings;
import dev.veil.gateway.routing.config.SurgeRule;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2027-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final RoutingConfig config = RoutingConfig.of(Map.of(
            "acme", RoutingSettings.builder().basePayMinor(500).claimTtl(Duration.ofMinutes(10))
                    .surge(List.of(SurgeRule.depth(2, 15_000))).minRatings(1).build(),
            "hub", RoutingSettings.builder().mode(RoutingMode.PUSH).offerTimeout(Duration.ofMinutes(1)).build()));

    @Test
    void stateSurvivesARestart(@TempDir Path dir) {
        Path file = dir.resolve("routing.mv.db");
        try (RoutingService routing = RoutingService.open(config, MvRoutingStore.open(file), clock)) {
            routing.upsertExpert(ExpertProfile.builder("ann").certify("acme", EXPIRY).certify("hub", EXPIRY)
                    .language("en").skill("billing", 3).capacity(4).build());
            routing.upsertExpert(ExpertProfile.builder("bob").certify("acme", EXPIRY).language("en").build());
            routing.setOnline("ann", true);
            routing.setOnline("bob", true);
            routing.submit(TicketAttributes.builder("open", "acme").require("billing", 2).priority(7).build());
            routing.submit(TicketAttributes.builder("held", "acme").build());
            routing.submit(TicketAttributes.builder("paid", "acme").build());
            assertThat(routing.claim("ann", "held").claim().surgeBps()).isEqualTo(15_000);
            routing.claim("ann", "paid");
            routing.resolved("paid", Outcome.ACCEPTED);
            routing.csat("paid", 40, false);
            routing.submit(TicketAttributes.builder("pushed", "hub").build());
            assertThat(routing.ticket("pushed").orElseThrow().offer().expertId()).isEqualTo("ann");
        }

        clock.advance(Duration.ofSeconds(30));
        try (RoutingService routing = RoutingService.open(config, MvRoutingStore.open(file), clock)) {
            TicketRecord open = routing.ticket("open").orElseThrow();
            assertThat(open.attributes().requiredSkills()).isEqualTo(Map.of("billing", 2));
            assertThat(open.attributes().priority()).isEqualTo(7);
            assertThat(open.enqueuedAt()).isEqualTo(START);
            TicketRecord held = routing.ticket("held").orElseThrow();
            assertThat(held.claim().expertId()).isEqualTo("ann");
            assertThat(held.claim().deadline()).isEqualTo(START.plus(Duration.ofMinutes(10)));
            assertThat(held.claim().surgeBps()).isEqualTo(15_000);

            ExpertView ann = routing.expert("ann").orElseThrow();
            assertThat(ann.online()).isTrue();
            assertThat(ann.slotsInUse()).as("held claim + pending push offer").isEqualTo(2);
            assertThat(ann.counters().claims()).isEqualTo(2);
            assertThat(ann.counters().resolutions()).isEqualTo(1);
            assertThat(ann.rating().count()).isEqualTo(1);
            assertThat(ann.rating().sum()).isEqualTo(40);
            assertThat(routing.offers("ann", 10)).extracting(o -> o.ticketId()).as("rating gate closed for acme")
                    .containsExactly("pushed");

            List<LedgerEntry> ledger = routing.ledger().entries();
            assertThat(ledger).hasSize(1);
            assertThat(ledger.get(0).ticketId()).isEqualTo("paid");
            assertThat(ledger.get(0).amountMinor()).isEqualTo(750);

            // Claim and push deadlines still fire after the restart.
            clock.advance(Duration.ofMinutes(9).plusSeconds(30));
            assertThat(routing.tick().claimsExpired()).isEqualTo(1);
            assertThat(routing.ticket("pushed").orElseThrow().offer()).isNull();
            assertThat(routing.ticket("held").orElseThrow().claim()).isNull();
            ClaimResult bob = routing.claim("bob", "held");
            assertThat(bob.won()).isTrue();

            // Reopen after restart still claws back: the resolution was stored.
            assertThat(routing.reopened("paid")).isEqualTo(EventResult.APPLIED);
            assertThat(routing.ledger().balance("ann")).isEqualTo(Map.of("USD", 0L));
        }

        try (RoutingService routing = RoutingService.open(config, MvRoutingStore.open(file), clock)) {
            assertThat(routing.ledger().entries()).hasSize(2);
            assertThat(routing.ticket("held").orElseThrow().claim().expertId()).isEqualTo("bob");
            assertThat(routing.ticket("held").orElseThrow().cooldowns()).containsKey("ann");
            assertThat(routing.ticket("paid")).isPresent();
            assertThat(routing.expert("ann").orElseThrow().counters().timeouts()).isEqualTo(2);
            assertThat(routing.expert("ann").orElseThrow().slotsInUse()).isZero();
        }
    }

    @Test
    void fileStaysBoundedUnderACommitPerOperation(@TempDir Path dir) {
        MvRoutingStore store = MvRoutingStore.open(dir.resolve("routing.mv.db"));
        try (RoutingService routing = RoutingService.open(config, store, clock)) {
            routing.upsertExpert(ExpertProfile.builder("ann").certify("acme", EXPIRY).language("en").build());
            routing.setOnline("ann", true);
            for (int i = 0; i < 500; i++) {
                routing.submit(TicketAttributes.builder("t" + i, "acme").require("billing", 1).build());
            }
            long afterLoad = store.fileSize();
            for (int i = 0; i < 3_000; i++) {
                routing.upsertExpert(ExpertProfile.builder("ann").certify("acme", EXPIRY).language("en")
                        .skill("billing", 1 + i % 5).build());
                if (i % 100 == 0) {
                    routing.tick();
                }
            }
            // 3,000 commits of about a page each would add tens of megabytes without reuse.
            assertThat(store.fileSize()).isLessThan(afterLoad + 4_000_000L);
        }
    }

    @Test
    void inMemoryStoreKeepsTheSameState() {
        InMemoryRoutingStore store = new InMemoryRoutingStore();
        try (RoutingService routing = RoutingService.open(config, store, clock)) {
            routing.upsertExpert(ExpertProfile.builder("ann").certify("acme", EXPIRY).language("en").build());
            routing.setOnline("ann", true);
            routing.submit(TicketAttributes.builder("t1", "acme").build());
            routing.claim("ann", "t1");
        }
        RoutingService again = RoutingService.open(config, store, clock);
        assertThat(again.ticket("t1").orElseThrow().claim().expertId()).isEqualTo("ann");
        assertThat(again.expert("ann").orElseThrow().slotsInUse()).isEqualTo(1);
        assertThat(store.ticketCount()).isEqualTo(1);
    }
}
