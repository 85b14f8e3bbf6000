package dev.veil.gateway.routing;

import dev.veil.gateway.routing.store.InMemoryRoutingStore;
import dev.veil.gateway.routing.store.PgRoutingStore;
import dev.veil.gateway.store.pg.EmbeddedPg;
import dev.veil.gateway.store.pg.PgDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The routing behaviour suite (the same test classes that run on the in-memory store) run again
 * on the PostgreSQL store: each routing service of a test gets an emptied schema of the shared
 * test server.
 */
class PgRoutingBehaviourTest {

    static PgDatabase db;
    static final List<RoutingStore> opened = new ArrayList<>();

    @BeforeAll
    static void usePostgres() {
        db = EmbeddedPg.freshDatabase("routing_suite");
        Fixtures.stores = () -> {
            EmbeddedPg.truncateAll(db);
            PgRoutingStore s = PgRoutingStore.of(db, "test");
            synchronized (opened) {
                opened.add(s);
            }
            return s;
        };
    }

    @AfterEach
    void closeStores() {
        synchronized (opened) {
            opened.forEach(RoutingStore::close);
            opened.clear();
        }
    }

    @AfterAll
    static void useMemoryAgain() {
        Fixtures.stores = InMemoryRoutingStore::new;
        db.close();
    }

    @Nested
    class Claims extends ClaimLifecycleTest {
    }

    @Nested
    class Push extends PushDispatchTest {
    }

    @Nested
    class Refresh extends RefreshTest {
    }

    @Nested
    class Reputation extends ReputationTest {
    }

    @Nested
    class Ledger extends PayLedgerTest {
    }

    @Nested
    class OfferOrder extends OfferOrderTest {
    }

    @Nested
    class Widening extends WideningTest {
    }

    @Nested
    class Queues extends QueueStatsTest {
    }

    @Nested
    class Explain extends ExplainTest {
    }
}
