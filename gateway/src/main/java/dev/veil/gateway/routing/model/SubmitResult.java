package dev.veil.gateway.routing.model;

/** What routing did with a submitted ticket. */
public enum SubmitResult {
    /** The ticket entered the pool. */
    QUEUED,
    /** A ticket with this id is already in the pool; nothing changed. */
    DUPLICATE,
    /** The brand has no routing settings; the ticket was not accepted. */
    UNKNOWN_BRAND
}
