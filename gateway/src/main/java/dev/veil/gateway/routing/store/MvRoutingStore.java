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
 * Each batch is written and committed as one chunk, so a crash never leaves half an operation.
 */
public final class MvRoutingStore implements RoutingStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final MVStore store;
    private final MVMap<String, String> tickets;
    private final MVMap<String, String> experts;
    private final MVMap<String, String> reputations;
    private final MVMap<String, String> resolutions;
    private final MVMap<Long, String> ledger;

    private MvRoutingStore(MVStore store) {
        this.store = store;
        tickets = store.openMap("routing.tickets");
        experts = store.openMap("routing.experts");
        reputations = store.openMap("routing.reputations");
        resolutions = store.openMap("routing.resolutions");
        ledger = store.openMap("routing.ledger");
    }

    /** Opens (or creates) the store file. */
    public static MvRoutingStore open(Path file) {
        requireNonNull(file, "file");
        return new MvRoutingStore(new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open());
    }

    @Override
    public synchronized StoreSnapshot load() {
        return new StoreSnapshot(
                decodeAll(experts.values(), ExpertRecord.class),
                decodeAll(reputations.values(), ReputationRecord.class),
                decodeAll(tickets.values(), TicketRecord.class),
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
            }
            for (TicketRecord t : batch.ticketPuts()) {
                tickets.put(t.attributes().ticketId(), encode(t));
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
            try {
                out.add(JSON.readValue(v, type));
            } catch (JsonProcessingException e) {
                // The exception text would quote stored content; keep only the type.
                throw new IllegalStateException("routing store: unreadable " + type.getSimpleName() + " record");
            }
        }
        return out;
    }
}
