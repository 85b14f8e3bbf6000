package dev.veil.gateway.routing;

import static dev.veil.gateway.routing.Fixtures.claimMode;
import static dev.veil.gateway.routing.Fixtures.config;
import static dev.veil.gateway.routing.Fixtures.expert;
import static dev.veil.gateway.routing.Fixtures.ids;
import static dev.veil.gateway.routing.Fixtures.online;
import static dev.veil.gateway.routing.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.model.ClaimResult;
import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.model.Outcome;
import dev.veil.gateway.routing.model.Rule;
import dev.veil.gateway.routing.model.SubmitResult;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClaimLifecycleTest {

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private RoutingService routing;

    @BeforeEach
    void setUp() {
        routing = Fixtures.service(config("acme", claimMode()
                .claimTtl(Duration.ofMinutes(10))
                .reofferCooldown(Duration.ofMinutes(30))
                .build()), clock);
        online(routing, expert("ann", "acme").capacity(2).build());
        online(routing, expert("bob", "acme").build());
    }

    @Test
    void claimHoldsTicketAndHidesItFromOthers() {
        routing.submit(ticket("t1", "acme").build());
        assertThat(ids(routing.offers("bob", 20))).containsExactly("t1");

        ClaimResult r = routing.claim("ann", "t1");

        assertThat(r.won()).isTrue();
        assertThat(r.claim().deadline()).isEqualTo(Fixtures.START.plus(Duration.ofMinutes(10)));
        assertThat(routing.offers("bob", 20)).isEmpty();
        assertThat(routing.claim("bob", "t1").status()).isEqualTo(ClaimResult.Status.TAKEN);
        assertThat(routing.expert("ann").orElseThrow().counters().claims()).isEqualTo(1);
    }

    @Test
    void claimWithoutReplyLapsesAtTtlCountsTimeoutAndCoolsDown() {
        routing.submit(ticket("t1", "acme").build());
        routing.claim("ann", "t1");

        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(routing.tick().claimsExpired()).isZero();
        assertThat(routing.ticket("t1").orElseThrow().claim()).isNotNull();

        clock.advance(Duration.ofMillis(1));
        assertThat(routing.tick().claimsExpired()).isEqualTo(1);

        assertThat(routing.ticket("t1").orElseThrow().claim()).isNull();
        assertThat(routing.expert("ann").orElseThrow().counters().timeouts()).isEqualTo(1);
        assertThat(routing.expert("ann").orElseThrow().slotsInUse()).isZero();
        assertThat(ids(routing.offers("bob", 20))).containsExactly("t1");
        assertThat(routing.offers("ann", 20)).isEmpty();
        assertThat(routing.claim("ann", "t1").failedRule()).isEqualTo(Rule.COOLDOWN);

        clock.advance(Duration.ofMinutes(30));
        assertThat(ids(routing.offers("ann", 20))).containsExactly("t1");
    }

    @Test
    void replyStopsTheClaimFromLapsing() {
        routing.submit(ticket("t1", "acme").build());
        routing.claim("ann", "t1");
        assertThat(routing.reply("ann", "t1")).isEqualTo(EventResult.APPLIED);
        assertThat(routing.reply("bob", "t1")).isEqualTo(EventResult.IGNORED);

        clock.advance(Duration.ofHours(2));
        routing.tick();

        assertThat(routing.ticket("t1").orElseThrow().claim().expertId()).isEqualTo("ann");
        assertThat(routing.expert("ann").orElseThrow().counters().timeouts()).isZero();
    }

    @Test
    void releaseReturnsTicketAtOnceAndFreesTheSlot() {
        routing.submit(ticket("t1", "acme").build());
        routing.claim("ann", "t1");
        assertThat(routing.release("bob", "t1")).isEqualTo(EventResult.IGNORED);

        assertThat(routing.release("ann", "t1")).isEqualTo(EventResult.APPLIED);

        assertThat(ids(routing.offers("bob", 20))).containsExactly("t1");
        assertThat(ids(routing.offers("ann", 20))).containsExactly("t1");
        assertThat(routing.expert("ann").orElseThrow().counters().releases()).isEqualTo(1);
        assertThat(routing.expert("ann").orElseThrow().slotsInUse()).isZero();
        // The old claim's deadline must not return the ticket from someone else later.
        assertThat(routing.claim("bob", "t1").won()).isTrue();
        clock.advance(Duration.ofMinutes(10));
        routing.tick();
        assertThat(routing.ticket("t1").orElseThrow().claim()).isNull();
        assertThat(routing.expert("bob").orElseThrow().counters().timeouts()).isEqualTo(1);
        assertThat(routing.expert("ann").orElseThrow().counters().timeouts()).isZero();
    }

    @Test
    void capacityLimitsConcurrentClaims() {
        routing.submit(ticket("t1", "acme").build());
        routing.submit(ticket("t2", "acme").build());
        routing.submit(ticket("t3", "acme").build());

        assertThat(routing.claim("ann", "t1").won()).isTrue();
        assertThat(routing.claim("ann", "t2").won()).isTrue();
        ClaimResult third = routing.claim("ann", "t3");

        assertThat(third.status()).isEqualTo(ClaimResult.Status.NOT_ELIGIBLE);
        assertThat(third.failedRule()).isEqualTo(Rule.CAPACITY);
        assertThat(routing.offers("ann", 20)).isEmpty();

        routing.resolved("t1", Outcome.ACCEPTED);
        assertThat(ids(routing.offers("ann", 20))).containsExactly("t3");
    }

    @Test
    void unknownTicketsAndExpertsAreReported() {
        routing.submit(ticket("t1", "acme").build());
        assertThat(routing.claim("nobody", "t1").status()).isEqualTo(ClaimResult.Status.UNKNOWN_EXPERT);
        assertThat(routing.claim("ann", "t9").status()).isEqualTo(ClaimResult.Status.UNKNOWN_TICKET);
        assertThat(routing.submit(ticket("t1", "acme").build())).isEqualTo(SubmitResult.DUPLICATE);
        assertThat(routing.submit(ticket("t2", "other").build())).isEqualTo(SubmitResult.UNKNOWN_BRAND);
        assertThat(routing.offers("nobody", 5)).isEmpty();
    }

    @Test
    void withdrawnTicketLeavesPoolAndFreesHolder() {
        routing.submit(ticket("t1", "acme").build());
        routing.claim("ann", "t1");

        assertThat(routing.withdraw("t1")).isEqualTo(EventResult.APPLIED);

        assertThat(routing.ticket("t1")).isEmpty();
        assertThat(routing.expert("ann").orElseThrow().slotsInUse()).isZero();
        assertThat(routing.ledger().entries()).isEmpty();
        assertThat(routing.withdraw("t1")).isEqualTo(EventResult.UNKNOWN);
    }
}
