package dev.veil.gateway.server.admin;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.auth.AuthException;
import dev.veil.gateway.http.Decorator;
import dev.veil.gateway.http.HttpException;
import dev.veil.gateway.http.HttpRequest;
import dev.veil.gateway.http.HttpResponse;
import dev.veil.gateway.http.RequestAttribute;
import dev.veil.gateway.ops.AuditActor;
import dev.veil.gateway.ops.AuditLog;
import dev.veil.gateway.server.ErrorStatus;
import dev.veil.gateway.server.Principals;
import dev.veil.tokenizer.error.VeilException;
import java.util.List;

/**
 * Writes one audit line per admin call: who (the authenticated admin, or {@value #UNAUTHENTICATED}
 * for a refused credential), the route's action constant, the brand and ticket concerned, and the
 * outcome ({@code allowed} on success, {@code denied} for a 4xx answer or refusal, {@code failed} otherwise). If the
 * line cannot be written the call answers 503 {@code audit_unavailable}.
 */
final class AdminAudit {

    /** The actor id written for calls whose credentials were refused. */
    static final String UNAUTHENTICATED = "unauthenticated";

    private static final RequestAttribute<Note> NOTE = RequestAttribute.of("admin.audit", Note.class);

    private final AuditLog log;

    AdminAudit(AuditLog log) {
        this.log = requireNonNull(log, "log");
    }

    /** Audits calls that passed authentication; goes inside {@code Principals.admins}. */
    Decorator calls(String action) {
        return next -> request -> {
            Note note = new Note();
            note.brand = request.pathParams().get("brand");
            String actor = Principals.admin(request).id();
            HttpResponse response;
            try {
                response = next.handle(request.withAttribute(NOTE, note));
            } catch (Exception e) {
                log.record(AuditActor.admin(actor), action, note.brand, note.ticket, List.of(), outcome(e));
                throw e;
            }
            AuditLog.Outcome outcome = response.status() >= 400 ? AuditLog.Outcome.DENIED : AuditLog.Outcome.ALLOWED;
            log.record(AuditActor.admin(actor), action, note.brand, note.ticket, List.of(), outcome);
            return response;
        };
    }

    /** Audits calls whose credentials were refused; goes outside {@code Principals.admins}. */
    Decorator refusals(String action) {
        return next -> request -> {
            try {
                return next.handle(request);
            } catch (AuthException e) {
                log.record(AuditActor.admin(UNAUTHENTICATED), action, null, null, List.of(), outcome(e));
                throw e;
            }
        };
    }

    /** Names the brand a call concerned, for its audit line (when the path does not). */
    static void brand(HttpRequest request, String brand) {
        request.attribute(NOTE).ifPresent(n -> n.brand = brand);
    }

    /** Names the ticket a call concerned, for its audit line. */
    static void ticket(HttpRequest request, String ticket) {
        request.attribute(NOTE).ifPresent(n -> n.ticket = ticket);
    }

    private static AuditLog.Outcome outcome(Exception e) {
        int status = e instanceof HttpException h ? h.status()
                : e instanceof AuthException a ? a.status()
                : e instanceof VeilException v ? ErrorStatus.STATUS.getOrDefault(v.code(), 400)
                : 500;
        return status >= 400 && status < 500 ? AuditLog.Outcome.DENIED : AuditLog.Outcome.FAILED;
    }

    /** What a handler learned about the call's brand and ticket. */
    static final class Note {
        volatile String brand;
        volatile String ticket;
    }
}
