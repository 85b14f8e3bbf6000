package dev.veil.gateway.server.admin;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.http.HttpRequest;
import dev.veil.gateway.http.HttpResponse;
import dev.veil.gateway.routing.RoutingService;
import dev.veil.gateway.routing.model.ExpertProfile;
import dev.veil.gateway.routing.model.ExpertView;

/** Creates, reads, suspends and sets presence of experts through routing. */
final class ExpertHandlers {

    private final AdminContext ctx;

    ExpertHandlers(AdminContext ctx) {
        this.ctx = requireNonNull(ctx, "ctx");
    }

    /** {@code PUT /v1/admin/experts/{id}}: 201 when created, 200 when replaced (presence, counters and reputation kept). */
    HttpResponse put(HttpRequest request) {
        String id = AdminParams.expertId(request);
        ExpertProfile profile = ExpertBodies.profile(id, ctx.json().read(request), ctx.core().brands());
        RoutingService routing = ctx.core().routing();
        boolean existed = routing.expert(id).isPresent();
        ExpertView view = routing.upsertExpert(profile);
        return HttpResponse.json(existed ? 200 : 201, AdminJson.expert(view));
    }

    /** {@code GET /v1/admin/experts/{id}}. */
    HttpResponse get(HttpRequest request) {
        return HttpResponse.json(200, AdminJson.expert(view(AdminParams.expertId(request))));
    }

    /** {@code POST /v1/admin/experts/{id}/suspend} and {@code /unsuspend}. */
    HttpResponse suspend(HttpRequest request, boolean suspended) {
        String id = AdminParams.expertId(request);
        if (!ctx.core().routing().setSuspended(id, suspended)) {
            throw AdminErrors.unknownExpert();
        }
        return HttpResponse.json(200, AdminJson.expert(view(id)));
    }

    /** {@code POST /v1/admin/experts/{id}/online} and {@code /offline}. */
    HttpResponse online(HttpRequest request, boolean online) {
        String id = AdminParams.expertId(request);
        if (!ctx.core().routing().setOnline(id, online)) {
            throw AdminErrors.unknownExpert();
        }
        return HttpResponse.json(200, AdminJson.expert(view(id)));
    }

    private ExpertView view(String id) {
        return ctx.core().routing().expert(id).orElseThrow(AdminErrors::unknownExpert);
    }
}
