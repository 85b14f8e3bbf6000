package dev.veil.gateway.server;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.auth.HubSignature;
import dev.veil.gateway.auth.SharedTokenCheck;
import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.auth.StripeSignature;
import dev.veil.gateway.auth.WebhookVerifier;
import dev.veil.gateway.auth.ZendeskSignature;
import dev.veil.gateway.config.BrandConfig;
import dev.veil.gateway.config.CrmApiConfig;
import dev.veil.gateway.config.CrmConfig;
import dev.veil.gateway.config.CrmIntakeConfig;
import dev.veil.gateway.config.CrmKind;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.intake.crm.CrmApi;
import dev.veil.gateway.intake.crm.CrmAuth;
import dev.veil.gateway.intake.crm.SalesforceTokens;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each brand's CRM connection, built once from {@code veil.yaml}: how its webhooks are verified and
 * the client of its CRM API (shared by intake, which fetches what webhooks leave out, and the
 * outbox, which writes replies).
 */
public final class CrmConnectors {

    /** One brand's connection: its CRM settings, webhook verifier, and API client (absent for webhook CRMs without one). */
    public record Connector(String brand, CrmConfig config, WebhookVerifier verifier, Optional<CrmApi> api) {
        public Connector {
            requireNonNull(brand, "brand");
            requireNonNull(config, "config");
            requireNonNull(verifier, "verifier");
            requireNonNull(api, "api");
        }

        public CrmKind kind() {
            return config.kind();
        }
    }

    private final Map<String, Connector> connectors;

    private CrmConnectors(Map<String, Connector> connectors) {
        this.connectors = Map.copyOf(connectors);
    }

    /** The connections of every brand in {@code config}, with CRM API calls on {@code client}. */
    public static CrmConnectors of(VeilConfig config, HttpClient client, Clock clock) {
        requireNonNull(config, "config");
        requireNonNull(client, "client");
        requireNonNull(clock, "clock");
        Map<String, Connector> out = new LinkedHashMap<>();
        for (BrandConfig brand : config.brands().values()) {
            CrmConfig crm = brand.crm();
            WebhookVerifier verifier = verifier(brand, crm.intake(), clock);
            Optional<CrmApi> api = crm.api().map(a -> CrmApi.of(client, auth(crm.kind(), a, client, clock), a.timeout()));
            out.put(brand.id(), new Connector(brand.id(), crm, verifier, api));
        }
        return new CrmConnectors(out);
    }

    /** A client for CRM APIs with the default connect timeout. */
    public static HttpClient client() {
        return CrmApi.defaultClient(Duration.ofSeconds(10));
    }

    /** The connection of {@code brand}, if configured. */
    public Optional<Connector> get(String brand) {
        return Optional.ofNullable(connectors.get(brand));
    }

    public Map<String, Connector> all() {
        return connectors;
    }

    /** The verifier a brand's scheme calls for. */
    static WebhookVerifier verifier(BrandConfig brand, CrmIntakeConfig intake, Clock clock) {
        return switch (intake.scheme()) {
            case STANDARD -> {
                StandardWebhooks standard = StandardWebhooks.of(brand.webhookSecrets(), clock);
                yield (intake.publicKeys().isEmpty() ? standard : standard.withPublicKeys(intake.publicKeys())).verifier();
            }
            case ZENDESK -> ZendeskSignature.of(intake.secrets(), clock);
            case HUB_SHA256 -> HubSignature.of(HubSignature.Algorithm.SHA256, intake.secrets());
            case HUB_SHA1 -> HubSignature.of(HubSignature.Algorithm.SHA1, intake.secrets());
            case STRIPE -> StripeSignature.of(intake.signatureHeader().orElse(StripeSignature.DEFAULT_HEADER), intake.secrets(), clock);
            case TOKEN -> SharedTokenCheck.of(intake.tokens(), intake.tokenHeader(), intake.clientSubject());
        };
    }

    private static CrmAuth auth(CrmKind kind, CrmApiConfig api, HttpClient client, Clock clock) {
        return switch (kind) {
            case ZENDESK -> CrmAuth.basic(api.baseUrl(), api.user().orElseThrow() + "/token", api.token().orElseThrow().reveal());
            case FRESHDESK -> CrmAuth.basic(api.baseUrl(), api.token().orElseThrow().reveal(), "X");
            case SALESFORCE -> SalesforceTokens.of(client, api, clock);
            case WEBHOOK -> api.token().isPresent()
                    ? CrmAuth.basic(api.baseUrl(), api.user().orElse(""), api.token().get().reveal())
                    : renew -> new CrmAuth.Session("", api.baseUrl());
        };
    }
}
