package dev.veil.gateway.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.auth.ExpertAuthenticator;
import dev.veil.gateway.core.GatewayException;
import dev.veil.gateway.expert.ExpertService;
import dev.veil.gateway.expert.ExpertTicket;
import dev.veil.gateway.http.HttpException;
import dev.veil.gateway.http.HttpRequest;
import dev.veil.gateway.http.HttpResponse;
import dev.veil.gateway.http.Routes;
import dev.veil.gateway.ops.VeilMetrics;
import dev.veil.gateway.routing.RoutingService;
import dev.veil.gateway.routing.model.Claim;
import dev.veil.gateway.routing.model.Offer;
import dev.veil.gateway.routing.model.RuleResult;
import java.util.List;
import java.util.Locale;

/**
 * The experts' side of the public API, behind a bearer JWT whose {@code sub} is the expert id:
 * offers, claim, the masked view of a held ticket, reply, release, and the expert's own summary.
 * Experts can never detokenize: no route here reveals a token.
 */
public final class ExpertRoutes {

    private final ExpertService experts;
    private final VeilMetrics metrics;

    private ExpertRoutes(ExpertService experts, VeilMetrics metrics) {
        this.experts = experts;
        this.metrics = metrics;
    }

    /** The routes, each authenticated by {@code authenticator}. */
    public static Routes of(ExpertService experts, ExpertAuthenticator authenticator, VeilMetrics metrics) {
        ExpertRoutes routes = new ExpertRoutes(requireNonNull(experts, "experts"), requireNonNull(metrics, "metrics"));
        Routes plain = Routes.builder()
                .add("GET", "/v1/offers", routes::offers)
                .add("POST", "/v1/tickets/{id}/claim", routes::claim)
                .add("GET", "/v1/tickets/{id}", routes::view)
                .add("POST", "/v1/tickets/{id}/reply", routes::reply)
                .add("POST", "/v1/tickets/{id}/reply/scan", routes::scan)
                .add("POST", "/v1/tickets/{id}/release", routes::release)
                .add("GET", "/v1/me", routes::me)
                .add("GET", "/v1/me/gates", routes::gates)
                .add("GET", "/v1/me/claims", routes::claims)
                .add("GET", "/v1/me/earnings", routes::earnings)
                .build();
        return Routes.builder().addAll(plain, Principals.experts(requireNonNull(authenticator, "authenticator"))).build();
    }

    private HttpResponse offers(HttpRequest request) {
        int limit = limit(request);
        List<Offer> offers = experts.offers(Principals.expert(request), limit);
        metrics.offers(offers.size());
        ObjectNode body = Json.object();
        body.set("offers", Json.MAPPER.valueToTree(offers));
        return ETags.answer(request, body);
    }

    private HttpResponse claim(HttpRequest request) {
        try {
            HttpResponse response = Json.answer(200, experts.claim(Principals.expert(request), request.pathParam("id")));
            metrics.claim("won");
            return response;
        } catch (GatewayException e) {
            metrics.claim(GatewayException.CLAIM_CONFLICT.equals(e.code()) ? "conflict" : "refused");
            throw e;
        }
    }

    private HttpResponse view(HttpRequest request) {
        ExpertTicket ticket = experts.view(Principals.expert(request), request.pathParam("id"));
        ObjectNode body = Json.object()
                .put("ticket", ticket.ticketId())
                .put("brand", ticket.brand())
                .put("version", ticket.version())
                .put("view", ticket.view());
        body.set("document", ticket.document());
        Claim claim = experts.claimOf(Principals.expert(request), ticket.ticketId());
        body.putObject("claim").put("claimedAt", claim.claimedAt().toString()).put("deadline", claim.deadline().toString())
                .put("replied", claim.replied());
        ArrayNode tokens = body.putArray("tokens");
        for (var profile : experts.tokenProfiles(ticket.brand())) {
            tokens.addObject().put("profile", profile.name()).put("kind", profile.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .put("prefix", profile.prefix()).put("reversible", profile.reversible());
        }
        return Json.answer(200, body);
    }

    private HttpResponse reply(HttpRequest request) {
        ObjectNode body = Json.objectBody(request);
        String text = Json.text(body, "text");
        return Json.answer(202, experts.reply(Principals.expert(request), request.pathParam("id"), text));
    }

    private HttpResponse scan(HttpRequest request) {
        ObjectNode body = Json.objectBody(request);
        String text = Json.text(body, "text");
        return Json.answer(200, experts.scanDraft(Principals.expert(request), request.pathParam("id"), text));
    }

    private HttpResponse gates(HttpRequest request) {
        ArrayNode brands = Json.MAPPER.createArrayNode();
        experts.gates(Principals.expert(request)).forEach((brand, rules) -> {
            ObjectNode row = brands.addObject().put("brand", brand).put("eligible", RuleResult.allPassed(rules));
            ArrayNode list = row.putArray("rules");
            for (RuleResult r : rules) {
                list.addObject().put("rule", r.ruleName()).put("passed", r.passed()).put("detail", r.detail());
            }
        });
        ObjectNode body = Json.object();
        body.set("brands", brands);
        return Json.answer(200, body);
    }

    private HttpResponse claims(HttpRequest request) {
        ArrayNode claims = Json.MAPPER.createArrayNode();
        for (Claim c : experts.held(Principals.expert(request))) {
            claims.addObject().put("ticket", c.ticketId()).put("brand", c.brand()).put("claimedAt", c.claimedAt().toString())
                    .put("deadline", c.deadline().toString()).put("replied", c.replied());
        }
        ObjectNode body = Json.object();
        body.set("claims", claims);
        return Json.answer(200, body);
    }

    private HttpResponse earnings(HttpRequest request) {
        return Json.answer(200, Earnings.weekly(experts.ledger(Principals.expert(request))));
    }

    private HttpResponse release(HttpRequest request) {
        experts.release(Principals.expert(request), request.pathParam("id"));
        return HttpResponse.noContent();
    }

    private HttpResponse me(HttpRequest request) {
        return Json.answer(200, experts.me(Principals.expert(request)));
    }

    private static int limit(HttpRequest request) {
        String text = request.queryParam("limit").orElse("20");
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= RoutingService.MAX_PAGE) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw HttpException.badRequest("bad_request", "limit (expected: a whole number from 1 to " + RoutingService.MAX_PAGE + ")");
    }
}
