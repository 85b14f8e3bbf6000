package dev.veil.gateway.server;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.auth.AdminAuthenticator;
import dev.veil.gateway.auth.AdminPrincipal;
import dev.veil.gateway.auth.ExpertAuthenticator;
import dev.veil.gateway.auth.ExpertPrincipal;
import dev.veil.gateway.http.Decorator;
import dev.veil.gateway.http.HttpRequest;
import dev.veil.gateway.http.RequestAttribute;

/**
 * Decorators that authenticate a request before its handler runs and leave who it is as a request
 * attribute: an expert (bearer JWT) or an admin (admin token or admin-scoped JWT).
 */
public final class Principals {

    public static final RequestAttribute<ExpertPrincipal> EXPERT = RequestAttribute.of("expert", ExpertPrincipal.class);
    public static final RequestAttribute<AdminPrincipal> ADMIN = RequestAttribute.of("admin", AdminPrincipal.class);

    private Principals() {}

    /** Refuses (401/503) a request without a valid expert JWT; handlers read {@link #expert}. */
    public static Decorator experts(ExpertAuthenticator authenticator) {
        requireNonNull(authenticator, "authenticator");
        return next -> request -> next.handle(
                request.withAttribute(EXPERT, authenticator.authenticate(request.header("Authorization").orElse(null))));
    }

    /** Refuses (401/403/503) a request without admin credentials; handlers read {@link #admin}. */
    public static Decorator admins(AdminAuthenticator authenticator) {
        requireNonNull(authenticator, "authenticator");
        return next -> request -> next.handle(
                request.withAttribute(ADMIN, authenticator.authenticate(request.header("Authorization").orElse(null))));
    }

    /** The expert an {@link #experts} decorator authenticated. */
    public static String expert(HttpRequest request) {
        return request.attribute(EXPERT).orElseThrow().expertId();
    }

    /** The admin an {@link #admins} decorator authenticated. */
    public static AdminPrincipal admin(HttpRequest request) {
        return request.attribute(ADMIN).orElseThrow();
    }
}
