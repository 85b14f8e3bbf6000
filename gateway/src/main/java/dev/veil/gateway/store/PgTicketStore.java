package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.store.pg.PgDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * The clustered {@link TicketStore}: one PostgreSQL row per ticket, its views sealed with {@link
 * StoreCipher} exactly as the embedded store seals them (bound to ticket id and view name); brand,
 * CRM ticket id and version are columns. A new version is written only over the one before it
 * (compare-and-set on the version column), so two nodes updating one ticket cannot both win.
 * Thread-safe.
 */
public final class PgTicketStore implements TicketStore {

    private final PgDatabase db;
    private final StoreCipher cipher;

    private PgTicketStore(PgDatabase db, StoreCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    /** A store on the shared database; views are sealed with {@code cipher}. */
    public static PgTicketStore of(PgDatabase db, StoreCipher cipher) {
        return new PgTicketStore(requireNonNull(db, "db"), requireNonNull(cipher, "cipher"));
    }

    @Override
    public Optional<String> find(String brand, String crmTicketId) {
        requireNonNull(brand, "brand");
        requireNonNull(crmTicketId, "crmTicketId");
        return db.read("ticket store: read", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM tickets WHERE brand = ? AND crm_ticket_id = ?")) {
                s.setString(1, brand);
                s.setString(2, crmTicketId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<StoredTicket> get(String ticketId) {
        requireNonNull(ticketId, "ticketId");
        byte[] record = db.read("ticket store: read", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT record FROM tickets WHERE id = ?")) {
                s.setString(1, ticketId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getBytes(1) : null;
                }
            }
        });
        return record == null ? Optional.empty() : Optional.of(SealedTickets.decode(ticketId, record, cipher));
    }

    /** One query for the id and the record, whose clear fields are read without opening its views. */
    @Override
    public Optional<Head> head(String brand, String crmTicketId) {
        requireNonNull(brand, "brand");
        requireNonNull(crmTicketId, "crmTicketId");
        return db.read("ticket store: read", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, record FROM tickets WHERE brand = ? AND crm_ticket_id = ?")) {
                s.setString(1, brand);
                s.setString(2, crmTicketId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(SealedTickets.head(r.getString(1), r.getBytes(2))) : Optional.<Head>empty();
                }
            }
        });
    }

    @Override
    public void put(StoredTicket ticket) {
        requireNonNull(ticket, "ticket");
        byte[] record = SealedTickets.encode(ticket, cipher); // sealed first: a missing key writes nothing
        // the version rule is checked against what the database holds, under the row's lock
        db.inTransaction("ticket store: put", c -> {
            // the clear columns are all the rule needs: the sealed views are not opened again
            TicketVersions.Head previous = null;
            try (PreparedStatement s = c.prepareStatement("SELECT brand, crm_ticket_id, version FROM tickets WHERE id = ? FOR UPDATE")) {
                s.setString(1, ticket.id());
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        previous = new TicketVersions.Head(r.getString(1), r.getString(2), r.getLong(3));
                    }
                }
            }
            String indexed = null;
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM tickets WHERE brand = ? AND crm_ticket_id = ?")) {
                s.setString(1, ticket.brand());
                s.setString(2, ticket.crmTicketId());
                try (ResultSet r = s.executeQuery()) {
                    indexed = r.next() ? r.getString(1) : null;
                }
            }
            TicketVersions.check(previous, indexed, ticket);
            String sql = previous == null
                    ? "INSERT INTO tickets (brand, crm_ticket_id, version, record, id) VALUES (?, ?, ?, ?, ?)"
                    : "UPDATE tickets SET brand = ?, crm_ticket_id = ?, version = ?, record = ? WHERE id = ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, ticket.brand());
                s.setString(2, ticket.crmTicketId());
                s.setLong(3, ticket.version());
                s.setBytes(4, record);
                s.setString(5, ticket.id());
                s.executeUpdate();
            } catch (java.sql.SQLException e) {
                if (PgDatabase.uniqueViolation(e)) {
                    // a concurrent first write of the same ticket or CRM id on another node won
                    throw new IllegalArgumentException("ticket: written concurrently by another writer (expected: one version at a time)");
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    public void close() {
        // the database belongs to the gateway core
    }
}
