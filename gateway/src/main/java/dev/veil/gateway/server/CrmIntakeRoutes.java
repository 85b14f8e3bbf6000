package dev.veil.gateway.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.auth.WebhookVerifier;
import dev.veil.gateway.core.GatewayCore;
import dev.veil.gateway.core.GatewayException;
import dev.veil.gateway.core.JsonTrees;
import dev.veil.gateway.http.HttpException;
import dev.veil.gateway.http.HttpRequest;
import dev.veil.gateway.http.HttpResponse;
import dev.veil.gateway.http.Routes;
import dev.veil.gateway.intake.IntakeResult;
import dev.veil.gateway.intake.crm.CrmApi;
import dev.veil.gateway.intake.crm.CrmApiException;
import dev.veil.gateway.intake.crm.FreshdeskTickets;
import dev.veil.gateway.intake.crm.OutboundMessage;
import dev.veil.gateway.intake.crm.PolicyNeeds;
import dev.veil.gateway.intake.crm.SalesforceCases;
import dev.veil.gateway.intake.crm.ZendeskTickets;
import dev.veil.gateway.ops.VeilMetrics;
import dev.veil.gateway.store.Outbox;
import dev.veil.gateway.store.StoredAnswer;
import dev.veil.gateway.store.WebhookReplay;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.tokenizer.error.SafeErrors;
import dev.veil.tokenizer.error.VeilException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tickets in each CRM's own webhook format: {@code POST /v1/brands/{brand}/crm/{kind}[/{token}]}
 * with {@code kind} the brand's CRM ({@code zendesk}, {@code salesforce}, {@code freshdesk},
 * {@code webhook}), verified by the brand's scheme, shaped into the CRM's API ticket shape (what
 * the webhook leaves out fetched through the CRM API when the policy reads it) and taken in like
 * any ticket. Each delivery is processed once (Zendesk invocation ids, Salesforce notification ids,
 * else the signed content). A body {@code {"veil_ping": ...}} (or an Outbound Message without
 * notifications) is a ping: verified, the CRM API called once, nothing stored.
 */
public final class CrmIntakeRoutes {

    private static final int STRIPES = 256;
    // duplicate members are refused, as the policy engine refuses them: a payload means one thing
    private static final ObjectMapper JSON = new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final GatewayCore core;
    private final CrmConnectors connectors;
    private final Clock clock;
    // one node takes in one state of a Case at a time, so a newer state is never overwritten by an older one in flight
    private final Object[] caseLocks = new Object[STRIPES];

