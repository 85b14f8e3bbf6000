package dev.veil.gateway.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.auth.WebhookVerifier;
import dev.veil.gateway.core.GatewayCore;
import dev.veil.gateway.core.GatewayException;
import dev.veil.gateway.http.HttpException;
import dev.veil.gateway.http.HttpRequest;
import dev.veil.gateway.http.HttpResponse;
import dev.veil.gateway.http.Routes;
import dev.veil.gateway.intake.DetokenizeResult;
import dev.veil.gateway.intake.IntakeResult;
import dev.veil.gateway.ops.VeilMetrics;
import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.model.Outcome;
import dev.veil.gateway.store.StoredAnswer;
import dev.veil.gateway.store.WebhookReplay;
import dev.veil.policy.compile.CompiledProfile;
import dev.veil.policy.engine.SanitizeReport;
import dev.veil.policy.engine.TokenRecord;
import dev.veil.policy.model.FormatKind;
import dev.veil.policy.model.TokenProfile;
import dev.veil.tokenizer.error.SafeErrors;
import dev.veil.tokenizer.error.VeilException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The CRM's side of the public API: tickets in, ticket events, and detokenize. Every call is
 * signed with the brand's Standard Webhooks secret; a replayed {@code webhook-id} gets the first
 * answer and is not processed twice (detokenize answers, which hold values, are never stored: a
 * replayed detokenize is refused).
 */
public final class CrmRoutes {

    private static final FormatKind[] FORMATS = FormatKind.values();

    private final GatewayCore core;
    private final Map<String, StandardWebhooks> signers;
    private final Map<String, WebhookVerifier> ticketVerifiers;
    private final VeilMetrics metrics;
    private final Clock clock;

