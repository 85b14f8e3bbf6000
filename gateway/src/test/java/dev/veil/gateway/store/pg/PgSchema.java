package dev.veil.gateway.store.pg;

import static java.util.Objects.requireNonNull;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One migrated schema of the {@link EmbeddedPg} server for a test class (registered as a static
 * {@code @RegisterExtension} field): opened before its first test, emptied before each test
 * (ahead of the class's own {@code @BeforeEach} methods) and closed after the last.
 */
public final class PgSchema implements BeforeEachCallback, AfterAllCallback {

    private final String prefix;
    private PgDatabase db;

    private PgSchema(String prefix) {
        this.prefix = prefix;
    }

    /** A schema named after {@code prefix} (plus a counter and the process id). */
    public static PgSchema named(String prefix) {
        return new PgSchema(requireNonNull(prefix, "prefix"));
    }

    /** The database on this class's schema; only while its tests run. */
    public PgDatabase db() {
        if (db == null) {
            throw new IllegalStateException("no test of the class is running");
        }
        return db;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (db == null) {
            db = EmbeddedPg.freshDatabase(prefix);
        }
        EmbeddedPg.truncateAll(db);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (db != null) {
            db.close();
            db = null;
        }
    }
}
