package dev.veil.gateway.routing;

import static dev.veil.gateway.routing.Fixtures.claimMode;
import static dev.veil.gateway.routing.Fixtures.config;
import static dev.veil.gateway.routing.Fixtures.expert;
import static dev.veil.gateway.routing.Fixtures.online;
import static dev.veil.gateway.routing.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClaimRaceTest {

    private final MutableClock clock = new MutableClock(Fixtures.START);

    @Test
    void exactlyOneOfHundredThreadsWinsTheSameTicket() throws Exception {
        RoutingService routing = Fixtures.service(config("acme", claimMode().build()), clock);
        for (int i = 0; i < 100; i++) {
            online(routing, expert("e" + i, "acme").build());
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
            routing.resolved(ticketId, Outcome.REJECTED);
        }
    }

    @Test
    void concurrentClaimsNeverExceedCapacity() throws Exception {
        RoutingService routing = Fixtures.service(config("acme", claimMode().build()), clock);
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

    @Test
    void claimsAndReleasesRacingKeepSlotsConsistent() throws Exception {
        RoutingService routing = Fixtures.service(config("acme", claimMode().build()), clock);
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
