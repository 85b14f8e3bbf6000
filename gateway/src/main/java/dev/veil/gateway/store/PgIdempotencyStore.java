package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.store.pg.PgDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The clustered {@link IdempotencyStore}: first answers in PostgreSQL, keyed by brand and webhook
 * id, so a webhook redelivered to another node is answered as the first time. The first answer
 * wins by the primary key, also across nodes; only an expired one is replaced. Thread-safe.
 */
public final class PgIdempotencyStore implements IdempotencyStore {

    private final PgDatabase db;
    private final Duration retention;
    private final Clock clock;

    private PgIdempotencyStore(PgDatabase db, Duration retention, Clock clock) {
        this.db = db;
        this.retention = retention;
        this.clock = clock;
    }

    public static PgIdempotencyStore of(PgDatabase db, Duration retention, Clock clock) {
        requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention: " + retention + " (expected: > 0)");
        }
        return new PgIdempotencyStore(requireNonNull(db, "db"), retention, requireNonNull(clock, "clock"));
    }

    @Override
    public Optional<StoredAnswer> find(String brand, String webhookId) {
        IdempotencyStore.key(brand, webhookId);
        Instant oldest = clock.instant().minus(retention);
        return db.read("idempotency store: read", c -> stored(c, brand, webhookId)).filter(a -> a.at().isAfter(oldest));
    }

    @Override
    public StoredAnswer remember(String brand, String webhookId, StoredAnswer answer) {
        IdempotencyStore.key(brand, webhookId);
        requireNonNull(answer, "answer");
        Instant oldest = clock.instant().minus(retention);
        return db.inTransaction("idempotency store: put", c -> {
            // an expired answer is replaced, as if it had been pruned
            try (PreparedStatement s = c.prepareStatement("INSERT INTO idempotency (brand, webhook_id, status, body, answered_at) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (brand, webhook_id) DO UPDATE SET status = excluded.status, "
                    + "body = excluded.body, answered_at = excluded.answered_at WHERE idempotency.answered_at <= ?")) {
                s.setString(1, brand);
                s.setString(2, webhookId);
                s.setInt(3, answer.status());
                s.setBytes(4, answer.body());
                s.setTimestamp(5, Timestamp.from(answer.at()));
                s.setTimestamp(6, Timestamp.from(oldest));
                if (s.executeUpdate() == 1) {
                    return answer;
                }
            }
            // the conflict left the row in place: the first answer, still within retention
            return stored(c, brand, webhookId).orElseThrow(() -> new StoreUnavailableException("idempotency store: an answer vanished"));
        });
    }

    private static Optional<StoredAnswer> stored(Connection c, String brand, String webhookId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT status, body, answered_at FROM idempotency WHERE brand = ? AND webhook_id = ?")) {
            s.setString(1, brand);
            s.setString(2, webhookId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new StoredAnswer(r.getInt(1), r.getBytes(2), r.getTimestamp(3).toInstant()))
                        : Optional.empty();
            }
        }
    }

    @Override
    public int prune() {
        Instant oldest = clock.instant().minus(retention);
        return db.read("idempotency store: prune", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM idempotency WHERE answered_at <= ?")) {
                s.setTimestamp(1, Timestamp.from(oldest));
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        // the database belongs to the gateway core
    }
}
