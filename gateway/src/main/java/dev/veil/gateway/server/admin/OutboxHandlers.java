package dev.veil.gateway.server.admin;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.http.HttpRequest;
import dev.veil.gateway.http.HttpResponse;
import dev.veil.gateway.store.Outbox;
import dev.veil.gateway.store.OutboxMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The outbox's depth and dead letters (ids, brands, attempts, error codes; never payloads), and re-drive. */
final class OutboxHandlers {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,63}");
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private final AdminContext ctx;

    OutboxHandlers(AdminContext ctx) {
        this.ctx = requireNonNull(ctx, "ctx");
    }

    /** {@code GET /v1/admin/outbox?limit=N}. */
    HttpResponse state(HttpRequest request) {
        int limit = AdminParams.integer(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        Outbox outbox = ctx.core().outbox();
        Outbox.Depth depth = outbox.depth();
        List<Map<String, Object>> dead = new ArrayList<>();
        for (OutboxMessage m : outbox.deadLetters(limit)) {
            dead.add(message(m));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pending", depth.pending());
        out.put("dead", depth.dead());
        out.put("deadLetters", dead);
        return HttpResponse.json(200, out);
    }

    /** {@code POST /v1/admin/outbox/{id}/redrive}: a dead letter goes back in the queue, due at once, same id. */
    HttpResponse redrive(HttpRequest request) {
        String id = request.pathParam("id");
        Outbox outbox = ctx.core().outbox();
        OutboxMessage message = MESSAGE_ID.matcher(id).matches() ? outbox.get(id).orElse(null) : null;
        if (message == null) {
            throw AdminErrors.notFound(AdminErrors.UNKNOWN_MESSAGE, "no such outbox message");
        }
        AdminAudit.brand(request, message.brand());
        if (message.state() != OutboxMessage.State.DEAD || !outbox.redrive(id)) {
            throw new dev.veil.gateway.http.HttpException(409, AdminErrors.NOT_DEAD_LETTER, "the message is pending, not dead-lettered");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("brand", message.brand());
        out.put("state", "pending");
        return HttpResponse.json(200, out);
    }

    private static Map<String, Object> message(OutboxMessage m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("brand", m.brand());
        out.put("attempts", m.attempts());
        // error codes are the deliverer's constants; anything else is not shown
        out.put("lastError", m.lastError() == null ? null : CODE.matcher(m.lastError()).matches() ? m.lastError() : "other");
        out.put("createdAt", m.createdAt().toString());
        return out;
    }
}
