package dev.veil.gateway.intake;

import static java.util.Objects.requireNonNull;

/** What intake did with a ticket: its Veil id, whether it was new, its stored version, and how many comments it gained. */
public record IntakeResult(String ticketId, boolean created, long version, int newComments) {

    public IntakeResult {
        requireNonNull(ticketId, "ticketId");
    }
}
