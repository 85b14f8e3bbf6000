package dev.veil.gateway.intake;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.gateway.core.Brand;
import dev.veil.gateway.core.Brands;
import dev.veil.gateway.core.GatewayException;
import dev.veil.gateway.core.PolicyFailures;
import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.RoutingService;
import dev.veil.gateway.routing.model.SubmitResult;
import dev.veil.gateway.routing.model.TicketAttributes;
import dev.veil.gateway.routing.TicketAttributesMapper;
import dev.veil.gateway.routing.config.RoutingSettings;
import dev.veil.gateway.store.StoreUnavailableException;
import dev.veil.gateway.store.StoredTicket;
import dev.veil.gateway.store.TicketStore;
import dev.veil.gateway.store.TicketView;
import dev.veil.gateway.store.VeilIds;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.engine.PolicyEngine;
import dev.veil.policy.engine.SanitizeResult;
import dev.veil.tokenizer.vault.DurableBatch;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.h2.mvstore.MVStoreException;

/**
 * The CRM side's intake: a brand's raw ticket goes through the brand's policy once per view, the
 * sanitized views and their token records are stored (sealed), and the routing attributes are
 * handed to routing; the same CRM ticket id again is an update of the same Veil ticket. An update
 * is the CRM's whole ticket again: it is sanitized whole and replaces the stored views, so new
 * comments appear sanitized after the earlier ones (hashed, convergent and format-preserving tokens
 * come out as before; non-convergent random tokens are new), and comments beyond the stored count
 * are reported as new. Fail
 * closed: a ticket that cannot be sanitized whole is refused and nothing of it is stored. Vaulted
 * tokens written before a failure stay in the token store unreferenced; they reveal nothing.
 * Thread-safe; submissions of one CRM ticket are serialized.
 */
public final class IntakeService {

    /** Longest CRM ticket id accepted. */
    public static final int MAX_CRM_ID_LENGTH = 128;

    private static final int STRIPES = 256;

    private final Brands brands;
    private final PolicyEngine engine;
    private final TicketStore tickets;
    private final RoutingService routing;
    private final Clock clock;
    private final SecureRandom random;
    private final Object[] locks = new Object[STRIPES];

