package dev.veil.gateway.routing.model;

/** What routing did with a CRM event or an expert action. */
public enum EventResult {
    /** The event changed routing state. */
    APPLIED,
    /** No such ticket (or expert) is known. */
    UNKNOWN,
    /** The event does not apply in the current state, e.g. releasing a ticket one does not hold. */
    IGNORED
}
