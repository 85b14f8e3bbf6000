package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.engine.TokenRecord;
import java.util.List;

/**
 * One sanitized view of a ticket as a tier of experts sees it: the compact JSON the policy
 * produced under that view, and where reversible tokens sit in it (for revealing to the CRM).
 */
public record TicketView(String name, String json, List<TokenRecord> tokens) {

    public TicketView {
        requireNonNull(name, "name");
        requireNonNull(json, "json");
        tokens = List.copyOf(tokens);
    }
}
