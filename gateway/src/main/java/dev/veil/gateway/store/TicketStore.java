package dev.veil.gateway.store;

import java.util.Optional;

/**
 * Where sanitized tickets live: Veil ticket id to {@link StoredTicket}, and (brand, CRM ticket
 * id) to Veil ticket id. A write is durable when {@link #put} returns. Implementations: {@link
 * InMemoryTicketStore} for tests, {@link MvTicketStore} (encrypted at rest) for the embedded
 * gateway; a SQL store can implement the same three operations later.
 */
public interface TicketStore extends AutoCloseable {

    /** The Veil id of the brand's CRM ticket, if Veil has it. */
    Optional<String> find(String brand, String crmTicketId);

    /** The newest stored version of a ticket. */
    Optional<StoredTicket> get(String ticketId);

    /** What an update of a ticket needs of its stored version: its Veil id, version and comment count. */
    record Head(String id, long version, int commentCount) {}

    /**
     * The head of the brand's CRM ticket, if Veil has it: what {@link #find} and {@link #get} give,
     * which a store may read without opening the ticket's views.
     */
    default Optional<Head> head(String brand, String crmTicketId) {
        return find(brand, crmTicketId).flatMap(this::get).map(t -> new Head(t.id(), t.version(), t.commentCount()));
    }

    /**
     * Stores a new ticket or a new version of one (same id, brand and CRM id), durably.
     *
     * @throws IllegalArgumentException if the (brand, CRM id) pair belongs to another Veil id, or the
     *     version does not follow the stored one
     * @throws StoreUnavailableException if it could not be made durable; then nothing was acknowledged
     */
    void put(StoredTicket ticket);

    @Override
    void close();
}
