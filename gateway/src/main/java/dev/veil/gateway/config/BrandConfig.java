package dev.veil.gateway.config;

import dev.veil.gateway.auth.SharedSecret;
import static java.util.Objects.requireNonNull;

import dev.veil.gateway.routing.config.RoutingSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * One brand: its policy file, the secrets its CRM signs tickets with (several during a rotation),
 * where its replies go, its routing settings, and the proxy routes experts may call (docs/crm/proxy.md).
 */
public record BrandConfig(String id, Path policy, List<SharedSecret> webhookSecrets, CrmConfig crm, RoutingSettings routing,
        List<ProxyRouteConfig> proxy) {

    public BrandConfig {
        requireNonNull(id, "id");
        requireNonNull(policy, "policy");
        webhookSecrets = List.copyOf(webhookSecrets);
        if (webhookSecrets.isEmpty()) {
            throw new IllegalArgumentException("webhookSecrets: [] (expected: at least one)");
        }
        requireNonNull(crm, "crm");
        requireNonNull(routing, "routing");
        proxy = List.copyOf(proxy);
    }

    /** A brand without proxy routes. */
    public BrandConfig(String id, Path policy, List<SharedSecret> webhookSecrets, CrmConfig crm, RoutingSettings routing) {
        this(id, policy, webhookSecrets, crm, routing, List.of());
    }

    /** The proxy route called {@code name}, if configured. */
    public java.util.Optional<ProxyRouteConfig> proxyRoute(String name) {
        return proxy.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
