package dev.veil.gateway.routing;

import static dev.veil.gateway.routing.Fixtures.claimMode;
import static dev.veil.gateway.routing.Fixtures.config;
import static dev.veil.gateway.routing.Fixtures.expert;
import static dev.veil.gateway.routing.Fixtures.online;
import static dev.veil.gateway.routing.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.model.ClaimResult;
import dev.veil.gateway.routing.model.Rule;
import dev.veil.gateway.routing.store.InMemoryRoutingStore;
import dev.veil.gateway.routing.store.MvRoutingStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Races on the in-memory store, on the file store, whose writers share fsynced commits, and on PostgreSQL. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClaimRaceTest {

    private final MutableClock clock = new MutableClock(Fixtures.START);

    @TempDir
    Path dir;

    enum Store {
        MEMORY, FILE, POSTGRES;

        RoutingStore open(Path dir) {
            return switch (this) {
                case MEMORY -> new InMemoryRoutingStore();
                case FILE -> MvRoutingStore.open(dir.resolve("routing.mv.db"));
                case POSTGRES -> dev.veil.gateway.routing.store.PgRoutingStore.of(Postgres.database(dir), "test");
            };
        }
    }

    /** One schema per test (named after its temporary directory), on the shared test server. */
    static final class Postgres {
        private static final Map<Path, dev.veil.gateway.store.pg.PgDatabase> BY_DIR = new java.util.concurrent.ConcurrentHashMap<>();

        static dev.veil.gateway.store.pg.PgDatabase database(Path dir) {
            return BY_DIR.computeIfAbsent(dir, d -> dev.veil.gateway.store.pg.EmbeddedPg.freshDatabase("race"));
        }

        static void closeAll() {
            BY_DIR.values().forEach(dev.veil.gateway.store.pg.PgDatabase::close);
            BY_DIR.clear();
        }
    }

    @org.junit.jupiter.api.AfterEach
    void closeDatabases() {
        Postgres.closeAll();
    }

    private RoutingService service(Store store, RoutingConfig config) {
        return RoutingService.open(config, store.open(dir), clock);
    }

    /** The same routing reopened on what the store kept; the in-memory store keeps its maps across opens. */
    private RoutingService reopen(Store store, RoutingStore memory, RoutingConfig config) {
        return RoutingService.open(config, store == Store.MEMORY ? memory : store.open(dir), clock);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void exactlyOneOfHundredThreadsWinsTheSameTicket(Store store) throws Exception {
        RoutingConfig config = config("acme", claimMode().build());
        Map<String, String> winners = new HashMap<>();
        RoutingStore kept = store.open(dir);
        try (RoutingService routing = RoutingService.open(config, kept, clock)) {
            for (int i = 0; i < 100; i++) {
                online(routing, expert("e" + i, "acme").capacity(20).build());
            }
            for (int round = 0; round < 20; round++) {
                String ticketId = "t" + round;
                routing.submit(ticket(ticketId, "acme").build());
                List<ClaimResult> results = race(100, i -> routing.claim("e" + i, ticketId));

                assertThat(results).filteredOn(ClaimResult::won).hasSize(1);
                assertThat(results).filteredOn(r -> !r.won())
                        .allSatisfy(r -> assertThat(r.status()).isEqualTo(ClaimResult.Status.TAKEN));
                String winner = results.stream().filter(ClaimResult::won).findFirst().orElseThrow().claim().expertId();
                assertThat(routing.ticket(ticketId).orElseThrow().claim().expertId()).isEqualTo(winner);
                winners.put(ticketId, winner);
            }
        }

        try (RoutingService routing = reopen(store, kept, config)) {
            winners.forEach((ticketId, winner) ->
                    assertThat(routing.ticket(ticketId).orElseThrow().claim().expertId()).as(ticketId).isEqualTo(winner));
            for (int i = 0; i < 100; i++) {
                String expertId = "e" + i;
                assertThat(routing.expert(expertId).orElseThrow().slotsInUse()).as(expertId)
                        .isEqualTo((int) winners.values().stream().filter(expertId::equals).count());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void concurrentClaimsNeverExceedCapacity(Store store) throws Exception {
        try (RoutingService routing = service(store, config("acme", claimMode().build()))) {
            online(routing, expert("ann", "acme").capacity(3).build());
            for (int i = 0; i < 64; i++) {
                routing.submit(ticket("t" + i, "acme").build());
            }

            List<ClaimResult> results = race(64, i -> routing.claim("ann", "t" + i));

            assertThat(results).filteredOn(ClaimResult::won).hasSize(3);
            assertThat(results).filteredOn(r -> !r.won())
                    .allSatisfy(r -> assertThat(r.failedRule()).isEqualTo(Rule.CAPACITY));
            assertThat(routing.expert("ann").orElseThrow().slotsInUse()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void claimsAndReleasesRacingKeepSlotsConsistent(Store store) throws Exception {
        RoutingConfig config = config("acme", claimMode().build());
        RoutingStore kept = store.open(dir);
        try (RoutingService routing = RoutingService.open(config, kept, clock)) {
            for (int i = 0; i < 8; i++) {
                online(routing, expert("e" + i, "acme").capacity(2).build());
            }
            for (int i = 0; i < 16; i++) {
                routing.submit(ticket("t" + i, "acme").build());
            }

            race(8, i -> {
                for (int n = 0; n < 500; n++) {
                    String t = "t" + ((n * 7 + i) % 16);
                    if (routing.claim("e" + i, t).won()) {
                        routing.release("e" + i, t);
                    }
                }
                return null;
            });

            for (int i = 0; i < 8; i++) {
                assertThat(routing.expert("e" + i).orElseThrow().slotsInUse()).isZero();
            }
            assertThat(routing.offers("e0", 100)).hasSize(16);
        }

        try (RoutingService routing = reopen(store, kept, config)) {
            for (int i = 0; i < 16; i++) {
                assertThat(routing.ticket("t" + i).orElseThrow().claim()).as("t" + i).isNull();
            }
            for (int i = 0; i < 8; i++) {
                assertThat(routing.expert("e" + i).orElseThrow().slotsInUse()).isZero();
            }
        }
    }

    private interface Task<T> {
        T run(int i) throws Exception;
    }

    private static <T> List<T> race(int threads, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.run(n);
                }));
            }
            ready.await();
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
