package dev.veil.gateway.store.pg;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.veil.gateway.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * The shared PostgreSQL database of a clustered gateway: a HikariCP pool, Flyway migrations
 * from {@code classpath:db/migration} (the versioned SQL files in the repository), and
 * transactions for the SQL stores. Every {@link SQLException} becomes a {@link
 * StoreUnavailableException} naming the store, the operation and the SQLSTATE only: PostgreSQL's
 * own messages can quote key values (a token, a CRM ticket id), so they never leave this class.
 */
public final class PgDatabase implements AutoCloseable {

    /** Unit of work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final PgConfig config;
    private final HikariDataSource pool;

    private PgDatabase(PgConfig config, HikariDataSource pool) {
        this.config = config;
        this.pool = pool;
    }

    /**
     * Opens the pool and, if the configuration says so, migrates the schema.
     *
     * @throws StoreUnavailableException if the database cannot be reached or migrated
     */
    public static PgDatabase open(PgConfig config) {
        requireNonNull(config, "config");
        HikariConfig h = new HikariConfig();
        h.setJdbcUrl(config.url());
        config.user().ifPresent(h::setUsername);
        config.password().ifPresent(h::setPassword);
        h.setMaximumPoolSize(config.poolSize());
        h.setMinimumIdle(Math.min(2, config.poolSize()));
        h.setConnectionTimeout(config.connectTimeout().toMillis());
        h.setInitializationFailTimeout(config.connectTimeout().toMillis());
        h.setSchema(config.schema());
        h.setPoolName("veil-pg");
        h.setAutoCommit(true);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(h);
        } catch (RuntimeException e) {
            // Hikari's message can carry the driver's, which may quote the URL: type only
            throw new StoreUnavailableException("postgres: cannot connect (" + e.getClass().getSimpleName() + ")");
        }
        PgDatabase db = new PgDatabase(config, pool);
        if (config.migrateOnStart()) {
            try {
                db.migrate();
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
        }
        return db;
    }

    /**
     * Applies pending migrations (creating the schema if needed); returns how many ran.
     * Safe to run from several nodes at once: Flyway serializes them with a database lock.
     */
    public int migrate() {
        try {
            return Flyway.configure(PgDatabase.class.getClassLoader())
                    .dataSource(pool)
                    .schemas(config.schema())
                    .defaultSchema(config.schema())
                    .createSchemas(true)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate()
                    .migrationsExecuted;
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("postgres: migration failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    public PgConfig config() {
        return config;
    }

    /**
     * A connection outside the pool (for {@code LISTEN}), which the caller closes; {@code
     * pg_stat_activity} shows it as {@code applicationName} (when not null).
     */
    public Connection dedicatedConnection(String applicationName) throws SQLException {
        java.util.Properties p = new java.util.Properties();
        if (applicationName != null) {
            p.setProperty("ApplicationName", applicationName);
        }
        config.user().ifPresent(u -> p.setProperty("user", u));
        config.password().ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("connectTimeout", Long.toString(Math.max(1, config.connectTimeout().toSeconds())));
        return java.sql.DriverManager.getConnection(config.url(), p);
    }

    /** Runs {@code work} in one transaction, committed when it returns. */
    public <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode (one statement, or reads). */
    public <T> T read(String what, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** The exception to throw for a failed database call: what, and the SQLSTATE, never the driver's text. */
    public static StoreUnavailableException failure(String what, SQLException e) {
        String state = e.getSQLState();
        return new StoreUnavailableException(what + ": database error (SQLSTATE " + (state == null ? "unknown" : state.replaceAll("[^0-9A-Z]", "")) + ")");
    }

    /** Whether {@code e} is a unique-key violation. */
    public static boolean uniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken: the pool discards it, and the transaction dies with it
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "PgDatabase[" + config + "]";
    }
}
