package dev.veil.gateway.server.admin;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.auth.AdminAuthenticator;
import dev.veil.gateway.core.GatewayCore;
import dev.veil.gateway.http.JsonBodies;
import dev.veil.gateway.ops.AuditLog;
import dev.veil.tokenizer.vault.KeyProvider;
import java.time.Clock;

/**
 * What the admin API's handlers need: the gateway core (routing, outbox, policies, brands), the key
 * provider for rotation, the admin authenticator, the audit log every call is written to, the clock
 * and the JSON reader with the listener's limits.
 */
public record AdminContext(
        GatewayCore core,
        KeyProvider keys,
        AdminAuthenticator authenticator,
        AuditLog audit,
        Clock clock,
        JsonBodies json) {

    public AdminContext {
        requireNonNull(core, "core");
        requireNonNull(keys, "keys");
        requireNonNull(authenticator, "authenticator");
        requireNonNull(audit, "audit");
        requireNonNull(clock, "clock");
        requireNonNull(json, "json");
    }

    /** A context reading JSON bodies with {@link JsonBodies#defaults()}. */
    public static AdminContext of(GatewayCore core, KeyProvider keys, AdminAuthenticator authenticator, AuditLog audit, Clock clock) {
        return new AdminContext(core, keys, authenticator, audit, clock, JsonBodies.defaults());
    }
}
