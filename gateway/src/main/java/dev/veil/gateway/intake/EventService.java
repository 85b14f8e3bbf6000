package dev.veil.gateway.intake;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.core.Brands;
import dev.veil.gateway.core.GatewayException;
import dev.veil.gateway.core.PolicyFailures;
import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.model.Outcome;
import dev.veil.gateway.routing.RoutingService;
import dev.veil.gateway.store.StoredTicket;
import dev.veil.gateway.store.TicketStore;
import dev.veil.gateway.store.VeilIds;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * CRM events about a brand's ticket (named by its Veil id or its CRM ticket id) feeding routing's
 * reputation and pay ledger: resolved (with outcome), reopened, CSAT, QA, closed. Each returns
 * {@link EventResult#APPLIED} or {@link EventResult#IGNORED} (it does not apply in the ticket's
 * current state, e.g. a second {@code resolved}). Thread-safe.
 */
public final class EventService {

    /** Highest CSAT or QA score; scores run from 0. */
    public static final int MAX_SCORE = 100;

    private final Brands brands;
    private final TicketStore tickets;
    private final RoutingService routing;

    private EventService(Brands brands, TicketStore tickets, RoutingService routing) {
        this.brands = brands;
        this.tickets = tickets;
        this.routing = routing;
    }

    public static EventService of(Brands brands, TicketStore tickets, RoutingService routing) {
        return new EventService(requireNonNull(brands, "brands"), requireNonNull(tickets, "tickets"), requireNonNull(routing, "routing"));
    }

    /** The brand resolved the ticket; an accepted resolution of a claimed ticket pays the claimant. */
    public EventResult resolved(String brand, String ticket, Outcome outcome) {
        requireNonNull(outcome, "outcome");
        String id = resolve(brand, ticket);
        return apply(() -> routing.resolved(id, outcome));
    }

    /** The brand reopened a resolved ticket: it returns to the pool (a recent earning is clawed back). */
    public EventResult reopened(String brand, String ticket) {
        String id = resolve(brand, ticket);
        return apply(() -> routing.reopened(id));
    }

    /** A customer satisfaction score, 0 to 100; {@code excluded} marks one the expert could not control. */
    public EventResult csat(String brand, String ticket, int score, boolean excluded) {
        checkScore(score);
        String id = resolve(brand, ticket);
        return apply(() -> routing.csat(id, score, excluded));
    }

    /** A QA review score, 0 to 100. */
    public EventResult qa(String brand, String ticket, int score) {
        checkScore(score);
        String id = resolve(brand, ticket);
        return apply(() -> routing.qa(id, score));
    }

    /** The brand closed the ticket without a resolution to pay: it leaves routing. */
    public EventResult closed(String brand, String ticket) {
        String id = resolve(brand, ticket);
        return apply(() -> routing.withdraw(id));
    }

    /** The Veil id of the brand's ticket named by Veil id or CRM ticket id; {@code unknown_ticket} otherwise. */
    String resolve(String brand, String ticket) {
        brands.require(brand);
        requireNonNull(ticket, "ticket");
        if (VeilIds.isTicketId(ticket)) {
            Optional<StoredTicket> t = tickets.get(ticket);
            if (t.isPresent() && t.get().brand().equals(brand)) {
                return ticket;
            }
        }
        if (ticket.isEmpty() || ticket.length() > IntakeService.MAX_CRM_ID_LENGTH) {
            throw unknown();
        }
        return tickets.find(brand, ticket).orElseThrow(EventService::unknown);
    }

    private static EventResult apply(Supplier<EventResult> event) {
        EventResult r = PolicyFailures.routing(event);
        if (r == EventResult.UNKNOWN) {
            // stored but unknown to routing: resolved long ago and forgotten, or never routed
            throw new GatewayException(GatewayException.UNKNOWN_TICKET, "routing does not know this ticket (any more)");
        }
        return r;
    }

    private static void checkScore(int score) {
        if (score < 0 || score > MAX_SCORE) {
            throw new GatewayException(GatewayException.INVALID_EVENT, "score: " + score + " (expected: 0 to " + MAX_SCORE + ")");
        }
    }

    private static GatewayException unknown() {
        return new GatewayException(GatewayException.UNKNOWN_TICKET, "the brand has no such ticket");
    }
}
