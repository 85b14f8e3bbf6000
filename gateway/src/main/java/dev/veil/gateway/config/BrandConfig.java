package dev.veil.gateway.config;

import dev.veil.gateway.auth.WebhookSecret;
import static java.util.Objects.requireNonNull;

import dev.veil.gateway.routing.config.RoutingSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * One brand: its policy file, the secrets its CRM signs tickets with (several during a rotation),
 * where its replies go, and its routing settings.
 */
public record BrandConfig(String id, Path policy, List<WebhookSecret> webhookSecrets, CrmConfig crm, RoutingSettings routing) {

    public BrandConfig {
        requireNonNull(id, "id");
        requireNonNull(policy, "policy");
        webhookSecrets = List.copyOf(webhookSecrets);
        if (webhookSecrets.isEmpty()) {
            throw new IllegalArgumentException("webhookSecrets: [] (expected: at least one)");
        }
        requireNonNull(crm, "crm");
        requireNonNull(routing, "routing");
    }
}
