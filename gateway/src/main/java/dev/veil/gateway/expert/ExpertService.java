package dev.veil.gateway.expert;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.core.Brand;
import dev.veil.gateway.core.Brands;
import dev.veil.gateway.core.GatewayException;
import dev.veil.gateway.core.JsonTrees;
import dev.veil.gateway.core.PolicyFailures;
import dev.veil.gateway.intake.Audit;
import dev.veil.gateway.routing.model.Claim;
import dev.veil.gateway.routing.model.ClaimResult;
import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.model.ExpertView;
import dev.veil.gateway.routing.model.LedgerEntry;
import dev.veil.gateway.routing.model.Offer;
import dev.veil.gateway.routing.model.RuleResult;
import dev.veil.gateway.routing.RoutingService;
import dev.veil.gateway.routing.model.TicketRecord;
import dev.veil.gateway.store.Outbox;
import dev.veil.gateway.store.StoredTicket;
import dev.veil.gateway.store.TicketStore;
import dev.veil.gateway.store.TicketView;
import dev.veil.gateway.store.VeilIds;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.CompiledProfile;
import dev.veil.policy.model.Defaults;
import dev.veil.policy.reveal.RevealedText;
import dev.veil.policy.reveal.Revealer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * The expert side: offers, claim (one winner), the masked view of the expert's tier (only for the
 * current claimant), reply (scanned with the brand policy, quoted tokens revealed for the CRM,
 * queued in the outbox), release, and the expert's own standing. Experts never get a path to
 * detokenize: the only reveal here is into the outbox, for the {@code crm} audience, and every reply
 * that quotes tokens is audited ({@link Audit#REPLY_REVEAL}) before it is queued. Thread-safe.
 */
public final class ExpertService {

    /** Longest reply accepted, in characters. */
    public static final int MAX_REPLY_CHARS = 32 * 1024;
    /** The audience replies are revealed for. */
    public static final String CRM = "crm";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RoutingService routing;
    private final TicketStore tickets;
    private final Brands brands;
    private final Outbox outbox;
    private final ExpertTiers tiers;
    private final Audit audit;
    private final Clock clock;
    private final SecureRandom random;

    private ExpertService(RoutingService routing, TicketStore tickets, Brands brands, Outbox outbox, ExpertTiers tiers, Audit audit,
            Clock clock, SecureRandom random) {
        this.routing = routing;
        this.tickets = tickets;
        this.brands = brands;
        this.outbox = outbox;
        this.tiers = tiers;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
    }

    public static ExpertService of(RoutingService routing, TicketStore tickets, Brands brands, Outbox outbox, ExpertTiers tiers,
            Audit audit, Clock clock, SecureRandom random) {
        return new ExpertService(requireNonNull(routing, "routing"), requireNonNull(tickets, "tickets"), requireNonNull(brands, "brands"),
                requireNonNull(outbox, "outbox"), requireNonNull(tiers, "tiers"), requireNonNull(audit, "audit"), requireNonNull(clock, "clock"),
                requireNonNull(random, "random"));
    }

    /** The offers the expert may take now, at most {@code limit} (1 to {@link RoutingService#MAX_PAGE}). */
    public List<Offer> offers(String expertId, int limit) {
        requireNonNull(expertId, "expertId");
        if (limit < 1 || limit > RoutingService.MAX_PAGE) {
            limit = Math.max(1, Math.min(limit, RoutingService.MAX_PAGE));
        }
        return routing.offers(expertId, limit);
    }

    /**
     * Claims a ticket; of concurrent claimers exactly one wins.
     *
     * @throws GatewayException {@code claim_conflict}, {@code not_eligible} (the detail names the rule),
     *     {@code unknown_ticket} or {@code unknown_expert}
     */
    public Claim claim(String expertId, String ticketId) {
        requireNonNull(expertId, "expertId");
        requireNonNull(ticketId, "ticketId");
        ClaimResult r = PolicyFailures.routing(() -> routing.claim(expertId, ticketId));
        return switch (r.status()) {
            case CLAIMED -> r.claim();
            case TAKEN -> throw new GatewayException(GatewayException.CLAIM_CONFLICT, "another expert holds or was offered this ticket");
            case NOT_ELIGIBLE -> throw new GatewayException(GatewayException.NOT_ELIGIBLE,
                    "the expert may not take this ticket (rule " + (r.failedRule() == null ? "unknown" : r.failedRule().name().toLowerCase(java.util.Locale.ROOT)) + ")");
            case UNKNOWN_TICKET -> throw new GatewayException(GatewayException.UNKNOWN_TICKET, "no such ticket is waiting");
            case UNKNOWN_EXPERT -> throw new GatewayException(GatewayException.UNKNOWN_EXPERT, "no such expert is registered");
        };
    }

    /**
     * The newest version of the ticket under the expert's tier view.
     *
     * @throws GatewayException {@code not_claimant} unless the expert holds the ticket now
     */
    public ExpertTicket view(String expertId, String ticketId) {
        StoredTicket t = held(expertId, ticketId);
        String tier = tiers.viewFor(expertId, t.brand());
        TicketView v = t.view(tier);
        return new ExpertTicket(t.id(), t.brand(), t.version(), v.name(), v.document());
    }

    /**
     * Sends a reply to the brand's CRM: scanned with the brand policy first (PII replaced, or the
     * reply refused, as the policy's {@code replies} says), quoted tokens revealed for the CRM as the
     * reveal rules allow, audited ({@link Audit#REPLY_REVEAL}: the expert, the ticket, the quoted
     * tokens and the counts, never values) if it quotes any, then queued durably in the outbox; the
     * claim no longer lapses. If the audit cannot be written nothing is queued.
     *
     * @throws GatewayException {@code not_claimant}, {@code invalid_reply}, {@code reply_contains_pii},
     *     {@code vault_unavailable} or {@code audit_unavailable}
     */
    public ReplyReceipt reply(String expertId, String ticketId, String text) {
        requireNonNull(text, "text");
        StoredTicket t = held(expertId, ticketId);
        if (text.isBlank() || text.length() > MAX_REPLY_CHARS) {
            throw new GatewayException(GatewayException.INVALID_REPLY, "a reply of " + text.length()
                    + " characters (expected: 1 to " + MAX_REPLY_CHARS + ", not blank)");
        }
        Brand brand = brands.require(t.brand());
        CompiledPolicy policy = brand.policy().get();
        ReplyScanner.Scanned scanned = PolicyFailures.run(() -> ReplyScanner.scan(policy, text));
        String body = scanned.text();
        int revealed = 0;
        int withheld = 0;
        if (policy.audiences().contains(CRM)) {
            RevealedText r = PolicyFailures.run(() -> Revealer.of(policy).revealText(CRM, scanned.text()));
            body = r.text();
            revealed = r.report().revealedTotal();
            withheld = r.report().withheld();
            int unresolved = r.report().unresolved();
            if (revealed + withheld + unresolved > 0) {
                audit(expertId, t, quotedTokens(policy, scanned.text()), revealed, withheld, unresolved);
            }
        }
        String messageId = VeilIds.next(VeilIds.MESSAGE, random);
        ObjectNode payload = JSON.createObjectNode()
                .put("type", "ticket.reply")
                .put("message_id", messageId)
                .put("brand", t.brand())
                .put("ticket", t.id())
                .put("crm_ticket_id", t.crmTicketId())
                .put("expert", expertId)
                .put("body", body)
                .put("created_at", clock.instant().toString());
        outbox.enqueue(messageId, t.brand(), JsonTrees.bytes(payload));
        PolicyFailures.routing(() -> routing.reply(expertId, ticketId));
        return new ReplyReceipt(messageId, scanned.findings(), revealed, withheld);
    }

    /**
     * Checks a draft reply as {@link #reply} would, without sending, storing or tokenizing anything:
     * where PII is and whether the policy replaces it or refuses the reply.
     *
     * @throws GatewayException {@code not_claimant} or {@code invalid_reply}
     */
    public DraftScan scanDraft(String expertId, String ticketId, String text) {
        requireNonNull(text, "text");
        StoredTicket t = held(expertId, ticketId);
        if (text.length() > MAX_REPLY_CHARS) {
            throw new GatewayException(GatewayException.INVALID_REPLY, "a reply of " + text.length()
                    + " characters (expected: at most " + MAX_REPLY_CHARS + ")");
        }
        CompiledPolicy policy = brands.require(t.brand()).policy().get();
        List<DraftScan.Finding> findings = PolicyFailures.run(() -> ReplyScanner.findings(policy, text)).stream()
                .map(f -> new DraftScan.Finding(f.type(), f.start(), f.end())).toList();
        boolean refuse = policy.replies() == Defaults.Replies.REFUSE;
        return new DraftScan(refuse ? DraftScan.REFUSE : DraftScan.REPLACE, !refuse || findings.isEmpty(), findings);
    }

    /**
     * The claim the expert holds on a ticket, for its deadline and locked pay.
     *
     * @throws GatewayException {@code not_claimant} unless the expert holds the ticket now
     */
    public Claim claimOf(String expertId, String ticketId) {
        held(expertId, ticketId);
        return routing.ticket(ticketId).map(TicketRecord::claim).orElseThrow(ExpertService::notClaimant);
    }

    /**
     * Why the expert does or does not get each brand's offers: the brand-level gates for every brand
     * the expert holds a certification for, about this expert only.
     *
     * @throws GatewayException {@code unknown_expert}
     */
    public Map<String, List<RuleResult>> gates(String expertId) {
        requireNonNull(expertId, "expertId");
        routing.expert(expertId).orElseThrow(() -> new GatewayException(GatewayException.UNKNOWN_EXPERT, "no such expert is registered"));
        return routing.brandGates(expertId);
    }

    /**
     * The token profiles of a brand's policy in force (name, kind, prefix), so that a client can show
     * tokens in a held ticket's view as what they stand for; never keys or values.
     */
    public List<CompiledProfile> tokenProfiles(String brand) {
        return List.copyOf(new TreeMap<>(brands.require(brand).policy().get().profiles()).values());
    }

    /** The tickets the expert holds now (their claims, oldest first). */
    public List<Claim> held(String expertId) {
        return routing.claimsOf(requireNonNull(expertId, "expertId"));
    }

    /** The expert's own ledger lines (earnings and clawbacks), oldest first. */
    public List<LedgerEntry> ledger(String expertId) {
        return routing.ledger().entriesOf(requireNonNull(expertId, "expertId"));
    }

    /**
     * Gives a held ticket back to the pool.
     *
     * @throws GatewayException {@code not_claimant} unless the expert holds the ticket now
     */
    public void release(String expertId, String ticketId) {
        requireNonNull(expertId, "expertId");
        requireNonNull(ticketId, "ticketId");
        EventResult r = PolicyFailures.routing(() -> routing.release(expertId, ticketId));
        if (r != EventResult.APPLIED) {
            throw notClaimant();
        }
    }

    /**
     * The expert's rating, quality, counters, holdings and earnings.
     *
     * @throws GatewayException {@code unknown_expert}
     */
    public ExpertSummary me(String expertId) {
        requireNonNull(expertId, "expertId");
        ExpertView v = routing.expert(expertId)
                .orElseThrow(() -> new GatewayException(GatewayException.UNKNOWN_EXPERT, "no such expert is registered"));
        Map<String, Long> earnings = routing.ledger().balance(expertId);
        return new ExpertSummary(expertId, v.rating(), v.quality(), v.counters(), v.slotsInUse(), v.profile().capacity(), earnings);
    }

    /** Records the reveal before anything is queued, so a reply is never delivered unaudited. */
    private void audit(String expertId, StoredTicket t, List<String> tokens, int revealed, int withheld, int unresolved) {
        try {
            audit.record(new Audit.Event(clock.instant(), expertId, t.brand(), t.id(), Audit.REPLY_REVEAL, tokens, revealed, withheld, unresolved));
        } catch (RuntimeException e) {
            throw new GatewayException(GatewayException.AUDIT_UNAVAILABLE, "the audit log could not record the reply's reveal; nothing was sent");
        }
    }

    /** The distinct vaulted tokens quoted in {@code text}, in order, matched as the reply scan and the revealer match them. */
    public static List<String> quotedTokens(CompiledPolicy policy, String text) {
        Matcher m = ReplyScanner.tokenMatcher(policy, text);
        Set<String> found = new LinkedHashSet<>();
        while (m != null && m.find()) {
            found.add(m.group());
        }
        return List.copyOf(found);
    }

    /** The stored ticket if the expert holds it now; {@code not_claimant} otherwise (unknown tickets included). */
    private StoredTicket held(String expertId, String ticketId) {
        requireNonNull(expertId, "expertId");
        requireNonNull(ticketId, "ticketId");
        Optional<TicketRecord> routed = routing.ticket(ticketId);
        Claim claim = routed.map(TicketRecord::claim).orElse(null);
        if (claim == null || !claim.expertId().equals(expertId)) {
            throw notClaimant();
        }
        return tickets.get(ticketId).orElseThrow(ExpertService::notClaimant);
    }

    private static GatewayException notClaimant() {
        return new GatewayException(GatewayException.NOT_CLAIMANT, "the expert does not hold this ticket");
    }
}
