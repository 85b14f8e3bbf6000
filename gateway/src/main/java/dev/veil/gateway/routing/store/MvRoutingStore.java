package dev.veil.gateway.routing.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
import dev.veil.tokenizer.vault.DurableMvStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStoreException;

/**
 * The embedded {@link RoutingStore}: one owner-only MVStore file, one map per kind of record (as
 * JSON), kept by a {@link DurableMvStore}. When {@link #apply} returns, the batch is committed as a
 * whole and forced to the storage device, so a crash of the process or the machine loses no
 * acknowledged operation and never keeps half of one; concurrent operations share commits.
 * Records are encoded before any map is touched, so only the store itself can fail mid-batch,
 * and then it closes rather than commit half a batch. {@link #maintain} compacts a little at a
 * time, which with the helper's prompt chunk reuse keeps the file bounded despite a commit per
 * operation.
 */
public final class MvRoutingStore implements RoutingStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setDefaultPropertyInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final int COMPACT_FILL_RATE = 50;
    private static final int COMPACT_BYTES = 1 << 20;

    private final DurableMvStore db;
    /** Whether closing this store closes {@link #db} (not when the file is shared with other stores). */
    private final boolean ownsFile;
    private final MVMap<String, String> tickets;
    private final MVMap<String, String> ticketStates;
    private final MVMap<String, String> experts;
    private final MVMap<String, String> reputations;
    private final MVMap<String, String> resolutions;
    private final MVMap<Long, String> ledger;

    private MvRoutingStore(DurableMvStore db, boolean ownsFile) {
        this.db = db;
        this.ownsFile = ownsFile;
        tickets = db.openMap("routing.tickets", new MVMap.Builder<>());
        ticketStates = db.openMap("routing.ticketStates", new MVMap.Builder<>());
        experts = db.openMap("routing.experts", new MVMap.Builder<>());
        reputations = db.openMap("routing.reputations", new MVMap.Builder<>());
        resolutions = db.openMap("routing.resolutions", new MVMap.Builder<>());
        ledger = db.openMap("routing.ledger", new MVMap.Builder<>());
    }

    /**
     * Opens the store file, creating it (owner-only, with missing parent directories) if needed.
     *
     * @throws IllegalStateException if another process has the file open, or it cannot be opened
     */
    public static MvRoutingStore open(Path file) {
        requireNonNull(file, "file");
        DurableMvStore db = DurableMvStore.open(file, "routing store");
        try {
            return new MvRoutingStore(db, true);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * A routing store in its own maps ({@code routing.*}) of a file shared with other stores;
     * closing it leaves the file open for its owner to close.
     */
    public static MvRoutingStore of(DurableMvStore shared) {
        return new MvRoutingStore(requireNonNull(shared, "shared"), false);
    }

    /** Where the store lives. */
    public Path path() {
        return db.path();
    }

    /** Rewrites up to 1 MB of sparsely used chunks. */
    @Override
    public void maintain() {
        if (ownsFile) { // a shared file is compacted once by its owner
            db.compact(COMPACT_FILL_RATE, COMPACT_BYTES);
        }
    }

    /** The file's size in bytes, for operators and tests. */
    public long fileSize() {
        return db.fileSize();
    }

    @Override
    public StoreSnapshot load() {
        db.requireOpen();
        try {
            return new StoreSnapshot(
                    decodeAll(experts.values(), ExpertRecord.class),
                    decodeAll(reputations.values(), ReputationRecord.class),
                    tickets(),
                    decodeAll(resolutions.values(), ResolutionRecord.class),
                    decodeAll(ledger.values(), LedgerEntry.class));
        } catch (MVStoreException e) {
            throw db.failure("read", e);
        }
    }

    @Override
    public void apply(StoreBatch batch) {
        requireNonNull(batch, "batch");
        if (batch.isEmpty()) {
            return;
        }
        // everything that may fail on content happens here, before the first map write
        List<EncodedTicket> ticketPuts = new ArrayList<>();
        for (TicketRecord t : batch.ticketPuts()) {
            ticketPuts.add(encodeTicket(t));
        }
        Map<String, String> expertPuts = new LinkedHashMap<>();
        batch.expertPuts().forEach(e -> expertPuts.put(e.profile().expertId(), encode(e)));
        Map<String, String> reputationPuts = new LinkedHashMap<>();
        batch.reputationPuts().forEach(r -> reputationPuts.put(r.expertId(), encode(r)));
        Map<String, String> resolutionPuts = new LinkedHashMap<>();
        batch.resolutionPuts().forEach(r -> resolutionPuts.put(r.attributes().ticketId(), encode(r)));
        Map<Long, String> ledgerAppends = new LinkedHashMap<>();
        batch.ledgerAppends().forEach(e -> ledgerAppends.put(e.seq(), encode(e)));

        db.runDurably(() -> {
            for (String id : batch.ticketRemovals()) {
                tickets.remove(id);
                ticketStates.remove(id);
            }
            for (EncodedTicket t : ticketPuts) {
                if (!t.arrival().equals(tickets.get(t.id()))) {
                    tickets.put(t.id(), t.arrival());
                }
                if (t.state() == null) {
                    ticketStates.remove(t.id());
                } else {
                    ticketStates.put(t.id(), t.state());
                }
            }
            experts.putAll(expertPuts);
            reputations.putAll(reputationPuts);
            batch.resolutionRemovals().forEach(resolutions::remove);
            resolutions.putAll(resolutionPuts);
            ledger.putAll(ledgerAppends);
        });
    }

    /** What never changes while a ticket is in the pool, written once. */
    private record TicketArrival(dev.veil.gateway.routing.model.TicketAttributes attributes, long seq,
            java.time.Instant enqueuedAt) {
    }

    /** What claims, offers and timeouts change; small, so hot-path commits stay small. */
    private record TicketState(dev.veil.gateway.routing.model.Claim claim, dev.veil.gateway.routing.model.PushOffer offer,
            java.util.Map<String, java.time.Instant> cooldowns) {
    }

    /** A ticket's two JSON values; {@code state} is null when there is no claim, offer or cooldown. */
    private record EncodedTicket(String id, String arrival, String state) {
    }

    private static EncodedTicket encodeTicket(TicketRecord t) {
        String arrival = encode(new TicketArrival(t.attributes(), t.seq(), t.enqueuedAt()));
        String state = t.claim() == null && t.offer() == null && t.cooldowns().isEmpty() ? null
                : encode(new TicketState(t.claim(), t.offer(), t.cooldowns()));
        return new EncodedTicket(t.attributes().ticketId(), arrival, state);
    }

    private List<TicketRecord> tickets() {
        List<TicketRecord> out = new ArrayList<>();
        for (java.util.Map.Entry<String, String> e : tickets.entrySet()) {
            TicketArrival a = decode(e.getValue(), TicketArrival.class);
            String state = ticketStates.get(e.getKey());
            TicketState s = state == null ? new TicketState(null, null, java.util.Map.of())
                    : decode(state, TicketState.class);
            out.add(new TicketRecord(a.attributes(), a.seq(), a.enqueuedAt(), s.claim(), s.offer(),
                    s.cooldowns() == null ? java.util.Map.of() : s.cooldowns()));
        }
        return out;
    }

    @Override
    public void close() {
        if (ownsFile) {
            db.close();
        }
    }

    @Override
    public String toString() {
        return "MvRoutingStore[" + db.path() + "]";
    }

    private static String encode(Object record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("routing store: cannot encode " + record.getClass().getSimpleName(), e);
        }
    }

    private static <T> List<T> decodeAll(Iterable<String> values, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (String v : values) {
            out.add(decode(v, type));
        }
        return out;
    }

    private static <T> T decode(String v, Class<T> type) {
        try {
            return JSON.readValue(v, type);
        } catch (JsonProcessingException e) {
            // The exception text would quote stored content; keep only the type.
            throw new IllegalStateException("routing store: unreadable " + type.getSimpleName() + " record");
        }
    }
}
