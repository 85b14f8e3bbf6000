package dev.veil.gateway.server;

import dev.veil.gateway.config.CrmApiConfig;
import dev.veil.gateway.intake.DeliveryObserver;
import dev.veil.gateway.intake.ReplyTransport;
import dev.veil.gateway.intake.crm.CrmReplyTransport;
import dev.veil.gateway.intake.crm.ReplyWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** The outbox's transport: native CRMs through their APIs, webhook CRMs through the signed-webhook transport. */
final class CrmReplies {

    private CrmReplies() {}

    static CrmReplyTransport transport(CrmConnectors connectors, ReplyTransport webhooks, Clock clock, DeliveryObserver observer) {
        Map<String, CrmReplyTransport.Target> targets = new LinkedHashMap<>();
        connectors.all().forEach((brand, c) -> {
            ReplyWriter writer = switch (c.kind()) {
                case ZENDESK -> ReplyWriter.zendesk(c.config().reply());
                case SALESFORCE -> ReplyWriter.salesforce(c.config().reply(),
                        c.config().api().map(CrmApiConfig::apiVersion).orElse(CrmApiConfig.DEFAULT_API_VERSION));
                case FRESHDESK -> ReplyWriter.freshdesk(c.config().reply());
                case WEBHOOK -> null;
            };
            if (writer != null && c.api().isPresent()) {
                targets.put(brand, new CrmReplyTransport.Target(c.kind().yamlName(), c.api().get(), writer));
            }
        });
        return CrmReplyTransport.of(targets, webhooks, clock, observer);
    }
}
