package dev.veil.gateway.routing;

import dev.veil.gateway.routing.model.ExpertRecord;
import dev.veil.gateway.routing.model.LedgerEntry;
import dev.veil.gateway.routing.model.ReputationRecord;
import dev.veil.gateway.routing.model.ResolutionRecord;
import dev.veil.gateway.routing.model.TicketRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where routing state survives a restart: open tickets with their claims and deadlines,
 * experts, reputations, recent resolutions and the pay ledger. The embedded MVStore file is
 * the default (one node). A store shared by several nodes (PostgreSQL) also decides: it honours
 * each batch's {@link StoreBatch.Expectation}s and expert capacity, throwing {@link
 * RoutingConflictException} when another node got there first, allocates ledger sequence
 * numbers, serves single records, and tells each node what the others changed.
 */
public interface RoutingStore extends AutoCloseable {

    /** Everything stored, for rebuilding routing state at start-up. */
    StoreSnapshot load();

    /**
     * Applies every write of the batch, all or nothing, before returning.
     *
     * @throws RoutingConflictException (shared stores only) if an expectation no longer holds
     *     or an expert taking a ticket has no capacity left; nothing was written
     */
    void apply(StoreBatch batch);

    /** Bounded housekeeping (e.g. compaction), run from {@code RoutingService.tick()}. */
    default void maintain() {
    }

    /** Whether other nodes write this store too (then routing listens to {@link #subscribe}). */
    default boolean shared() {
        return false;
    }

    /** One stored ticket of the pool. */
    default Optional<TicketRecord> ticket(String ticketId) {
        throw new UnsupportedOperationException("single reads are for shared stores");
    }

    default Optional<ExpertRecord> expert(String expertId) {
        throw new UnsupportedOperationException("single reads are for shared stores");
    }

    default Optional<ReputationRecord> reputation(String expertId) {
        throw new UnsupportedOperationException("single reads are for shared stores");
    }

    default Optional<ResolutionRecord> resolution(String ticketId) {
        throw new UnsupportedOperationException("single reads are for shared stores");
    }

    default Optional<LedgerEntry> ledgerEntry(long seq) {
        throw new UnsupportedOperationException("single reads are for shared stores");
    }

    /** The next ledger sequence number after {@code last}, unique across nodes for a shared store. */
    default long nextLedgerSeq(long last) {
        return last + 1;
    }

    /** Ids of tickets whose claim or push offer is due by {@code now} (shared stores: so a dead node's claims return). */
    default List<String> due(Instant now, int max) {
        return List.of();
    }

    /** What another node changed: a ticket, expert, ledger entry, or everything ({@link Change#ALL}, after the feed broke). */
    record Change(char kind, String id) {
        public static final char TICKET = 't';
        public static final char EXPERT = 'e';
        public static final char LEDGER = 'l';
        public static final char ALL = '*';
    }

    /** Starts telling {@code listener} about other nodes' changes (shared stores; the default does nothing). */
    default void subscribe(Consumer<Change> listener) {
    }

    @Override
    void close();
}
