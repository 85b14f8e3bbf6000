package dev.veil.gateway.store;

import dev.veil.gateway.store.pg.EmbeddedPg;
import dev.veil.gateway.store.pg.PgDatabase;

/** One migrated schema per test class of this package, emptied before each test. */
final class PgStores {

    private PgStores() {
    }

    static PgDatabase clean(PgDatabase db, String prefix) {
        PgDatabase open = db == null ? EmbeddedPg.freshDatabase(prefix) : db;
        EmbeddedPg.truncateAll(open);
        return open;
    }
}
