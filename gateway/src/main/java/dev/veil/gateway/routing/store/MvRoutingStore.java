package dev.veil.gateway.routing.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.veil.gateway.routing.ExpertRecord;
import dev.veil.gateway.routing.LedgerEntry;
import dev.veil.gateway.routing.ReputationRecord;
import dev.veil.gateway.routing.ResolutionRecord;
import dev.veil.gateway.routing.RoutingStore;
import dev.veil.gateway.routing.StoreBatch;
import dev.veil.gateway.routing.StoreSnapshot;
import dev.veil.gateway.routing.TicketRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The embedded {@link RoutingStore}: one MVStore file, one map per kind of record (as JSON).
 * Each batch is written and committed as one chunk before {@link #apply} returns, so a process
 * crash loses no operation and never keeps half of one. Chunks freed by later commits are
 * reused at once and {@link #maintain} compacts a little at a time, which keeps the file
 * bounded despite a commit per operation.
 */
public final class MvRoutingStore implements RoutingStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setDefaultPropertyInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final int COMPACT_FILL_RATE = 50;
    private static final int COMPACT_BYTES = 1 << 20;

    private final MVStore store;
    private final MVMap<String, String> tickets;
    private final MVMap<String, String> ticketStates;
    private final MVMap<String, String> experts;
    private final MVMap<String, String> reputations;
    private final MVMap<String, String> resolutions;
    private final MVMap<Long, String> ledger;

    private MvRoutingStore(MVStore store) {
        this.store = store;
        tickets = store.openMap("routing.tickets");
        ticketStates = store.openMap("routing.ticketStates");
        experts = store.openMap("routing.experts");
        reputations = store.openMap("routing.reputations");
        resolutions = store.openMap("routing.resolutions");
        ledger = store.openMap("routing.ledger");
    }

    /** Opens (or creates) the store file. */
    public static MvRoutingStore open(Path file) {
        requireNonNull(file, "file");
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        // The default keeps every chunk for 45 s, which with a commit per operation grows the
        // file by gigabytes; committed state is in the OS's hands at once, so reuse it at once.
        store.setRetentionTime(0);
        return new MvRoutingStore(store);
    }

    /** Rewrites up to 1 MB of sparsely used chunks. */
    @Override
    public synchronized void maintain() {
        if (store.compact(COMPACT_FILL_RATE, COMPACT_BYTES)) {
            store.commit();
        }
    }

    /** The file's size in bytes, for operators and tests. */
    public long fileSize() {
        return store.getFileStore().size();
    }

    @Override
    public synchronized StoreSnapshot load() {
        return new StoreSnapshot(
                decodeAll(experts.values(), ExpertRecord.class),
                decodeAll(reputations.values(), ReputationRecord.class),
                tickets(),
                decodeAll(resolutions.values(), ResolutionRecord.class),
                decodeAll(ledger.values(), LedgerEntry.class));
    }

    @Override
    public synchronized void apply(StoreBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            for (String id : batch.ticketRemovals()) {
                tickets.remove(id);
                ticketStates.remove(id);
            }
            for (TicketRecord t : batch.ticketPuts()) {
                putTicket(t);
            }
            for (ExpertRecord e : batch.expertPuts()) {
                experts.put(e.profile().expertId(), encode(e));
            }
            for (ReputationRecord r : batch.reputationPuts()) {
                reputations.put(r.expertId(), encode(r));
            }
            for (String id : batch.resolutionRemovals()) {
                resolutions.remove(id);
            }
            for (ResolutionRecord r : batch.resolutionPuts()) {
                resolutions.put(r.attributes().ticketId(), encode(r));
            }
            for (LedgerEntry e : batch.ledgerAppends()) {
                ledger.put(e.seq(), encode(e));
            }
            store.commit();
        } catch (RuntimeException e) {
            store.rollback();
            throw e;
        }
    }

    /** What never changes while a ticket is in the pool, written once. */
    private record TicketArrival(dev.veil.gateway.routing.TicketAttributes attributes, long seq,
            java.time.Instant enqueuedAt) {
    }

    /** What claims, offers and timeouts change; small, so hot-path commits stay small. */
    private record TicketState(dev.veil.gateway.routing.Claim claim, dev.veil.gateway.routing.PushOffer offer,
            java.util.Map<String, java.time.Instant> cooldowns) {
    }

    private void putTicket(TicketRecord t) {
        String id = t.attributes().ticketId();
        String arrival = encode(new TicketArrival(t.attributes(), t.seq(), t.enqueuedAt()));
        if (!arrival.equals(tickets.get(id))) {
            tickets.put(id, arrival);
        }
        if (t.claim() == null && t.offer() == null && t.cooldowns().isEmpty()) {
            ticketStates.remove(id);
        } else {
            ticketStates.put(id, encode(new TicketState(t.claim(), t.offer(), t.cooldowns())));
        }
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
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
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
