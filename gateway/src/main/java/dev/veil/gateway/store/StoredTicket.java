package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Veil keeps of a ticket: its Veil id and where it came from (brand and CRM ticket id),
 * the sanitized views (one per policy view, {@link #BASE_VIEW} for the policy without a view),
 * a version that grows with every update from the CRM, and how many comments it has. Never the
 * raw ticket.
 */
public record StoredTicket(
        String id,
        String brand,
        String crmTicketId,
        long version,
        int commentCount,
        int policyVersion,
        Instant updatedAt,
        Map<String, TicketView> views) {

    /** The name of the view made by the policy's own rules, without any {@code views:} overlay. */
    public static final String BASE_VIEW = "";

    public StoredTicket {
        requireNonNull(id, "id");
        requireNonNull(brand, "brand");
        requireNonNull(crmTicketId, "crmTicketId");
        requireNonNull(updatedAt, "updatedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version: " + version + " (expected: >= 1)");
        }
        if (commentCount < 0) {
            throw new IllegalArgumentException("commentCount: " + commentCount + " (expected: >= 0)");
        }
        views = java.util.Collections.unmodifiableMap(new TreeMap<>(views));
        if (!views.containsKey(BASE_VIEW)) {
            throw new IllegalArgumentException("views: no base view (expected: one named \"\")");
        }
        views.forEach((name, view) -> {
            if (!name.equals(view.name())) {
                throw new IllegalArgumentException("views: a view is filed under another name");
            }
        });
    }

    /** The view named {@code name}, or the base view if the ticket has none of that name. */
    public TicketView view(String name) {
        TicketView view = name == null ? null : views.get(name);
        return view != null ? view : views.get(BASE_VIEW);
    }
}