    private CrmIntakeRoutes(GatewayCore core, CrmConnectors connectors, Clock clock) {
        this.core = core;
        this.connectors = connectors;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            caseLocks[i] = new Object();
        }
    }

    public static Routes of(GatewayCore core, CrmConnectors connectors, VeilMetrics metrics, Clock clock) {
        requireNonNull(metrics, "metrics");
        CrmIntakeRoutes routes = new CrmIntakeRoutes(requireNonNull(core, "core"), requireNonNull(connectors, "connectors"),
                requireNonNull(clock, "clock"));
        return Routes.builder()
                .add("POST", "/v1/brands/{brand}/crm/{kind}", routes::deliver)
                .add("POST", "/v1/brands/{brand}/crm/{kind}/{token}", routes::deliver)
                .build();
    }

    private HttpResponse deliver(HttpRequest request) {
        String brand = request.pathParam("brand");
        CrmConnectors.Connector connector = connectors.get(brand)
                .filter(c -> c.kind().yamlName().equals(request.pathParam("kind")))
                .orElseThrow(() -> new GatewayException(GatewayException.UNKNOWN_BRAND, "no such brand with this kind of CRM"));
        String token = request.pathParams().get("token");
        WebhookVerifier.Delivery delivery = connector.verifier().verify(name -> request.header(name).orElse(null), token,
                request.peerSubject().orElse(null), request.body());
        return switch (connector.kind()) {
            case SALESFORCE -> salesforce(connector, request);
            case ZENDESK, FRESHDESK, WEBHOOK -> json(connector, delivery, request);
        };
    }

    private HttpResponse json(CrmConnectors.Connector connector, WebhookVerifier.Delivery delivery, HttpRequest request) {
        String brand = connector.brand();
        JsonNode payload = readJson(request.body());
        if (payload.has("veil_ping")) {
            return ping(connector);
        }
        WebhookReplay.Outcome outcome = core.webhooks().answer(brand, delivery.id(), guarded(() -> {
            CompiledPolicy policy = core.policies().get(brand).current();
            CrmApi api = connector.api().orElse(null);
            ObjectNode ticket = switch (connector.kind()) {
                case ZENDESK -> ZendeskTickets.shape(payload, api, PolicyNeeds.reads(policy, "$.ticket.comments"),
                        PolicyNeeds.reads(policy, "$.requester"));
                case FRESHDESK -> FreshdeskTickets.shape(payload, api, PolicyNeeds.reads(policy, "$.conversations"));
                default -> payload instanceof ObjectNode o ? o : null;
            };
            if (ticket == null) {
                throw new GatewayException(GatewayException.INVALID_TICKET, "expected a JSON object");
            }
            IntakeResult result = core.intake().submit(brand, JsonTrees.bytes(ticket));
            return answer(202, Json.object().put("ticket", result.ticketId()).put("created", result.created()).put("version", result.version()));
        }));
        StoredAnswer answer = outcome.answer();
        HttpResponse response = HttpResponse.json(answer.status(), answer.body());
        return outcome.replayed() ? response.withHeader("Veil-Replayed", "true") : response;
    }

    /**
     * An Outbound Message: the organization must be the brand's; each notification is taken in once
     * (by its id), an older state of a Case than one already taken is skipped (the latest stamps are kept
     * in the gateway's stores, so this holds across restarts and nodes), and the message is
     * acknowledged unless a notification failed in a way a redelivery may heal (then Salesforce retries).
     */
    private HttpResponse salesforce(CrmConnectors.Connector connector, HttpRequest request) {
        String brand = connector.brand();
        OutboundMessage message = OutboundMessage.parse(request.body());
        String expected = connector.config().intake().organizationId().orElseThrow();
        if (!sameOrganization(expected, message.organizationId())) {
            throw new HttpException(403, "wrong_organization", "the Outbound Message comes from another Salesforce organization");
        }
        if (message.notifications().isEmpty()) {
            return ping(connector);
        }
        CrmApi api = connector.api().orElseThrow();
        String version = connector.config().api().orElseThrow().apiVersion();
        for (OutboundMessage.Notification n : message.notifications()) {
            WebhookReplay.Outcome outcome = core.webhooks().answer(brand, "sf_" + n.id(), guarded(() -> {
                String caseId = SalesforceCases.caseId(n);
                Optional<Instant> stamp = n.type().equals("Case") ? stamp(n) : Optional.empty();
                synchronized (caseLocks[Math.floorMod((brand + '\n' + caseId).hashCode(), STRIPES)]) {
                    // recorded before the intake: a redelivery of this state (equal stamp) still passes if the intake fails
                    if (stamp.isPresent() && !core.caseStates().advance(brand, caseId, stamp.get())) {
                        return answer(200, Json.object().put("result", "stale"));
                    }
                    CompiledPolicy policy = core.policies().get(brand).current();
                    ObjectNode ticket = SalesforceCases.shape(n, api, version, PolicyNeeds.reads(policy, "$.CaseComments"),
                            PolicyNeeds.reads(policy, "$.EmailMessages"));
                    IntakeResult result = core.intake().submit(brand, JsonTrees.bytes(ticket));
                    return answer(202, Json.object().put("ticket", result.ticketId()).put("version", result.version()));
                }
            }));
            if (outcome.answer().status() >= 500) {
                // no Ack: Salesforce sends the message again; notifications already taken in are answered from memory
                return HttpResponse.json(outcome.answer().status(), outcome.answer().body());
            }
        }
        return HttpResponse.of(200, "text/xml; charset=utf-8", OutboundMessage.ACK.getBytes(StandardCharsets.UTF_8));
    }

    /** The state's time ({@code SystemModstamp}, else {@code LastModifiedDate}), when the notification carries a readable one. */
    static Optional<Instant> stamp(OutboundMessage.Notification n) {
        String value = n.fields().getOrDefault("SystemModstamp", n.fields().get("LastModifiedDate"));
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Signature verified: checks the CRM API credentials with one cheap call and reports the brand's outbox lane; stores nothing. */
    private HttpResponse ping(CrmConnectors.Connector connector) {
        ObjectNode body = Json.object().put("ping", "ok").put("brand", connector.brand()).put("kind", connector.kind().yamlName())
                .put("intake", "verified");
        if (connector.api().isEmpty()) {
            body.put("api", "not_configured");
        } else {
            String path = switch (connector.kind()) {
                case ZENDESK -> "/api/v2/users/me.json";
                case FRESHDESK -> "/api/v2/agents/me";
                case SALESFORCE -> "/services/data/" + connector.config().api().orElseThrow().apiVersion() + "/limits";
                case WEBHOOK -> "/";
            };
            try {
                connector.api().get().getJson(path);
                body.put("api", "ok");
            } catch (CrmApiException e) {
                body.put("api", e.code()).put("apiStatus", e.status());
            }
        }
        // the reply leg: this brand's replies waiting and dead-lettered (their codes are on the dead letters)
        Outbox.Depth lane = core.outbox().depthByBrand().getOrDefault(connector.brand(), new Outbox.Depth(0, 0));
        body.putObject("outbox").put("pending", lane.pending()).put("dead", lane.dead());
        return HttpResponse.json(200, body);
    }

    /** Veil failures become remembered answers (a 5xx one is not remembered, so the CRM's retry is processed). */
    private Supplier<StoredAnswer> guarded(Supplier<StoredAnswer> work) {
        return () -> {
            try {
                return work.get();
            } catch (VeilException e) {
                SafeErrors.SafeError error = SafeErrors.describe(e);
                return answer(ErrorStatus.status(e), Json.object().put("error", error.code()).put("detail", error.detail()));
            }
        };
    }

    private StoredAnswer answer(int status, ObjectNode body) {
        return new StoredAnswer(status, body.toString().getBytes(StandardCharsets.UTF_8), clock.instant());
    }

    /** 15-character and 18-character ids of one organization agree on their first 15 characters (case-sensitive). */
    static boolean sameOrganization(String configured, String sent) {
        int n = 15;
        return configured.length() >= n && sent.length() >= n && configured.regionMatches(0, sent, 0, n)
                && (configured.length() == n || sent.length() == n || configured.equals(sent));
    }

    private static JsonNode readJson(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null) {
                throw new GatewayException(GatewayException.INVALID_TICKET, "an empty body (expected: a JSON object)");
            }
            return node;
        } catch (IOException e) {
            throw new GatewayException(GatewayException.INVALID_TICKET,
                    "not JSON, or a member repeated (check the webhook body against `veil crm template`)");
        }
    }
}