    private CrmRoutes(GatewayCore core, Map<String, StandardWebhooks> signers, Map<String, WebhookVerifier> ticketVerifiers,
            VeilMetrics metrics, Clock clock) {
        this.core = core;
        this.signers = Map.copyOf(signers);
        this.ticketVerifiers = Map.copyOf(ticketVerifiers);
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The routes, verifying each brand's calls with its entry in {@code signers}. */
    public static Routes of(GatewayCore core, Map<String, StandardWebhooks> signers, VeilMetrics metrics, Clock clock) {
        return of(core, signers, Map.of(), metrics, clock);
    }

    /**
     * The routes; tickets of a brand in {@code ticketVerifiers} are verified by the scheme its CRM
     * signs with (GitHub-style, Stripe-style, a token...), events and detokenize always by {@code signers}.
     */
    public static Routes of(GatewayCore core, Map<String, StandardWebhooks> signers, Map<String, WebhookVerifier> ticketVerifiers,
            VeilMetrics metrics, Clock clock) {
        CrmRoutes crm = new CrmRoutes(requireNonNull(core, "core"), requireNonNull(signers, "signers"),
                requireNonNull(ticketVerifiers, "ticketVerifiers"), requireNonNull(metrics, "metrics"), requireNonNull(clock, "clock"));
        return Routes.builder()
                .add("POST", "/v1/brands/{brand}/tickets", crm::ticket)
                .add("POST", "/v1/brands/{brand}/tickets/{id}/events", crm::event)
                .add("POST", "/v1/brands/{brand}/detokenize", crm::detokenize)
                .build();
    }

    private HttpResponse ticket(HttpRequest request) {
        String brand = request.pathParam("brand");
        WebhookVerifier scheme = ticketVerifiers.get(brand);
        String webhookId = scheme == null || !signers.containsKey(brand) ? verify(brand, request)
                : scheme.verify(name -> request.header(name).orElse(null), null, request.peerSubject().orElse(null), request.body()).id();
        return once(brand, webhookId, () -> {
            IntakeResult result = core.intake().submit(brand, request.body());
            count(brand, result.report());
            ObjectNode body = Json.object()
                    .put("ticket", result.ticketId())
                    .put("created", result.created())
                    .put("version", result.version());
            return answer(202, body);
        });
    }

    private HttpResponse event(HttpRequest request) {
        String brand = request.pathParam("brand");
        String webhookId = verify(brand, request);
        String ticket = request.pathParam("id");
        return once(brand, webhookId, () -> {
            ObjectNode body = Json.objectBody(request);
            String type = Json.text(body, "type");
            EventResult result = switch (type) {
                case "resolved" -> core.events().resolved(brand, ticket, outcome(body));
                case "reopened" -> core.events().reopened(brand, ticket);
                case "csat" -> core.events().csat(brand, ticket, score(body), body.path("excluded").asBoolean(false));
                case "qa" -> core.events().qa(brand, ticket, score(body));
                case "closed" -> core.events().closed(brand, ticket);
                default -> throw new GatewayException(GatewayException.INVALID_EVENT,
                        "type (expected one of: resolved, reopened, csat, qa, closed)");
            };
            return answer(200, Json.object().put("result", result.name().toLowerCase(Locale.ROOT)));
        });
    }

    private HttpResponse detokenize(HttpRequest request) {
        String brand = request.pathParam("brand");
        String webhookId = verify(brand, request);
        // remember only that this id was used: the answer holds values and is never stored
        WebhookReplay.Outcome seen = core.webhooks().answer(brand, "detokenize:" + webhookId,
                () -> new StoredAnswer(200, new byte[0], clock.instant()));
        if (seen.replayed()) {
            throw new HttpException(409, "replayed", "this webhook-id was used already (send a new one to detokenize again)");
        }
        ObjectNode body = Json.objectBody(request);
        JsonNode tokens = body.get("tokens");
        if (!(tokens instanceof ArrayNode list)) {
            throw new GatewayException(GatewayException.INVALID_TOKENS, "expected a member 'tokens' holding a list of tokens");
        }
        List<String> asked = new ArrayList<>(list.size());
        for (JsonNode token : list) {
            if (!token.isTextual()) {
                throw new GatewayException(GatewayException.INVALID_TOKENS, "every token must be a string");
            }
            asked.add(token.textValue());
        }
        DetokenizeResult result = core.detokenize().detokenize(brand, "crm:" + brand, asked);
        countRevealed(brand, result);
        return Json.answer(200, result);
    }

    /** PII findings by type and action, and tokens issued by format: counts only. */
    private void count(String brand, SanitizeReport report) {
        report.counts().forEach((type, actions) -> actions.forEach((action, n) -> metrics.piiFindings(type, action.name(), n)));
        Map<String, TokenProfile> profiles = core.policies().get(brand).current().spec().tokens();
        // tallied first: one counter update per format rather than a labelled look-up per token
        int[] byFormat = new int[FORMATS.length + 1];
        for (TokenRecord token : report.tokens()) {
            TokenProfile profile = profiles.get(token.profile());
            byFormat[profile == null ? FORMATS.length : profile.format().ordinal()]++;
        }
        for (int k = 0; k < byFormat.length; k++) {
            if (byFormat[k] > 0) {
                metrics.tokensIssued(k == FORMATS.length ? "other" : FORMATS[k].yamlName(), byFormat[k]);
            }
        }
    }

    /** Tokens revealed, by the format of the profile whose prefix they carry; format-preserving ones carry none: {@code other}. */
    private void countRevealed(String brand, DetokenizeResult result) {
        Collection<CompiledProfile> profiles = core.policies().get(brand).current().profiles().values();
        for (String token : result.values().keySet()) {
            String format = profiles.stream()
                    .filter(p -> p.prefix() != null && token.startsWith(p.prefix()))
                    .map(p -> p.kind().yamlName())
                    .findFirst().orElse("other");
            metrics.tokensRevealed(format, 1);
        }
    }

    /** Checks the brand exists and the signature and freshness of the call; returns its webhook id. */
    private String verify(String brand, HttpRequest request) {
        StandardWebhooks signer = signers.get(brand);
        if (signer == null) {
            throw new GatewayException(GatewayException.UNKNOWN_BRAND, "no such brand");
        }
        return signer.verify(
                request.header(StandardWebhooks.ID_HEADER).orElse(null),
                request.header(StandardWebhooks.TIMESTAMP_HEADER).orElse(null),
                request.header(StandardWebhooks.SIGNATURE_HEADER).orElse(null),
                request.body()).id();
    }

    /** Runs {@code work} once per webhook id; a Veil failure is an answer too (and replayed as such). */
    private HttpResponse once(String brand, String webhookId, Supplier<StoredAnswer> work) {
        long[] retryAfter = {1};
        WebhookReplay.Outcome outcome = core.webhooks().answer(brand, webhookId, () -> {
            try {
                return work.get();
            } catch (VeilException e) {
                if (e instanceof dev.veil.tokenizer.vault.hashicorp.VaultUnavailableException vault) {
                    retryAfter[0] = Math.max(1, (vault.retryAfter().toMillis() + 999) / 1000);
                }
                return failure(ErrorStatus.status(e), e);
            }
        });
        StoredAnswer answer = outcome.answer();
        HttpResponse response = HttpResponse.json(answer.status(), answer.body());
        if (answer.status() == 503) {
            // Vault, a key or a store is down: nothing was stored, the CRM should send again later
            response = response.withHeader("Retry-After", Long.toString(retryAfter[0]));
        }
        return outcome.replayed() ? response.withHeader("Veil-Replayed", "true") : response;
    }

    private StoredAnswer answer(int status, ObjectNode body) {
        return new StoredAnswer(status, body.toString().getBytes(StandardCharsets.UTF_8), clock.instant());
    }

    private StoredAnswer failure(int status, VeilException e) {
        SafeErrors.SafeError error = SafeErrors.describe(e);
        return answer(status, Json.object().put("error", error.code()).put("detail", error.detail()));
    }

    private static Outcome outcome(ObjectNode body) {
        String value = body.path("outcome").asText("accepted");
        return switch (value) {
            case "accepted" -> Outcome.ACCEPTED;
            case "rejected" -> Outcome.REJECTED;
            default -> throw new GatewayException(GatewayException.INVALID_EVENT, "outcome (expected: accepted or rejected)");
        };
    }

    private static int score(ObjectNode body) {
        JsonNode score = body.get("score");
        if (score == null || !score.canConvertToInt()) {
            throw new GatewayException(GatewayException.INVALID_EVENT, "score (expected: a whole number from 0 to 100)");
        }
        return score.intValue();
    }
}
