package dev.veil.gateway.server.admin;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.http.HttpRequest;
import dev.veil.gateway.http.HttpResponse;
import dev.veil.gateway.routing.config.RoutingSettings;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.ReloadablePolicy;
import dev.veil.policy.yaml.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Lists brands with their policy and routing mode, their queues, and reloads a brand's policy. */
final class BrandHandlers {

    private final AdminContext ctx;

    BrandHandlers(AdminContext ctx) {
        this.ctx = requireNonNull(ctx, "ctx");
    }

    /** {@code GET /v1/admin/brands}: names, policy name and version, routing mode; never secrets. */
    HttpResponse list(HttpRequest request) {
        List<Map<String, Object>> out = new ArrayList<>();
        new TreeMap<>(ctx.core().policies()).forEach((brand, policy) -> out.add(brand(brand, policy.current())));
        return HttpResponse.json(200, Map.of("brands", out));
    }

    /** {@code GET /v1/admin/queues}: queue statistics of every brand routing knows. */
    HttpResponse queues(HttpRequest request) {
        return HttpResponse.json(200, Map.of("queues", AdminJson.queues(ctx.core().routing().queueStats())));
    }

    /** {@code GET /v1/admin/brands/{brand}/queues}. */
    HttpResponse brandQueues(HttpRequest request) {
        String brand = request.pathParam("brand");
        if (ctx.core().routing().config().brand(brand) == null) {
            throw AdminErrors.unknownBrand();
        }
        return HttpResponse.json(200, Map.of("queues", AdminJson.queues(ctx.core().routing().queueStats(brand))));
    }

    /**
     * {@code POST /v1/admin/brands/{brand}/policy/reload}: compiles the brand's file and swaps it in
     * atomically; a file with problems is refused with 422 and the previous policy stays in force.
     */
    HttpResponse reload(HttpRequest request) {
        String brand = request.pathParam("brand");
        ReloadablePolicy policy = ctx.core().policies().get(brand);
        if (policy == null) {
            throw AdminErrors.unknownBrand();
        }
        int before = policy.current().version();
        ReloadablePolicy.ReloadResult result = policy.reload();
        if (!result.applied()) {
            return HttpResponse.json(422, refusal(result));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("brand", brand);
        out.put("applied", true);
        out.put("previousVersion", before);
        out.put("policy", policy(result.inForce()));
        return HttpResponse.json(200, out);
    }

    private Map<String, Object> brand(String name, CompiledPolicy policy) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("brand", name);
        out.put("policy", policy(policy));
        RoutingSettings routing = ctx.core().routing().config().brand(name);
        out.put("routingMode", routing == null ? null : routing.mode().name().toLowerCase(Locale.ROOT));
        return out;
    }

    private static Map<String, Object> policy(CompiledPolicy policy) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", policy.name());
        out.put("version", policy.version());
        return out;
    }

    /**
     * The 422 body: the error contract's two members, plus where each problem is in the policy file
     * (line, column, key path). Problem messages may quote the file's text, so they are left to
     * {@code veil policy check}, which prints them on the operator's own terminal.
     */
    private static Map<String, Object> refusal(ReloadablePolicy.ReloadResult result) {
        List<Problem> problems = result.problems();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", AdminErrors.INVALID_POLICY);
        out.put("detail", problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " in the policy file; version " + result.inForce().version() + " stays in force");
        List<Map<String, Object>> list = new ArrayList<>();
        for (Problem p : problems) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("line", p.line());
            item.put("column", p.column());
            item.put("path", p.keyPath());
            list.add(item);
        }
        out.put("problems", list);
        out.put("inForce", policy(result.inForce()));
        return out;
    }
}
