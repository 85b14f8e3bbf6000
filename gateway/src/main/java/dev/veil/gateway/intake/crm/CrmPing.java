package dev.veil.gateway.intake.crm;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.auth.HubSignature;
import dev.veil.gateway.auth.SharedSecret;
import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.auth.StripeSignature;
import dev.veil.gateway.auth.ZendeskSignature;
import dev.veil.gateway.config.BrandConfig;
import dev.veil.gateway.config.CrmIntakeConfig;
import dev.veil.gateway.config.CrmKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ping as a brand's CRM would send it ({@code veil crm test}): to the brand's native intake
 * route, in its format, signed by its scheme (or carrying its token). The gateway verifies it,
 * calls the CRM API once and stores nothing.
 */
public final class CrmPing {

    /** A request to send: path, headers and body. */
    public record Request(String path, Map<String, String> headers, byte[] body) {
        public Request {
            requireNonNull(path, "path");
            headers = Map.copyOf(headers);
            requireNonNull(body, "body");
        }
    }

    private CrmPing() {}

    /** The ping of {@code brand}, signed now. */
    public static Request of(BrandConfig brand, Clock clock, SecureRandom random) {
        requireNonNull(brand, "brand");
        CrmKind kind = brand.crm().kind();
        CrmIntakeConfig intake = brand.crm().intake();
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        String id = HexFormat.of().formatHex(nonce);
        byte[] body = kind == CrmKind.SALESFORCE ? soapPing(intake.organizationId().orElseThrow())
                : ("{\"veil_ping\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", kind == CrmKind.SALESFORCE ? "text/xml; charset=utf-8" : "application/json");
        String path = "/v1/brands/" + brand.id() + "/crm/" + kind.yamlName();
        switch (intake.scheme()) {
            case STANDARD -> headers.putAll(StandardWebhooks.of(List.of(brand.webhookSecrets().get(0)), clock).sign("ping_" + id, body));
            case ZENDESK -> {
                String timestamp = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
                headers.put(ZendeskSignature.TIMESTAMP_HEADER, timestamp);
                headers.put(ZendeskSignature.SIGNATURE_HEADER, ZendeskSignature.sign(first(intake.secrets()), timestamp, body));
                headers.put(ZendeskSignature.INVOCATION_HEADER, "ping_" + id);
            }
            case HUB_SHA256 -> headers.put(HubSignature.Algorithm.SHA256.header(),
                    HubSignature.sign(HubSignature.Algorithm.SHA256, first(intake.secrets()), body));
            case HUB_SHA1 -> headers.put(HubSignature.Algorithm.SHA1.header(),
                    HubSignature.sign(HubSignature.Algorithm.SHA1, first(intake.secrets()), body));
            case STRIPE -> headers.put(intake.signatureHeader().orElse(StripeSignature.DEFAULT_HEADER),
                    StripeSignature.sign(first(intake.secrets()), clock.instant().getEpochSecond(), body));
            case TOKEN -> {
                if (!intake.tokens().isEmpty()) {
                    String token = intake.tokens().get(0).reveal();
                    if (intake.tokenHeader().isPresent()) {
                        headers.put(intake.tokenHeader().get(), token);
                    } else {
                        path = path + "/" + URLEncoder.encode(token, StandardCharsets.UTF_8);
                    }
                }
            }
        }
        return new Request(path, headers, body);
    }

    private static SharedSecret first(List<SharedSecret> secrets) {
        return secrets.get(0);
    }

    private static byte[] soapPing(String organizationId) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">\n"
                + " <soapenv:Body>\n"
                + "  <notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\">\n"
                + "   <OrganizationId>" + organizationId + "</OrganizationId>\n"
                + "  </notifications>\n"
                + " </soapenv:Body>\n"
                + "</soapenv:Envelope>\n").getBytes(StandardCharsets.UTF_8);
    }
}