    private IntakeService(Brands brands, PolicyEngine engine, TicketStore tickets, RoutingService routing, Clock clock, SecureRandom random) {
        this.brands = brands;
        this.engine = engine;
        this.tickets = tickets;
        this.routing = routing;
        this.clock = clock;
        this.random = random;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    public static IntakeService of(Brands brands, PolicyEngine engine, TicketStore tickets, RoutingService routing, Clock clock,
            SecureRandom random) {
        return new IntakeService(requireNonNull(brands, "brands"), requireNonNull(engine, "engine"), requireNonNull(tickets, "tickets"),
                requireNonNull(routing, "routing"), requireNonNull(clock, "clock"), requireNonNull(random, "random"));
    }

    /**
     * Takes in a brand's ticket (new or updated); when this returns, the views, their tokens and
     * the routing state are durable, or, when called inside an open {@link DurableBatch}, written
     * in it for that batch's one commit (which the caller must wait for before acknowledging).
     *
     * @throws GatewayException {@code unknown_brand}, {@code invalid_ticket}, {@code policy_rejected} or
     *     {@code vault_unavailable}
     * @throws dev.veil.policy.engine.DocumentRejectedException with the engine's code ({@code invalid_json},
     *     {@code duplicate_key}, {@code too_deep}, {@code document_too_large}, ...) if the ticket cannot be read
     * @throws dev.veil.gateway.store.StoreUnavailableException if the ticket or routing store failed
     */
    public IntakeResult submit(String brandName, byte[] ticketJson) {
        requireNonNull(ticketJson, "ticketJson");
        Brand brand = brands.require(brandName);
        RoutingSettings settings = routing.config().brand(brand.name());
        if (settings == null) {
            throw new GatewayException(GatewayException.UNKNOWN_BRAND, "the brand has no routing settings");
        }
        CompiledPolicy policy = brand.policy().get();
        JsonNode raw = PolicyFailures.run(() -> engine.parse(ticketJson));
        String crmId = crmId(raw, brand);
        // joins the caller's batch (a webhook's delivery, whose answer then shares the commit), else its own
        try (DurableBatch unit = DurableBatch.join()) {
            // sanitizing (vault calls included) depends on neither the stored ticket nor its id: done outside the lock
            Map<String, SanitizeResult> results = PolicyFailures.run(() -> engine.applyViews(policy, viewNames(policy), raw));
            SanitizeResult baseResult = results.get(null);
            Map<String, TicketView> views = sanitize(results);
            // every view's vaulted tokens reach the disk no later than a view that names them (free in one file)
            unit.barrier();
            IntakeResult result = store(brand, settings, policy, crmId, baseResult, views);
            try {
                unit.commit();
            } catch (IllegalStateException | MVStoreException e) {
                throw new StoreUnavailableException("embedded store: commit failed; the ticket was not acknowledged");
            }
            return result;
        }
    }

    private IntakeResult store(Brand brand, RoutingSettings settings, CompiledPolicy policy, String crmId, SanitizeResult baseResult,
            Map<String, TicketView> views) {
        JsonNode base = baseResult.document();
        synchronized (locks[Math.floorMod((brand.name() + '\n' + crmId).hashCode(), STRIPES)]) {
            // the stored version's id, version and comment count; its views are not opened
            Optional<TicketStore.Head> previous = tickets.head(brand.name(), crmId);
            // in time order: a new ticket's records go to the stores' rightmost pages, not a random one each
            String id = previous.map(TicketStore.Head::id).orElseGet(() -> VeilIds.nextOrdered(VeilIds.TICKET, clock.millis(), random));
            TicketAttributes attributes;
            try {
                attributes = TicketAttributesMapper.map(id, brand.name(), base, settings.attributes());
            } catch (IllegalArgumentException e) {
                throw new GatewayException(GatewayException.INVALID_TICKET, "the ticket's routing attributes (language, priority, channel or tags) cannot be read");
            }
            JsonNode comments = base.at(brand.commentsPointer());
            int commentCount = comments.isArray() ? comments.size() : 0;
            long version = previous.map(p -> p.version() + 1).orElse(1L);
            tickets.put(new StoredTicket(id, brand.name(), crmId, version, commentCount, policy.version(), clock.instant(), views));
            route(attributes, previous.isEmpty());
            int before = previous.map(TicketStore.Head::commentCount).orElse(0);
            return new IntakeResult(id, previous.isEmpty(), version, Math.max(0, commentCount - before), baseResult.report());
        }
    }

    /** The base policy ({@code null}) and then each view, in file order: detectors run once per text for all of them. */
    private static List<String> viewNames(CompiledPolicy policy) {
        List<String> names = new ArrayList<>(policy.views().size() + 1);
        names.add(null);
        names.addAll(policy.views());
        return names;
    }

    private Map<String, TicketView> sanitize(Map<String, SanitizeResult> results) {
        Map<String, TicketView> views = new LinkedHashMap<>();
        results.forEach((view, result) -> {
            String name = view == null ? StoredTicket.BASE_VIEW : view;
            views.put(name, new TicketView(name, result.document(), result.report().tokens()));
        });
        return views;
    }

    private void route(TicketAttributes attributes, boolean created) {
        PolicyFailures.routing(() -> {
            // an update finds the ticket in routing unless a crash came between storing and routing it before
            if (!created && routing.refresh(attributes) != EventResult.UNKNOWN) {
                return null;
            }
            if (routing.submit(attributes) == SubmitResult.UNKNOWN_BRAND) {
                throw new GatewayException(GatewayException.UNKNOWN_BRAND, "the brand has no routing settings");
            }
            return null;
        });
    }

    private static String crmId(JsonNode raw, Brand brand) {
        JsonNode node = raw.at(brand.ticketIdPointer());
        String id = node.isTextual() ? node.textValue() : node.isIntegralNumber() ? node.bigIntegerValue().toString() : null;
        if (id == null || id.isBlank() || id.length() > MAX_CRM_ID_LENGTH) {
            throw new GatewayException(GatewayException.INVALID_TICKET,
                    "no CRM ticket id (a string or integer of 1 to " + MAX_CRM_ID_LENGTH + " characters) at the brand's ticket id pointer");
        }
        return id;
    }
}
