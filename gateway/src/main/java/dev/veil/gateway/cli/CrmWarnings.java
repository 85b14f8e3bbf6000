package dev.veil.gateway.cli;

import dev.veil.gateway.config.BrandConfig;
import dev.veil.gateway.config.CrmIntakeConfig;
import dev.veil.gateway.config.IntakeScheme;
import java.util.ArrayList;
import java.util.List;

/** What {@code veil config check} warns about in a brand's CRM connection: webhooks nobody signs. */
final class CrmWarnings {

    private CrmWarnings() {}

    static List<String> of(BrandConfig brand) {
        List<String> out = new ArrayList<>();
        CrmIntakeConfig intake = brand.crm().intake();
        String at = "brands." + brand.id() + ".crm.intake";
        if (intake.scheme() == IntakeScheme.TOKEN) {
            String how = intake.tokens().isEmpty() ? "a client certificate only"
                    : intake.tokenHeader().isPresent() ? "a shared token in the header " + intake.tokenHeader().get()
                    : "a shared token in the URL";
            out.add(at + ": unsigned webhooks, accepted on " + how + (intake.clientSubject().isPresent() ? " and mutual TLS" : "")
                    + "; allow-list the CRM's IP ranges in front of Veil and rotate the token if it leaks");
            if (intake.clientSubject().isEmpty() && !intake.tokens().isEmpty() && intake.tokenHeader().isEmpty()) {
                out.add(at + ": a token in the URL may show in proxies' logs; prefer tokenHeader or mutual TLS (clientSubject) where the CRM can");
            }
        }
        return out;
    }
}
