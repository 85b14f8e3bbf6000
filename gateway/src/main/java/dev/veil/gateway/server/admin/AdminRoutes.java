package dev.veil.gateway.server.admin;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.console.PolicyWorkbench;
import dev.veil.gateway.console.QueueHistory;
import dev.veil.gateway.http.Handler;
import dev.veil.gateway.http.Routes;
import dev.veil.gateway.server.Principals;
import dev.veil.policy.engine.EngineLimits;
import dev.veil.tokenizer.detect.DetectorRegistry;
import java.security.SecureRandom;

/**
 * The admin API's routes, for the admin listener: experts, brands and their policies, queues,
 * eligibility explanations, the pay ledger, the outbox and key rotation. Every route requires admin
 * credentials ({@link Principals#admins}) and writes one audit line per call, refused ones included.
 * {@code docs/admin-api.md} describes each route.
 */
public final class AdminRoutes {

    private AdminRoutes() {}

    public static Routes of(AdminContext ctx) {
        requireNonNull(ctx, "ctx");
        return of(ctx, PolicyWorkbench.of(EngineLimits.defaults(), DetectorRegistry.defaults(), new SecureRandom()),
                QueueHistory.of(() -> ctx.core().routing().queueStats(), ctx.clock()));
    }

    /** The routes, with the security team's pages' workbench and the queue history the gateway samples. */
    public static Routes of(AdminContext ctx, PolicyWorkbench workbench, QueueHistory history) {
        requireNonNull(ctx, "ctx");
        var console = new ConsoleHandlers(ctx, workbench, history);
        var experts = new ExpertHandlers(ctx);
        var brands = new BrandHandlers(ctx);
        var explain = new ExplainHandler(ctx);
        var ledger = new LedgerHandler(ctx);
        var outbox = new OutboxHandlers(ctx);
        var keys = new KeyHandlers(ctx);
        Wiring w = new Wiring(ctx);
        w.add("GET", "/v1/admin/experts/{id}", "admin.expert.get", experts::get);
        w.add("PUT", "/v1/admin/experts/{id}", "admin.expert.put", experts::put);
        w.add("POST", "/v1/admin/experts/{id}/suspend", "admin.expert.suspend", r -> experts.suspend(r, true));
        w.add("POST", "/v1/admin/experts/{id}/unsuspend", "admin.expert.unsuspend", r -> experts.suspend(r, false));
        w.add("POST", "/v1/admin/experts/{id}/online", "admin.expert.online", r -> experts.online(r, true));
        w.add("POST", "/v1/admin/experts/{id}/offline", "admin.expert.offline", r -> experts.online(r, false));
        w.add("GET", "/v1/admin/brands", "admin.brands.list", brands::list);
        w.add("GET", "/v1/admin/queues", "admin.queues.list", brands::queues);
        w.add("GET", "/v1/admin/brands/{brand}/queues", "admin.queues.brand", brands::brandQueues);
        w.add("POST", "/v1/admin/brands/{brand}/policy/reload", "admin.policy.reload", brands::reload);
        w.add("GET", "/v1/admin/explain", "admin.explain", explain::explain);
        w.add("GET", "/v1/admin/ledger", "admin.ledger.export", ledger::export);
        w.add("GET", "/v1/admin/outbox", "admin.outbox.list", outbox::state);
        w.add("POST", "/v1/admin/outbox/{id}/redrive", "admin.outbox.redrive", outbox::redrive);
        w.add("GET", "/v1/admin/experts", "admin.experts.list", console::experts);
        w.add("GET", "/v1/admin/audit", "admin.audit.list", console::audit);
        w.add("GET", "/v1/admin/queues/history", "admin.queues.history", console::queueHistory);
        w.add("POST", "/v1/admin/policy/preview", "admin.policy.preview", console::preview);
        w.add("POST", "/v1/admin/policy/diff", "admin.policy.diff", console::diff);
        w.add("GET", "/v1/admin/keys", "admin.keys.list", keys::list);
        w.add("POST", "/v1/admin/keys/{keyId}/rotate", "admin.key.rotate", keys::rotate);
        return w.routes.build();
    }

    /**
     * {@code POST /v1/admin/keys/rewrap} (starts a background re-wrap of the tokens in HashiCorp
     * Vault: 202, or 409 {@code rewrap_running}) and {@code GET /v1/admin/keys/rewrap} (its progress).
     */
    public static Routes rewrap(AdminContext ctx, RewrapJob job) {
        requireNonNull(ctx, "ctx");
        requireNonNull(job, "job");
        Wiring w = new Wiring(ctx);
        w.add("POST", "/v1/admin/keys/rewrap", "admin.keys.rewrap", request -> {
            if (!job.start()) {
                throw new dev.veil.gateway.http.HttpException(409, "rewrap_running", "a re-wrap is running; GET this route for its progress");
            }
            return dev.veil.gateway.http.HttpResponse.json(202, job.state());
        });
        w.add("GET", "/v1/admin/keys/rewrap", "admin.keys.rewrap.state", request -> dev.veil.gateway.http.HttpResponse.json(200, job.state()));
        return w.routes.build();
    }

    /** Adds a route wrapped in audit, authentication and audit of refusals, innermost first. */
    private static final class Wiring {
        private final Routes.Builder routes = Routes.builder();
        private final AdminContext ctx;
        private final AdminAudit audit;

        Wiring(AdminContext ctx) {
            this.ctx = ctx;
            this.audit = new AdminAudit(ctx.audit());
        }

        void add(String method, String pattern, String action, Handler handler) {
            routes.add(method, pattern, handler
                    .decorate(audit.calls(action))
                    .decorate(Principals.admins(ctx.authenticator()))
                    .decorate(audit.refusals(action)));
        }
    }
}
