package dev.veil.gateway.routing.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One line of the pay ledger, in integer minor units of {@code currency}. A clawback carries a
 * negative amount and the sequence number of the earning it reverses.
 */
public record LedgerEntry(
        long seq,
        Instant at,
        Kind kind,
        String expertId,
        String ticketId,
        String brand,
        String currency,
        long basePayMinor,
        int surgeBps,
        long amountMinor,
        long reverses) {

    /** Whether an entry pays or takes back. */
    public enum Kind {
        EARNING,
        CLAWBACK
    }

    public LedgerEntry {
        requireNonNull(at, "at");
        requireNonNull(kind, "kind");
        requireNonNull(expertId, "expertId");
        requireNonNull(ticketId, "ticketId");
        requireNonNull(brand, "brand");
        requireNonNull(currency, "currency");
    }
}
