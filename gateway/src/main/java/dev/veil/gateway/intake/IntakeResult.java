package dev.veil.gateway.intake;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.engine.SanitizeReport;

/**
 * What intake did with a ticket: its Veil id, whether it was new, its stored version, how many
 * comments it gained, and what the policy did to the base view (counts and token records, never values).
 */
public record IntakeResult(String ticketId, boolean created, long version, int newComments, SanitizeReport report) {

    public IntakeResult {
        requireNonNull(ticketId, "ticketId");
        requireNonNull(report, "report");
    }
}
