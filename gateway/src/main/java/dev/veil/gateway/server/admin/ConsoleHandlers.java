package dev.veil.gateway.server.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.console.PolicyWorkbench;
import dev.veil.gateway.console.QueueHistory;
import dev.veil.gateway.http.HttpException;
import dev.veil.gateway.http.HttpRequest;
import dev.veil.gateway.http.HttpResponse;
import dev.veil.gateway.routing.RoutingService;
import dev.veil.gateway.routing.model.ExpertView;
import dev.veil.gateway.routing.model.RuleResult;
import dev.veil.policy.compile.ReloadablePolicy;
import dev.veil.policy.load.PolicyException;
import dev.veil.policy.model.PolicySpec;
import dev.veil.policy.yaml.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin routes the security team's pages need beyond the operators' API: the expert list with
 * their gates, the audit log's tail, the queues' last hour, and the policy workbench (preview and
 * diff of a pasted or live policy against a sample ticket).
 */
final class ConsoleHandlers {

    static final int MAX_EXPERTS = 1000;
    static final int MAX_AUDIT_LINES = 1000;
    /** Most actions one audit query may name. */
    static final int MAX_AUDIT_ACTIONS = 8;
    static final int MAX_POLICY_CHARS = 256 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminContext ctx;
    private final PolicyWorkbench workbench;
    private final QueueHistory history;

    ConsoleHandlers(AdminContext ctx, PolicyWorkbench workbench, QueueHistory history) {
        this.ctx = requireNonNull(ctx, "ctx");
        this.workbench = requireNonNull(workbench, "workbench");
        this.history = requireNonNull(history, "history");
    }

    /** {@code GET /v1/admin/experts}: every expert with, per certified brand, whether the brand-level gates pass and which fail. */
    HttpResponse experts(HttpRequest request) {
        int limit = AdminParams.integer(request, "limit", 200, 1, MAX_EXPERTS);
        RoutingService routing = ctx.core().routing();
        List<Map<String, Object>> out = new ArrayList<>();
        for (ExpertView v : routing.experts(limit)) {
            Map<String, Object> expert = AdminJson.expert(v);
            List<Map<String, Object>> gates = new ArrayList<>();
            routing.brandGates(v.profile().expertId()).forEach((brand, rules) -> {
                Map<String, Object> gate = new LinkedHashMap<>();
                gate.put("brand", brand);
                gate.put("eligible", RuleResult.allPassed(rules));
                List<Map<String, Object>> failed = new ArrayList<>();
                for (RuleResult r : rules) {
                    if (!r.passed()) {
                        failed.add(Map.of("rule", r.ruleName(), "detail", r.detail()));
                    }
                }
                gate.put("failed", failed);
                gates.add(gate);
            });
            expert.put("gates", gates);
            out.add(expert);
        }
        return HttpResponse.json(200, Map.of("experts", out));
    }

