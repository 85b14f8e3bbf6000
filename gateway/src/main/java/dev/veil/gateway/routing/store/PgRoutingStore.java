package dev.veil.gateway.routing.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.veil.gateway.routing.RoutingConflictException;
import dev.veil.gateway.routing.RoutingStore;
import dev.veil.gateway.routing.StoreBatch;
import dev.veil.gateway.routing.StoreSnapshot;
import dev.veil.gateway.routing.model.Claim;
import dev.veil.gateway.routing.model.ExpertRecord;
import dev.veil.gateway.routing.model.LedgerEntry;
import dev.veil.gateway.routing.model.PushOffer;
import dev.veil.gateway.routing.model.ReputationRecord;
import dev.veil.gateway.routing.model.ResolutionRecord;
import dev.veil.gateway.routing.model.TicketAttributes;
import dev.veil.gateway.routing.model.TicketRecord;
import dev.veil.gateway.store.StoreUnavailableException;
import dev.veil.gateway.store.pg.PgDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The clustered {@link RoutingStore}: routing state in PostgreSQL, shared by every node. The
 * database decides what a node's memory can only suggest: a batch that writes a live ticket is
 * applied only if the row still holds the claim and offer the node expected (the row is locked
 * with {@code SELECT ... FOR UPDATE}), and a ticket goes to an expert only while the rows held
 * by that expert are fewer than its capacity (counted under the expert row's lock). So of any
 * number of nodes claiming one ticket exactly one wins, capacity holds across nodes, and a
 * deadline or offer timeout reached on several nodes fires once: the first conditional write
 * wins, the others get {@link RoutingConflictException} and re-read. Each committed batch is
 * announced with {@code NOTIFY} so other nodes re-read what changed; ledger sequence numbers
 * come from a database sequence. Thread-safe.
 */
public final class PgRoutingStore implements RoutingStore {

    /** The {@code LISTEN/NOTIFY} channel of routing changes. */
    public static final String CHANNEL = "veil_routing";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setDefaultPropertyInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The {@code application_name} prefix of the change feed's connection, as {@code pg_stat_activity} shows it. */
    public static final String FEED_APPLICATION = "veil-routing-feed";

    private final PgDatabase db;
    private final String node;
    private final String feedId;
    private final FeedObserver observer;
    private volatile boolean closed;
    private volatile Thread feed;

    private PgRoutingStore(PgDatabase db, String node, FeedObserver observer) {
        this.db = db;
        this.node = node;
        this.observer = observer;
        byte[] suffix = new byte[4];
        new SecureRandom().nextBytes(suffix);
        // two nodes configured with one name must still hear each other
        this.feedId = node + "#" + HexFormat.of().formatHex(suffix);
    }

    /** A store on the shared database; {@code node} names this node in the change feed. */
    public static PgRoutingStore of(PgDatabase db, String node) {
        return of(db, node, FeedObserver.NONE);
    }

    /** A store on the shared database whose change feed reports its losses and recoveries to {@code observer}. */
    public static PgRoutingStore of(PgDatabase db, String node, FeedObserver observer) {
        return new PgRoutingStore(requireNonNull(db, "db"), requireNonNull(node, "node"), requireNonNull(observer, "observer"));
    }

    /**
     * Told when this node's change feed is lost and when it listens again, once per loss (never per
     * retry) and never with what changed: for a log line and a metric. Called on the feed thread; it
     * must not block.
     */
    public interface FeedObserver {

        /** Observes nothing. */
        FeedObserver NONE = new FeedObserver() {
            @Override
            public void lost(Throwable cause) {
            }

            @Override
            public void recovered(int attempts, Duration down) {
            }
        };

        /** The feed's connection failed; the store retries with backoff, and other nodes' changes wait until it is back. */
        void lost(Throwable cause);

        /** The feed listens again after {@code attempts} reconnection attempts and {@code down} without it; all routing state was read again. */
        void recovered(int attempts, Duration down);
    }

    @Override
    public boolean shared() {
        return true;
    }

    // ---- reads ----------------------------------------------------------------------------------

    @Override
    public StoreSnapshot load() {
        return db.read("routing store: load", c -> new StoreSnapshot(
                all(c, "SELECT record FROM routing_experts", ExpertRecord.class),
                all(c, "SELECT record FROM routing_reputations", ReputationRecord.class),
                tickets(c, "SELECT arrival, state FROM routing_tickets", null),
                all(c, "SELECT record FROM routing_resolutions", ResolutionRecord.class),
                all(c, "SELECT record FROM routing_ledger ORDER BY seq", LedgerEntry.class)));
    }

    @Override
    public Optional<TicketRecord> ticket(String ticketId) {
        requireNonNull(ticketId, "ticketId");
        return db.read("routing store: read", c -> tickets(c, "SELECT arrival, state FROM routing_tickets WHERE id = ?", ticketId)
                .stream().findFirst());
    }

    @Override
    public Optional<ExpertRecord> expert(String expertId) {
        return one("SELECT record FROM routing_experts WHERE id = ?", expertId, ExpertRecord.class);
    }

    @Override
    public Optional<ReputationRecord> reputation(String expertId) {
        return one("SELECT record FROM routing_reputations WHERE expert_id = ?", expertId, ReputationRecord.class);
    }

    @Override
    public Optional<ResolutionRecord> resolution(String ticketId) {
        return one("SELECT record FROM routing_resolutions WHERE ticket_id = ?", ticketId, ResolutionRecord.class);
    }

    @Override
    public Optional<LedgerEntry> ledgerEntry(long seq) {
        return db.read("routing store: read", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT record FROM routing_ledger WHERE seq = ?")) {
                s.setLong(1, seq);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(decode(r.getString(1), LedgerEntry.class)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public long nextLedgerSeq(long last) {
        return db.read("routing store: ledger sequence", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT nextval('routing_ledger_seq')"); ResultSet r = s.executeQuery()) {
                r.next();
                return Math.max(last + 1, r.getLong(1));
            }
        });
    }

    @Override
    public List<String> due(Instant now, int max) {
        return db.read("routing store: read", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM routing_tickets WHERE deadline <= ? ORDER BY deadline LIMIT ?")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setInt(2, max);
                List<String> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
                return out;
            }
        });
    }

    // ---- writes ---------------------------------------------------------------------------------

    @Override
    public void apply(StoreBatch batch) {
        requireNonNull(batch, "batch");
        if (batch.isEmpty()) {
            return;
        }
        db.inTransaction("routing store: write", c -> {
            Set<String> notices = new LinkedHashSet<>();
            for (String id : batch.ticketRemovals()) {
                StoreBatch.Expectation e = batch.expectation(id);
                if (e != null) {
                    check(c, id, e, batch);
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM routing_tickets WHERE id = ?")) {
                    s.setString(1, id);
                    s.executeUpdate();
                }
                notices.add(RoutingStore.Change.TICKET + " " + id);
            }
            for (TicketRecord t : batch.ticketPuts()) {
                putTicket(c, t, batch);
                notices.add(RoutingStore.Change.TICKET + " " + t.attributes().ticketId());
            }
            for (ExpertRecord e : batch.expertPuts()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO routing_experts (id, capacity, record) VALUES (?, ?, ?) "
                        + "ON CONFLICT (id) DO UPDATE SET capacity = excluded.capacity, record = excluded.record")) {
                    s.setString(1, e.profile().expertId());
                    s.setInt(2, e.profile().capacity());
                    s.setString(3, encode(e));
                    s.executeUpdate();
                }
                notices.add(RoutingStore.Change.EXPERT + " " + e.profile().expertId());
            }
            for (ReputationRecord r : batch.reputationPuts()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO routing_reputations (expert_id, record) VALUES (?, ?) "
                        + "ON CONFLICT (expert_id) DO UPDATE SET record = excluded.record")) {
                    s.setString(1, r.expertId());
                    s.setString(2, encode(r));
                    s.executeUpdate();
                }
                notices.add(RoutingStore.Change.EXPERT + " " + r.expertId());
            }
            for (String id : batch.resolutionRemovals()) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM routing_resolutions WHERE ticket_id = ?")) {
                    s.setString(1, id);
                    s.executeUpdate();
                }
                notices.add(RoutingStore.Change.TICKET + " " + id);
            }
            for (ResolutionRecord r : batch.resolutionPuts()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO routing_resolutions (ticket_id, record) VALUES (?, ?) "
                        + "ON CONFLICT (ticket_id) DO UPDATE SET record = excluded.record")) {
                    s.setString(1, r.attributes().ticketId());
                    s.setString(2, encode(r));
                    s.executeUpdate();
                }
                notices.add(RoutingStore.Change.TICKET + " " + r.attributes().ticketId());
            }
            for (LedgerEntry e : batch.ledgerAppends()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO routing_ledger (seq, record) VALUES (?, ?)")) {
                    s.setLong(1, e.seq());
                    s.setString(2, encode(e));
                    s.executeUpdate();
                }
                notices.add(RoutingStore.Change.LEDGER + " " + e.seq());
            }
            // delivered to the other nodes when (and only if) this transaction commits
            try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                for (String n : notices) {
                    s.setString(1, CHANNEL);
                    s.setString(2, feedId + " " + n);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    private void putTicket(Connection c, TicketRecord t, StoreBatch batch) throws SQLException {
        String id = t.attributes().ticketId();
        StoreBatch.Expectation e = batch.expectation(id);
        String holder = holder(t.claim(), t.offer());
        if (e != null && !e.exists()) {
            if (write(c, t, "INSERT INTO routing_tickets (brand, seq, arrival, holder, deadline, state, id) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (id) DO NOTHING") == 0) {
                throw new RoutingConflictException(false, List.of(id)); // queued by another node first
            }
            if (holder != null) {
                checkCapacity(c, holder, id, batch);
            }
            return;
        }
        if (e == null) {
            write(c, t, "INSERT INTO routing_tickets (brand, seq, arrival, holder, deadline, state, id) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (id) DO UPDATE SET brand = excluded.brand, seq = excluded.seq, arrival = excluded.arrival, "
                    + "holder = excluded.holder, deadline = excluded.deadline, state = excluded.state");
            return;
        }
        String before = check(c, id, e, batch);
        if (holder != null && !holder.equals(before)) {
            checkCapacity(c, holder, id, batch);
        }
        write(c, t, "UPDATE routing_tickets SET brand = ?, seq = ?, arrival = ?, holder = ?, deadline = ?, state = ? WHERE id = ?");
    }

    /** Locks the ticket's row and checks the writer's expectation; returns who holds it now. */
    private String check(Connection c, String id, StoreBatch.Expectation e, StoreBatch batch) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT holder, state FROM routing_tickets WHERE id = ? FOR UPDATE")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    if (e.exists()) {
                        throw new RoutingConflictException(false, List.of(id)); // closed on another node
                    }
                    return null;
                }
                if (!e.exists()) {
                    throw new RoutingConflictException(false, List.of(id));
                }
                TicketState state = r.getString(2) == null ? TicketState.EMPTY : decode(r.getString(2), TicketState.class);
                if (!Objects.equals(state.claim(), e.claim()) || !Objects.equals(state.offer(), e.offer())) {
                    throw new RoutingConflictException(false, List.of(id));
                }
                return r.getString(1);
            }
        }
    }

    /** Refuses a new holder whose tickets (claims and push offers) already fill its capacity, counted under its row's lock. */
    private static void checkCapacity(Connection c, String expertId, String ticketId, StoreBatch batch) throws SQLException {
        Integer capacity = null;
        try (PreparedStatement s = c.prepareStatement("SELECT capacity FROM routing_experts WHERE id = ? FOR UPDATE")) {
            s.setString(1, expertId);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    capacity = r.getInt(1);
                }
            }
        }
        if (capacity == null) {
            capacity = batch.expertPuts().stream().filter(x -> x.profile().expertId().equals(expertId))
                    .map(x -> x.profile().capacity()).findFirst().orElse(0);
        }
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM routing_tickets WHERE holder = ? AND id <> ?")) {
            s.setString(1, expertId);
            s.setString(2, ticketId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getInt(1) >= capacity) {
                    throw new RoutingConflictException(true, List.of(ticketId));
                }
            }
        }
    }

    private static int write(Connection c, TicketRecord t, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, t.attributes().brand());
            s.setLong(2, t.seq());
            s.setString(3, encode(new TicketArrival(t.attributes(), t.seq(), t.enqueuedAt())));
            s.setString(4, holder(t.claim(), t.offer()));
            Instant deadline = t.claim() != null ? (t.claim().replied() ? null : t.claim().deadline())
                    : t.offer() != null ? t.offer().expiresAt() : null;
            s.setTimestamp(5, deadline == null ? null : Timestamp.from(deadline));
            s.setString(6, t.claim() == null && t.offer() == null && t.cooldowns().isEmpty() ? null
                    : encode(new TicketState(t.claim(), t.offer(), t.cooldowns())));
            s.setString(7, t.attributes().ticketId());
            return s.executeUpdate();
        }
    }

    private static String holder(Claim c, PushOffer o) {
        return c != null ? c.expertId() : o != null ? o.expertId() : null;
    }

    // ---- the change feed ------------------------------------------------------------------------

    /** Listens before returning, so nothing committed after this call is missed; changes arrive on a feed thread. */
    @Override
    public synchronized void subscribe(Consumer<Change> listener) {
        requireNonNull(listener, "listener");
        if (feed != null) {
            throw new IllegalStateException("routing store: already subscribed");
        }
        Connection first = listening();
        Thread t = new Thread(() -> listen(listener, first), "veil-routing-feed");
        t.setDaemon(true);
        feed = t;
        t.start();
    }

    private Connection listening() {
        Connection c = null;
        try {
            // a connection of its own, never the pool's: a pooled connection would keep listening
            // (and queueing notifications) after it went back to the pool
            c = db.dedicatedConnection(FEED_APPLICATION + " " + node);
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
            }
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw PgDatabase.failure("routing store: listen", e);
        }
    }

    private void listen(Consumer<Change> listener, Connection first) {
        Connection c = first;
        long backoffMillis = 100;
        long lostAt = 0;
        int attempts = 0;
        while (!closed) {
            try {
                if (c == null) {
                    attempts++;
                    c = listening();
                    // whatever changed while the feed was down is read again
                    deliver(listener, new Change(Change.ALL, ""));
                    backoffMillis = 100;
                    int tries = attempts;
                    Duration down = Duration.ofNanos(System.nanoTime() - lostAt);
                    tell(() -> observer.recovered(tries, down));
                    attempts = 0;
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notes = pg.getNotifications(250);
                    if (notes == null) {
                        continue;
                    }
                    for (PGNotification n : notes) {
                        String[] parts = n.getParameter().split(" ", 3);
                        if (parts.length == 3 && !parts[0].equals(feedId) && parts[1].length() == 1) {
                            deliver(listener, new Change(parts[1].charAt(0), parts[2]));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                boolean wasUp = c != null && attempts == 0;
                closeQuietly(c);
                c = null;
                if (closed) {
                    return;
                }
                if (wasUp) {
                    lostAt = System.nanoTime();
                    tell(() -> observer.lost(e));
                }
                try {
                    Thread.sleep(backoffMillis); // the database is away: retry the feed, gently
                } catch (InterruptedException stop) {
                    return;
                }
                backoffMillis = Math.min(5_000, backoffMillis * 2);
            }
        }
        closeQuietly(c);
    }

    private static void tell(Runnable observation) {
        try {
            observation.run();
        } catch (RuntimeException e) {
            // an observer that fails must not stop the feed
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the pool discards a broken connection
            }
        }
    }

    private static void deliver(Consumer<Change> listener, Change change) {
        try {
            listener.accept(change);
        } catch (StoreUnavailableException e) {
            throw e; // reconnect, then read everything again
        } catch (RuntimeException e) {
            // one change that cannot be applied must not stop the feed; the next read of that record repairs it
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t = feed;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // the database belongs to the gateway core
    }

    @Override
    public String toString() {
        return "PgRoutingStore[" + db.config() + "]";
    }

    // ---- records --------------------------------------------------------------------------------

    /** What never changes while a ticket is in the pool. */
    private record TicketArrival(TicketAttributes attributes, long seq, Instant enqueuedAt) {
    }

    /** What claims, offers and timeouts change. */
    private record TicketState(Claim claim, PushOffer offer, Map<String, Instant> cooldowns) {
        static final TicketState EMPTY = new TicketState(null, null, Map.of());
    }

    private static List<TicketRecord> tickets(Connection c, String sql, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (id != null) {
                s.setString(1, id);
            }
            List<TicketRecord> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    TicketArrival a = decode(r.getString(1), TicketArrival.class);
                    TicketState st = r.getString(2) == null ? TicketState.EMPTY : decode(r.getString(2), TicketState.class);
                    out.add(new TicketRecord(a.attributes(), a.seq(), a.enqueuedAt(), st.claim(), st.offer(),
                            st.cooldowns() == null ? Map.of() : st.cooldowns()));
                }
            }
            return out;
        }
    }

    private <T> Optional<T> one(String sql, String id, Class<T> type) {
        requireNonNull(id, "id");
        return db.read("routing store: read", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(decode(r.getString(1), type)) : Optional.empty();
                }
            }
        });
    }

    private static <T> List<T> all(Connection c, String sql, Class<T> type) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(decode(r.getString(1), type));
            }
        }
        return out;
    }

    private static String encode(Object record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("routing store: cannot encode " + record.getClass().getSimpleName());
        }
    }

    private static <T> T decode(String v, Class<T> type) {
        try {
            return JSON.readValue(v, type);
        } catch (JsonProcessingException e) {
            // the exception text would quote stored content; keep only the type
            throw new StoreUnavailableException("routing store: unreadable " + type.getSimpleName() + " record");
        }
    }
}
