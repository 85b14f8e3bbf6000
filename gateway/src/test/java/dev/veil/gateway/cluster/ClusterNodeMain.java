package dev.veil.gateway.cluster;

import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.gateway.routing.RoutingService;
import dev.veil.gateway.routing.model.ClaimResult;
import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.store.PgRoutingStore;
import dev.veil.gateway.store.Outbox;
import dev.veil.gateway.store.OutboxMessage;
import dev.veil.gateway.store.PgOutbox;
import dev.veil.gateway.store.StoreCipher;
import dev.veil.gateway.store.pg.PgConfig;
import dev.veil.gateway.store.pg.PgDatabase;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * One gateway node of {@link ClusterTest}, in its own JVM: the routing core, the outbox and the
 * store cipher of a gateway over the shared PostgreSQL schema, driven by its experts. Each
 * expert thread tries to claim every ticket in its own random order. A surviving node's expert
 * prints {@code WON ticket expert claimedAtMillis deadlineMillis} for every claim it wins, replies
 * at once and, if the reply was taken (the claim had not lapsed), queues it in the outbox and prints
 * {@code ACK ticket expert} (the acknowledged result); the victim node's experts only claim ({@code CLAIM ticket expert
 * deadlineMillis}) and hold. Every node drains the outbox, printing {@code SEND id} just before
 * it marks the message delivered, and ticks routing (lapsed claims) every 100 ms.
 *
 * <p>Arguments: JDBC URL, schema, node index, experts per node, start time (epoch millis),
 * {@code victim} or {@code survivor}.
 */
public final class ClusterNodeMain {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String schema = args[1];
        int node = Integer.parseInt(args[2]);
        int experts = Integer.parseInt(args[3]);
        long startAt = Long.parseLong(args[4]);
        boolean victim = args[5].equals("victim");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

        PgDatabase db = PgDatabase.open(PgConfig.of(url, "postgres", null).withSchema(schema).withPoolSize(16).withMigrateOnStart(false));
        Clock clock = Clock.systemUTC();
        RoutingService routing = RoutingService.open(ClusterTest.config(), PgRoutingStore.of(db, "node-" + node), clock);
        Outbox outbox = PgOutbox.of(db, StoreCipher.of(ClusterTest.sharedKeys(), new SecureRandom()), ClusterTest.RETRY, clock,
                new SecureRandom(), "node-" + node);
        out.println("READY");

        Thread ticker = daemon(() -> {
            while (true) {
                routing.tick();
                Thread.sleep(100);
            }
        });
        Thread drainer = daemon(() -> {
            while (true) {
                List<OutboxMessage> batch = outbox.lease(5);
                for (OutboxMessage m : batch) {
                    out.println("SEND " + m.id());
                    outbox.delivered(m.id());
                }
                if (batch.isEmpty()) {
                    Thread.sleep(20);
                }
            }
        });
        while (System.currentTimeMillis() < startAt) {
            Thread.sleep(5);
        }
        ticker.start();
        drainer.start();
        CountDownLatch done = new CountDownLatch(experts);
        for (int e = 0; e < experts; e++) {
            String expert = ClusterTest.expertId(node, e);
            long seed = node * 1000L + e;
            daemon(() -> {
                try {
                    List<String> tickets = new ArrayList<>(ClusterTest.ticketIds());
                    Collections.shuffle(tickets, new Random(seed));
                    // the victim makes one pass; survivors keep passing, so tickets that return take new claims
                    long until = victim ? 0 : startAt + ClusterTest.SURVIVOR_PASSES_MILLIS;
                    do {
                    for (String t : tickets) {
                        ClaimResult r = routing.claim(expert, t);
                        if (!r.won()) {
                            continue;
                        }
                        if (victim) {
                            out.println("CLAIM " + t + " " + expert + " " + r.claim().deadline().toEpochMilli());
                            continue;
                        }
                        out.println("WON " + t + " " + expert + " " + r.claim().claimedAt().toEpochMilli() + " " + r.claim().deadline().toEpochMilli());
                        if (routing.reply(expert, t) != EventResult.APPLIED) {
                            // the claim lapsed before the reply (this node stalled past the claim's deadline):
                            // the ticket is back in the pool for another claim, so this one is no acknowledged result
                            continue;
                        }
                        outbox.enqueue("r-" + t, "acme", ("{\"reply\":\"" + t + "\"}").getBytes(StandardCharsets.UTF_8));
                        out.println("ACK " + t + " " + expert);
                    }
                    Thread.sleep(50);
                    } while (System.currentTimeMillis() < until);
                } finally {
                    done.countDown();
                }
                return;
            }).start();
        }
        done.await();
        out.println("PASS-DONE");
        // keep ticking and draining: tickets the victim held come back after their deadline
        Thread.sleep(Long.MAX_VALUE);
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread daemon(Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println("node thread failed: " + e.getClass().getSimpleName());
            }
        });
        t.setDaemon(true);
        return t;
    }

    static EphemeralKeyProvider keys(byte[] seed) throws Exception {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(seed);
        return new EphemeralKeyProvider(r);
    }
}
