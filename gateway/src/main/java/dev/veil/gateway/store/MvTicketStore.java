package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.DurableMvStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.h2.mvstore.MVMap;

/**
 * The embedded {@link TicketStore}: one MVStore file. Each view (its JSON and token records) is
 * sealed with {@link StoreCipher}, bound to the ticket id and view name; only the brand, the CRM
 * ticket id, version numbers and counts are stored in clear. A ticket and its index entry are
 * committed together and forced to disk before {@link #put} returns (through {@link
 * dev.veil.tokenizer.vault.DurableMvStore}). Thread-safe.
 */
public final class MvTicketStore implements TicketStore {

    private final MvFile file;
    private final StoreCipher cipher;
    private final MVMap<String, byte[]> tickets;
    private final MVMap<String, byte[]> index;
    private final Object[] locks = new Object[64];

    private MvTicketStore(MvFile file, StoreCipher cipher) {
        this.file = file;
        this.cipher = cipher;
        this.tickets = file.map("tickets");
        this.index = file.map("ticketIndex");
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** Opens (or creates) the store file; views are sealed with {@code cipher}. */
    public static MvTicketStore open(Path path, StoreCipher cipher) {
        requireNonNull(cipher, "cipher");
        return new MvTicketStore(MvFile.open(path, "ticket store"), cipher);
    }

    /** The store in its maps ({@code tickets}, {@code ticketIndex}) of a file shared with the other embedded stores. */
    public static MvTicketStore of(DurableMvStore shared, StoreCipher cipher) {
        requireNonNull(cipher, "cipher");
        return new MvTicketStore(MvFile.shared(shared, "ticket store"), cipher);
    }

    @Override
    public Optional<String> find(String brand, String crmTicketId) {
        String key = TicketVersions.indexKey(requireNonNull(brand, "brand"), requireNonNull(crmTicketId, "crmTicketId"));
        byte[] id = file.read(() -> index.get(key));
        return id == null ? Optional.empty() : Optional.of(new String(id, StandardCharsets.UTF_8));
    }

    @Override
    public Optional<StoredTicket> get(String ticketId) {
        requireNonNull(ticketId, "ticketId");
        byte[] record = file.read(() -> tickets.get(ticketId));
        return record == null ? Optional.empty() : Optional.of(decode(ticketId, record));
    }

    /** Reads the record's clear fields only: an update needs no view opened. */
    @Override
    public Optional<Head> head(String brand, String crmTicketId) {
        Optional<String> id = find(brand, crmTicketId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        byte[] record = file.read(() -> tickets.get(id.get()));
        return record == null ? Optional.empty() : Optional.of(SealedTickets.head(id.get(), record));
    }

    @Override
    public void put(StoredTicket ticket) {
        requireNonNull(ticket, "ticket");
        byte[] record = encode(ticket); // sealed before anything is written: a missing key writes nothing
        String key = TicketVersions.indexKey(ticket.brand(), ticket.crmTicketId());
        // one ticket's id and CRM id never change, so one lock per CRM id orders its versions;
        // writes of different tickets share fsyncs
        synchronized (locks[Math.floorMod(key.hashCode(), locks.length)]) {
            byte[] stored = file.read(() -> tickets.get(ticket.id()));
            // the rule reads clear fields only: the previous views are not opened
            TicketVersions.Head previous = stored == null ? null : SealedTickets.versionHead(ticket.id(), stored);
            String indexed = find(ticket.brand(), ticket.crmTicketId()).orElse(null);
            TicketVersions.check(previous, indexed, ticket);
            byte[] id = ticket.id().getBytes(StandardCharsets.UTF_8);
            file.writeDurably(() -> {
                tickets.put(ticket.id(), record);
                index.put(key, id);
                return null;
            });
        }
    }

    /** Bounded compaction, for a periodic housekeeping call. */
    public void maintain() {
        file.compact();
    }

    @Override
    public void close() {
        file.close();
    }

    private byte[] encode(StoredTicket t) {
        return SealedTickets.encode(t, cipher);
    }

    private StoredTicket decode(String id, byte[] record) {
        return SealedTickets.decode(id, record, cipher);
    }
}
