package dev.veil.gateway.server;

import dev.veil.gateway.auth.AdminAuthenticator;
import dev.veil.gateway.auth.DevIdentityProvider;
import dev.veil.gateway.auth.ExpertAuthenticator;
import dev.veil.gateway.auth.JwtVerifier;
import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.auth.SharedSecret;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.console.ConsoleAssets;
import dev.veil.gateway.console.PolicyWorkbench;
import dev.veil.gateway.console.QueueHistory;
import dev.veil.gateway.core.GatewayCore;
import dev.veil.gateway.http.Decorator;
import dev.veil.gateway.http.Routes;
import dev.veil.gateway.ops.AuditLog;
import dev.veil.gateway.ops.VeilMetrics;
import dev.veil.gateway.server.admin.AdminContext;
import dev.veil.gateway.server.admin.AdminRoutes;
import dev.veil.gateway.upstream.UpstreamClient;
import dev.veil.gateway.upstream.UpstreamSettings;
import dev.veil.policy.engine.EngineLimits;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.vault.KeyProvider;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Which routes each listener serves: the public API (CRMs, experts) and the admin API (operators, metrics). */
record ApiRoutes(VeilConfig config, GatewayCore core, KeyProvider keys, JwtVerifier verifier, AdminAuthenticator admins,
        AuditLog audit, DevIdentityProvider devIdentity, Map<String, StandardWebhooks> signers, CrmConnectors connectors, Clock clock) {

    private static final Decorator AS_IS = next -> next;

    /** The two route tables, counting into {@code metrics}. */
    record Built(Routes publicApi, Routes adminApi, QueueHistory queueHistory, UpstreamClient upstream) {

        /** Every route as {@code METHOD /pattern}, by listener. */
        Map<String, Set<String>> routeNames() {
            return Map.of("public", names(publicApi), "admin", names(adminApi));
        }

        private static Set<String> names(Routes routes) {
            Set<String> out = new TreeSet<>();
            routes.patterns().forEach((pattern, methods) -> methods.forEach(method -> out.add(method + " " + pattern)));
            return out;
        }
    }

    /**
     * The verifier of {@code POST /v1/brands/{brand}/tickets} for brands with a generic ({@code webhook})
     * CRM: the scheme it signs with. Native CRMs use their own route; on this one they (Salesforce
     * Flow callouts, say) sign with Veil's scheme.
     */
    private Map<String, dev.veil.gateway.auth.WebhookVerifier> ticketVerifiers() {
        Map<String, dev.veil.gateway.auth.WebhookVerifier> out = new java.util.LinkedHashMap<>();
        connectors.all().forEach((brand, connector) -> {
            if (connector.kind() == dev.veil.gateway.config.CrmKind.WEBHOOK) {
                out.put(brand, connector.verifier());
            }
        });
        return out;
    }

    Built build(VeilMetrics metrics) {
        return build(metrics, () -> {});
    }

    /** As {@link #build(VeilMetrics)}, with {@code readiness} run by {@code /readyz} too (HashiCorp Vault's health). */
    Built build(VeilMetrics metrics, Runnable readiness) {
        return build(metrics, readiness, null);
    }

    /** As above, with {@code vaultRewrap} (HashiCorp Vault's re-wrap job) served on the admin listener when given. */
    Built build(VeilMetrics metrics, Runnable readiness, dev.veil.gateway.server.admin.RewrapJob vaultRewrap) {
        QueueHistory history = QueueHistory.of(() -> core.routing().queueStats(), clock);
        ConsoleAssets assets = ConsoleAssets.load();
        UpstreamClient upstream = UpstreamClient.of(UpstreamSettings.defaults()); // the gateway closes it after its server
        Routes.Builder publicApi = Routes.builder()
                .addAll(CrmRoutes.of(core, signers, ticketVerifiers(), metrics, clock), AS_IS)
                .addAll(CrmIntakeRoutes.of(core, connectors, metrics, clock), AS_IS)
                .addAll(ExpertRoutes.of(core.experts(), ExpertAuthenticator.of(verifier), metrics), AS_IS)
                .addAll(OpsRoutes.health(core, keys, readiness), AS_IS)
                .addAll(ProxyRoutes.of(config, core, connectors, upstream, dev.veil.gateway.ops.ProxyMetrics.of(metrics),
                        ExpertAuthenticator.of(verifier), clock), AS_IS);
        Routes.Builder adminApi = Routes.builder()
                .addAll(AdminRoutes.of(AdminContext.of(core, keys, admins, audit, clock), workbench(), history), AS_IS)
                .addAll(OpsRoutes.health(core, keys, readiness), AS_IS)
                .addAll(OpsRoutes.metrics(core, metrics), AS_IS);
        publicApi.addAll(ConsoleMount.expert(config, assets, devIdentity), AS_IS);
        adminApi.addAll(ConsoleMount.admin(config, assets, devIdentity), AS_IS);
        if (vaultRewrap != null) {
            adminApi.addAll(AdminRoutes.rewrap(AdminContext.of(core, keys, admins, audit, clock), vaultRewrap), AS_IS);
        }
        if (devIdentity != null) {
            publicApi.addAll(DevRoutes.jwks(devIdentity), AS_IS);
        }
        if (config.dev()) {
            StandardWebhooks devCrm = StandardWebhooks.of(List.of(SharedSecret.standardWebhooks(VeilConfig.DEV_CRM_SECRET)), clock);
            adminApi.addAll(DevRoutes.crmStandIn(devCrm, admins), AS_IS);
        }
        return new Built(publicApi.build(), adminApi.build(), history, upstream);
    }

    private PolicyWorkbench workbench() {
        return PolicyWorkbench.of(new EngineLimits((int) Math.min(Integer.MAX_VALUE - 1, config.limits().maxBodyBytes()),
                config.limits().maxJsonDepth(), config.limits().maxStringLength()), DetectorRegistry.defaults(), new SecureRandom());
    }
}
