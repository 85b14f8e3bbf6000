package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.store.pg.PgDatabase;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

/**
 * The clustered {@link CaseStates}: each record's latest stamp in PostgreSQL (table {@code
 * crm_case_states}), advanced by one conditional upsert, so two nodes receiving states of the same
 * record in either order agree on which one is stale. Thread-safe.
 */
public final class PgCaseStates implements CaseStates {

    private final PgDatabase db;
    private final Clock clock;

    private PgCaseStates(PgDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public static PgCaseStates of(PgDatabase db, Clock clock) {
        return new PgCaseStates(requireNonNull(db, "db"), requireNonNull(clock, "clock"));
    }

    @Override
    public boolean advance(String brand, String record, Instant stamp) {
        CaseStates.check(brand, record, stamp);
        Instant now = clock.instant();
        return db.read("crm state store: advance", c -> {
            // the row moves only forward (or stays, for an equal stamp): no row changed means stale
            try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_case_states (brand, record, stamp, recorded_at) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT (brand, record) DO UPDATE SET stamp = excluded.stamp, "
                    + "recorded_at = excluded.recorded_at WHERE crm_case_states.stamp <= excluded.stamp")) {
                s.setString(1, brand);
                s.setString(2, record);
                s.setTimestamp(3, Timestamp.from(stamp));
                s.setTimestamp(4, Timestamp.from(now));
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int prune() {
        Instant oldest = clock.instant().minus(RETENTION);
        return db.read("crm state store: prune", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM crm_case_states WHERE recorded_at <= ?")) {
                s.setTimestamp(1, Timestamp.from(oldest));
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        // the database belongs to the gateway core's caller
    }
}
