package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.store.pg.PgDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/**
 * The clustered {@link Outbox}: one PostgreSQL row per reply, drained by every node. A node
 * leases due rows with {@code SELECT ... FOR UPDATE SKIP LOCKED} and stamps them with a lease
 * that lapses after the retry policy's lease time, so no two nodes hold a row at once and the
 * rows of a node that died are due again once its leases lapse. Payloads (replies with tokens
 * revealed for the CRM) are sealed with {@link StoreCipher}, bound to the message id, exactly as
 * the embedded outbox seals them. Thread-safe.
 */
public final class PgOutbox implements Outbox {

    private static final String COLUMNS = "id, brand, key_version, payload, created_at, attempts, next_attempt_at, last_error, state";
    private static final Comparator<OutboxMessage> DUE = Comparator.comparing(OutboxMessage::nextAttemptAt)
            .thenComparing(OutboxMessage::createdAt).thenComparing(OutboxMessage::id);

    private final PgDatabase db;
    private final StoreCipher cipher;
    private final RetryPolicy retry;
    private final Clock clock;
    private final LongUnaryOperator jitter;
    private final String node;

    private PgOutbox(PgDatabase db, StoreCipher cipher, RetryPolicy retry, Clock clock, SecureRandom random, String node) {
        this.db = db;
        this.cipher = cipher;
        this.retry = retry;
        this.clock = clock;
        this.jitter = RetryPolicy.jitter(random);
        this.node = node;
    }

    /** An outbox on the shared database; {@code node} names this node in its leases (for operators). */
    public static PgOutbox of(PgDatabase db, StoreCipher cipher, RetryPolicy retry, Clock clock, SecureRandom random, String node) {
        return new PgOutbox(requireNonNull(db, "db"), requireNonNull(cipher, "cipher"), requireNonNull(retry, "retry"),
                requireNonNull(clock, "clock"), requireNonNull(random, "random"), requireNonNull(node, "node"));
    }

