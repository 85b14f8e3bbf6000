package dev.veil.gateway.routing;

import static dev.veil.gateway.routing.Fixtures.await;
import static dev.veil.gateway.routing.Fixtures.claimMode;
import static dev.veil.gateway.routing.Fixtures.config;
import static dev.veil.gateway.routing.Fixtures.expert;
import static dev.veil.gateway.routing.Fixtures.online;
import static dev.veil.gateway.routing.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.model.ClaimResult;
import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.model.Outcome;
import dev.veil.gateway.routing.store.PgRoutingStore;
import dev.veil.gateway.store.pg.EmbeddedPg;
import dev.veil.gateway.store.pg.PgDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two routing nodes on one PostgreSQL schema, in one JVM: what one node does, the other learns
 * through the change feed — new tickets, claims, resolutions with their ledger entries, and
 * reputation windows including a rating excluded after the fact.
 */
@Timeout(60)
class PgTwoNodeRoutingTest {

    private final MutableClock clock = new MutableClock(Fixtures.START);

    @Test
    void eachNodeSeesTheOthersTicketsClaimsLedgerAndReputation() {
        RoutingConfig cfg = config("acme", claimMode().build());
        try (PgDatabase db = EmbeddedPg.freshDatabase("two_nodes");
                RoutingService a = RoutingService.open(cfg, PgRoutingStore.of(db, "a"), clock);
                RoutingService b = RoutingService.open(cfg, PgRoutingStore.of(db, "b"), clock)) {
            online(a, expert("ann", "acme").build());
            online(a, expert("bob", "acme").build());
            a.submit(ticket("t1", "acme").build());
            await(() -> !b.offers("ann", 10).isEmpty());

            ClaimResult won = b.claim("ann", "t1");
            assertThat(won.won()).isTrue();
            // node a may not have heard yet: the database refuses its claim either way
            assertThat(a.claim("bob", "t1").status()).isEqualTo(ClaimResult.Status.TAKEN);
            await(() -> a.ticket("t1").map(t -> t.claim() != null).orElse(false));

            assertThat(a.resolved("t1", Outcome.ACCEPTED)).isEqualTo(EventResult.APPLIED);
            await(() -> b.ticket("t1").isEmpty() && !b.ledger().entries().isEmpty());
            assertThat(b.ledger().entries()).singleElement().satisfies(e -> assertThat(e.expertId()).isEqualTo("ann"));

            assertThat(a.csat("t1", 90, false)).isEqualTo(EventResult.APPLIED);
            await(() -> b.expert("ann").orElseThrow().rating().count() == 1);
            assertThat(a.excludeRating("t1")).isEqualTo(EventResult.APPLIED);
            await(() -> b.expert("ann").orElseThrow().rating().count() == 0);
        }
    }
}