    /**
     * {@code GET /v1/admin/audit?limit=N&action=A[,B...]}: the newest audit lines, newest first,
     * optionally of the listed actions only (at most {@value #MAX_AUDIT_ACTIONS}, comma-separated).
     */
    HttpResponse audit(HttpRequest request) {
        int limit = AdminParams.integer(request, "limit", 100, 1, MAX_AUDIT_LINES);
        Set<String> actions = request.queryParam("action").map(ConsoleHandlers::actions).orElse(null);
        List<String> lines = ctx.audit().recent(actions == null ? limit : MAX_AUDIT_LINES);
        List<JsonNode> entries = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0 && entries.size() < limit; i--) {
            JsonNode entry;
            try {
                entry = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                continue; // a torn last line after a crash: not an entry
            }
            if (actions == null || actions.contains(entry.path("action").asText())) {
                entries.add(entry);
            }
        }
        return HttpResponse.json(200, Map.of("entries", entries));
    }

    /** The actions of an {@code action} parameter: audit action constants, comma-separated. */
    private static Set<String> actions(String param) {
        String[] parts = param.split(",", -1);
        if (parts.length > MAX_AUDIT_ACTIONS) {
            throw AdminErrors.badRequest(AdminErrors.INVALID_PARAMETER, "action: at most " + MAX_AUDIT_ACTIONS + " actions");
        }
        Set<String> out = new HashSet<>();
        for (String part : parts) {
            if (!part.matches("[a-z][a-z0-9_.]{0,63}")) {
                throw AdminErrors.badRequest(AdminErrors.INVALID_PARAMETER,
                        "action: expected audit actions such as detokenize or detokenize,reply_reveal");
            }
            out.add(part);
        }
        return out;
    }

    /** {@code GET /v1/admin/queues/history}: a sample a minute for the last hour, then now. */
    HttpResponse queueHistory(HttpRequest request) {
        List<Map<String, Object>> samples = new ArrayList<>();
        for (QueueHistory.Sample s : history.samplesAndNow()) {
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("at", s.at().toString());
            sample.put("queues", AdminJson.queues(s.queues()));
            samples.add(sample);
        }
        return HttpResponse.json(200, Map.of("samples", samples));
    }

    /** {@code POST /v1/admin/policy/preview}: body {@code {"brand"|"policy", "ticket"}}. */
    HttpResponse preview(HttpRequest request) {
        JsonNode body = ctx.json().read(request);
        JsonNode ticket = ticket(body);
        PolicySpec spec = body.hasNonNull("policy") ? pasted(body) : live(request, body).current().spec();
        return HttpResponse.json(200, workbench.preview(spec, ticket));
    }

    /** {@code POST /v1/admin/policy/diff}: body {@code {"brand", "policy", "ticket"}}, the pasted policy against the brand's live one. */
    HttpResponse diff(HttpRequest request) {
        JsonNode body = ctx.json().read(request);
        JsonNode ticket = ticket(body);
        PolicySpec live = live(request, body).current().spec();
        PolicySpec proposed = pasted(body);
        return HttpResponse.json(200, workbench.diff(live, proposed, ticket));
    }

    private ReloadablePolicy live(HttpRequest request, JsonNode body) {
        JsonNode brand = body.get("brand");
        if (brand == null || !brand.isTextual()) {
            throw AdminErrors.badRequest(AdminErrors.MISSING_PARAMETER, "brand: expected a configured brand");
        }
        ReloadablePolicy policy = ctx.core().policies().get(brand.asText());
        if (policy == null) {
            throw AdminErrors.unknownBrand();
        }
        AdminAudit.brand(request, brand.asText());
        return policy;
    }

    private static JsonNode ticket(JsonNode body) {
        if (!(body instanceof ObjectNode) || !body.path("ticket").isObject()) {
            throw AdminErrors.badRequest(AdminErrors.INVALID_PARAMETER, "ticket: expected the sample ticket as a JSON object");
        }
        return body.get("ticket");
    }

    private PolicySpec pasted(JsonNode body) {
        JsonNode text = body.get("policy");
        if (text == null || !text.isTextual() || text.asText().isBlank() || text.asText().length() > MAX_POLICY_CHARS) {
            throw AdminErrors.badRequest(AdminErrors.INVALID_PARAMETER, "policy: expected the policy's YAML text, at most "
                    + MAX_POLICY_CHARS + " characters");
        }
        try {
            return workbench.parse(text.asText());
        } catch (PolicyException e) {
            throw new InvalidPolicy(e.problems());
        }
    }

    /** 422 {@code invalid_policy} naming where each problem is (line, column, key path); messages stay with {@code veil policy check}. */
    static final class InvalidPolicy extends HttpException {
        private static final long serialVersionUID = 1L;

        InvalidPolicy(List<Problem> problems) {
            super(422, AdminErrors.INVALID_POLICY, problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + " in the pasted policy: " + places(problems));
        }

        private static String places(List<Problem> problems) {
            List<String> out = new ArrayList<>();
            for (Problem p : problems.subList(0, Math.min(problems.size(), 10))) {
                out.add("line " + p.line() + ", column " + p.column() + (p.keyPath() == null ? "" : " (" + p.keyPath() + ")"));
            }
            return String.join("; ", out);
        }
    }
}