    @Override
    public boolean enqueue(String id, String brand, byte[] payload) {
        requireNonNull(id, "id");
        requireNonNull(brand, "brand");
        requireNonNull(payload, "payload");
        OutboxBook.checkId(id);
        Instant now = clock.instant();
        OutboxMessage m = new OutboxMessage(id, brand, payload, now, 0, now, null, OutboxMessage.State.PENDING);
        StoreCipher.Sealed sealed = cipher.seal(m.payload(), place(id));
        return db.read("outbox: enqueue", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, 0, ?, NULL, 'PENDING') "
                    + "ON CONFLICT (id) DO NOTHING")) {
                s.setString(1, id);
                s.setString(2, brand);
                s.setInt(3, sealed.keyVersion());
                s.setBytes(4, sealed.box());
                s.setTimestamp(5, Timestamp.from(now));
                s.setTimestamp(6, Timestamp.from(now));
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<OutboxMessage> lease(int max) {
        OutboxBook.checkMax(max);
        Instant now = clock.instant();
        Instant until = now.plus(retry.lease());
        List<OutboxMessage> out = db.inTransaction("outbox: lease", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET leased_until = ?, leased_by = ? WHERE id IN ("
                    + "SELECT id FROM outbox WHERE state = 'PENDING' AND next_attempt_at <= ? AND (leased_until IS NULL OR leased_until <= ?) "
                    + "ORDER BY next_attempt_at, created_at, id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)) {
                s.setTimestamp(1, Timestamp.from(until));
                s.setString(2, node);
                s.setTimestamp(3, Timestamp.from(now));
                s.setTimestamp(4, Timestamp.from(now));
                s.setInt(5, max);
                return readAll(s);
            }
        });
        List<OutboxMessage> sorted = new ArrayList<>(out);
        sorted.sort(DUE);
        return List.copyOf(sorted);
    }

    @Override
    public boolean delivered(String id) {
        requireNonNull(id, "id");
        return db.read("outbox: delivered", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM outbox WHERE id = ?")) {
                s.setString(1, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<OutboxMessage> failed(String id, String errorCode) {
        requireNonNull(id, "id");
        return db.inTransaction("outbox: failed", c -> {
            OutboxMessage m = locked(c, id);
            if (m == null || m.state() != OutboxMessage.State.PENDING) {
                return Optional.ofNullable(m);
            }
            OutboxMessage after = m.afterFailure(errorCode, clock.instant(), retry, jitter);
            return Optional.of(update(c, after));
        });
    }

    @Override
    public Optional<OutboxMessage> defer(String id, Instant notBefore, String errorCode) {
        requireNonNull(id, "id");
        requireNonNull(notBefore, "notBefore");
        return db.inTransaction("outbox: defer", c -> {
            OutboxMessage m = locked(c, id);
            if (m == null || m.state() != OutboxMessage.State.PENDING) {
                return Optional.ofNullable(m);
            }
            return Optional.of(update(c, m.deferred(notBefore, errorCode)));
        });
    }

    @Override
    public Optional<OutboxMessage> deadLetter(String id, String errorCode) {
        requireNonNull(id, "id");
        return db.inTransaction("outbox: dead letter", c -> {
            OutboxMessage m = locked(c, id);
            if (m == null || m.state() == OutboxMessage.State.DEAD) {
                return Optional.ofNullable(m);
            }
            return Optional.of(update(c, m.deadLettered(errorCode, clock.instant())));
        });
    }

    @Override
    public List<OutboxMessage> deadLetters(int max) {
        OutboxBook.checkMax(max);
        return db.read("outbox: read", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE state = 'DEAD' ORDER BY created_at, id LIMIT ?")) {
                s.setInt(1, max);
                return readAll(s);
            }
        });
    }

    @Override
    public boolean redrive(String id) {
        requireNonNull(id, "id");
        return db.inTransaction("outbox: redrive", c -> {
            OutboxMessage m = locked(c, id);
            if (m == null || m.state() != OutboxMessage.State.DEAD) {
                return false;
            }
            update(c, m.redriven(clock.instant()));
            return true;
        });
    }

    @Override
    public Optional<OutboxMessage> get(String id) {
        requireNonNull(id, "id");
        return db.read("outbox: read", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE id = ?")) {
                s.setString(1, id);
                List<OutboxMessage> all = readAll(s);
                return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
            }
        });
    }

    @Override
    public Depth depth() {
        return db.read("outbox: read", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FILTER (WHERE state = 'PENDING'), count(*) FILTER (WHERE state = 'DEAD') FROM outbox");
                    ResultSet r = s.executeQuery()) {
                r.next();
                return new Depth(r.getInt(1), r.getInt(2));
            }
        });
    }

    @Override
    public java.util.Map<String, Depth> depthByBrand() {
        return db.read("outbox: read", c -> {
            java.util.Map<String, Depth> out = new java.util.LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT brand, count(*) FILTER (WHERE state = 'PENDING'), "
                    + "count(*) FILTER (WHERE state = 'DEAD') FROM outbox GROUP BY brand ORDER BY brand");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), new Depth(r.getInt(2), r.getInt(3)));
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        // the database belongs to the gateway core
    }

    private OutboxMessage locked(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE id = ? FOR UPDATE")) {
            s.setString(1, id);
            List<OutboxMessage> all = readAll(s);
            return all.isEmpty() ? null : all.get(0);
        }
    }

    /** Writes the message's new attempt state; its lease ends with the attempt. */
    private static OutboxMessage update(Connection c, OutboxMessage m) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, state = ?, "
                + "leased_until = NULL, leased_by = NULL WHERE id = ?")) {
            s.setInt(1, m.attempts());
            s.setTimestamp(2, Timestamp.from(m.nextAttemptAt()));
            s.setString(3, m.lastError());
            s.setString(4, m.state().name());
            s.setString(5, m.id());
            s.executeUpdate();
        }
        return m;
    }

    private List<OutboxMessage> readAll(PreparedStatement s) throws SQLException {
        List<OutboxMessage> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String id = r.getString(1);
                byte[] payload = cipher.open(new StoreCipher.Sealed(r.getInt(3), r.getBytes(4)), place(id));
                out.add(new OutboxMessage(id, r.getString(2), payload, r.getTimestamp(5).toInstant(), r.getInt(6),
                        r.getTimestamp(7).toInstant(), r.getString(8), OutboxMessage.State.valueOf(r.getString(9))));
            }
        }
        return out;
    }

    private static String place(String id) {
        return "outbox\n" + id;
    }
}
