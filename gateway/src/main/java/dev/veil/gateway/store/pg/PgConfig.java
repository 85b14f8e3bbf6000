package dev.veil.gateway.store.pg;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the shared PostgreSQL database is and how to use it: a JDBC URL
 * ({@code jdbc:postgresql://host:5432/veil}), an optional user and password (the password is
 * normally read from an environment variable named in {@code veil.yaml}), the pool size per
 * node, the schema Veil's tables live in, and whether to migrate the schema at start.
 */
public record PgConfig(String url, Optional<String> user, Optional<String> password, int poolSize, String schema,
        Duration connectTimeout, boolean migrateOnStart) {

    /** Connections per node unless configured; a node's hot path needs few (see docs/scaling.md). */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** The schema unless configured. */
    public static final String DEFAULT_SCHEMA = "public";

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public PgConfig {
        requireNonNull(url, "url");
        requireNonNull(user, "user");
        requireNonNull(password, "password");
        requireNonNull(schema, "schema");
        requireNonNull(connectTimeout, "connectTimeout");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("url: not a PostgreSQL JDBC URL (expected: jdbc:postgresql://host:port/database)");
        }
        if (poolSize < 2 || poolSize > 200) {
            throw new IllegalArgumentException("poolSize: " + poolSize + " (expected: 2 to 200)");
        }
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema: not a plain lower-case identifier (expected: [a-z_][a-z0-9_]*)");
        }
        if (connectTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectTimeout: " + connectTimeout + " (expected: >= 250 ms)");
        }
    }

    /** A configuration with the defaults: pool of {@value #DEFAULT_POOL_SIZE}, schema public, 5 s connect timeout, migrate at start. */
    public static PgConfig of(String url, String user, String password) {
        return new PgConfig(url, Optional.ofNullable(user), Optional.ofNullable(password), DEFAULT_POOL_SIZE, DEFAULT_SCHEMA,
                Duration.ofSeconds(5), true);
    }

    public PgConfig withSchema(String s) {
        return new PgConfig(url, user, password, poolSize, s, connectTimeout, migrateOnStart);
    }

    public PgConfig withPoolSize(int n) {
        return new PgConfig(url, user, password, n, schema, connectTimeout, migrateOnStart);
    }

    public PgConfig withMigrateOnStart(boolean m) {
        return new PgConfig(url, user, password, poolSize, schema, connectTimeout, m);
    }

    /** Never prints the password (nor a password in the URL's query). */
    @Override
    public String toString() {
        int query = url.indexOf('?');
        return "PgConfig[" + (query < 0 ? url : url.substring(0, query) + "?...") + ", schema=" + schema + ", pool=" + poolSize + "]";
    }
}
