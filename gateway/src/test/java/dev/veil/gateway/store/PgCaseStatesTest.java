package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.store.pg.PgSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on PostgreSQL (each store a node of its own), and nodes racing states of one record. */
class PgCaseStatesTest extends CaseStatesContract {

    @RegisterExtension
    static final PgSchema PG = PgSchema.named("casestates");

    @Override
    CaseStates store() {
        return PgCaseStates.of(PG.db(), clock);
    }

    @Test
    void aStateTakenOnOneNodeMakesOlderOnesStaleOnAnother() {
        assertThat(store().advance("acme", "500xx0000000001", T2)).isTrue();
        assertThat(store().advance("acme", "500xx0000000001", T1)).isFalse();
    }

    @Test
    void nodesRacingStatesOfOneRecordKeepTheNewest() throws Exception {
        List<CaseStates> nodes = List.of(store(), store(), store());
        Instant base = Instant.parse("2026-03-02T08:00:00Z");
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new java.util.Random(7));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> running = new ArrayList<>();
            for (int i : order) {
                CaseStates node = nodes.get(i % nodes.size());
                running.add(pool.submit(() -> {
                    start.await();
                    return node.advance("acme", "500xx0000000001", base.plusMillis(i));
                }));
            }
            start.countDown();
            for (Future<Boolean> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // whatever the interleaving, the newest state won: only it (not one before it) still passes
        assertThat(store().advance("acme", "500xx0000000001", base.plusMillis(58))).isFalse();
        assertThat(store().advance("acme", "500xx0000000001", base.plusMillis(59))).isTrue();
    }
}
