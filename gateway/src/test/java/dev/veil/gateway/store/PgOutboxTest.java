package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.gateway.store.pg.PgSchema;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The outbox contract on PostgreSQL, and draining by several nodes at once. */
class PgOutboxTest extends OutboxContract {

    @RegisterExtension
    static final PgSchema PG = PgSchema.named("outbox");
    final EphemeralKeyProvider keys = new EphemeralKeyProvider(new SecureRandom());

    @Override
    Outbox outbox(SecureRandom random) {
        return node("node-a", random);
    }

    Outbox node(String name, SecureRandom random) {
        return PgOutbox.of(PG.db(), StoreCipher.of(keys, new SecureRandom()), RETRY, clock, random, name);
    }

    @Test
    void threeNodesDrainingAtOnceLeaseEveryMessageExactlyOnce() throws Exception {
        Outbox writer = node("writer", new SecureRandom());
        for (int i = 0; i < 300; i++) {
            writer.enqueue("msg_" + i, "acme", bytes("{\"n\":" + i + "}"));
        }
        List<Outbox> nodes = List.of(node("a", new SecureRandom()), node("b", new SecureRandom()), node("c", new SecureRandom()));
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        List<String> twice = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                Outbox o = nodes.get(w % 3);
                runs.add(pool.submit(() -> {
                    start.await();
                    while (true) {
                        List<OutboxMessage> batch = o.lease(7);
                        if (batch.isEmpty()) {
                            return null;
                        }
                        for (OutboxMessage m : batch) {
                            if (!delivered.add(m.id())) {
                                synchronized (twice) {
                                    twice.add(m.id());
                                }
                            }
                            o.delivered(m.id());
                        }
                    }
                }));
            }
            start.countDown();
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(twice).isEmpty();
        assertThat(delivered).hasSize(300);
        assertThat(writer.depth()).isEqualTo(new Outbox.Depth(0, 0));
    }

    @Test
    void aDeadNodesLeasedRowsAreDueForTheOthersOnceTheLeaseLapses() {
        Outbox dead = node("dead", new SecureRandom());
        Outbox alive = node("alive", new SecureRandom());
        dead.enqueue("msg_1", "acme", bytes("{}"));
        assertThat(dead.lease(10)).hasSize(1); // ... and the node is never heard of again
        assertThat(alive.lease(10)).isEmpty();
        clock.advance(RETRY.lease().minusSeconds(1));
        assertThat(alive.lease(10)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(alive.lease(10)).extracting(OutboxMessage::id).containsExactly("msg_1");
        assertThat(alive.delivered("msg_1")).isTrue();
    }

    @Test
    void payloadsAreSealedInTheDatabase() {
        Outbox o = outbox(new SecureRandom());
        o.enqueue("msg_1", "acme", "{\"body\":\"card 4111111111111111\"}".getBytes(StandardCharsets.UTF_8));
        Set<String> rows = new HashSet<>(PG.db().read("test", c -> {
            List<String> out = new ArrayList<>();
            try (ResultSet r = c.createStatement().executeQuery("SELECT payload FROM outbox")) {
                while (r.next()) {
                    out.add(new String(r.getBytes(1), StandardCharsets.ISO_8859_1));
                }
            }
            return out;
        }));
        assertThat(rows).hasSize(1).allSatisfy(p -> assertThat(p).doesNotContain("4111111111111111"));
        assertThat(o.get("msg_1").orElseThrow().payload()).asString(StandardCharsets.UTF_8).contains("4111111111111111");
    }
}
