package dev.veil.gateway.server.admin;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.http.HttpRequest;
import dev.veil.gateway.http.HttpResponse;
import dev.veil.gateway.routing.model.RuleResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/admin/explain?ticket=ID&expert=ID}: every eligibility rule, passed or failed, with why. */
final class ExplainHandler {

    private final AdminContext ctx;

    ExplainHandler(AdminContext ctx) {
        this.ctx = requireNonNull(ctx, "ctx");
    }

    HttpResponse explain(HttpRequest request) {
        String ticket = AdminParams.requiredId(request, "ticket");
        String expert = AdminParams.requiredId(request, "expert");
        AdminAudit.ticket(request, ticket);
        var routing = ctx.core().routing();
        if (routing.expert(expert).isEmpty()) {
            throw AdminErrors.unknownExpert();
        }
        var record = routing.ticket(ticket).orElseThrow(
                () -> AdminErrors.notFound(AdminErrors.UNKNOWN_TICKET, "no such ticket is waiting or claimed in routing"));
        AdminAudit.brand(request, record.attributes().brand());
        List<RuleResult> results = routing.explain(ticket, expert).orElseThrow(
                () -> AdminErrors.notFound(AdminErrors.UNKNOWN_TICKET, "no such ticket is waiting or claimed in routing"));
        List<Map<String, Object>> rules = new ArrayList<>();
        boolean eligible = true;
        for (RuleResult r : results) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("rule", r.ruleName());
            rule.put("passed", r.passed());
            rule.put("detail", r.detail());
            rules.add(rule);
            eligible &= r.passed();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ticket", ticket);
        out.put("expert", expert);
        out.put("brand", record.attributes().brand());
        out.put("eligible", eligible);
        out.put("rules", rules);
        return HttpResponse.json(200, out);
    }
}
