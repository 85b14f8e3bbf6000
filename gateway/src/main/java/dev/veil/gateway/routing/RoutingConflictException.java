package dev.veil.gateway.routing;

import dev.veil.tokenizer.error.VeilException;
import java.util.List;

/**
 * A shared {@link RoutingStore} refused a batch because another node changed the ticket first
 * (it was claimed, offered, released or closed meanwhile) or the expert's capacity is used up.
 * Nothing of the batch was written; routing re-reads the ticket and answers as the database decided.
 */
public final class RoutingConflictException extends VeilException {

    /** The stable code: {@code routing_conflict}. */
    public static final String CODE = "routing_conflict";

    private final boolean capacity;
    private final List<String> ticketIds;

    /**
     * @param capacity whether the expert's capacity, not the ticket's state, refused the write
     * @param ticketIds the tickets of the refused batch (ids only)
     */
    public RoutingConflictException(boolean capacity, List<String> ticketIds) {
        super(CODE, capacity ? "the expert's capacity is used up on another node" : "the ticket was changed on another node");
        this.capacity = capacity;
        this.ticketIds = List.copyOf(ticketIds);
    }

    public boolean capacity() {
        return capacity;
    }

    public List<String> ticketIds() {
        return ticketIds;
    }
}
