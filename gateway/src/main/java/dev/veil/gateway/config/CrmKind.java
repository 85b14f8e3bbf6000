package dev.veil.gateway.config;

import java.util.Locale;

/** Which CRM a brand runs: Veil's own webhook format, or one of the CRMs Veil speaks natively. */
public enum CrmKind {
    /** Tickets in with Standard Webhooks (or another configured scheme); replies out as signed webhooks. */
    WEBHOOK,
    /** Zendesk: trigger webhooks in (Zendesk's signature), ticket updates out through the Tickets API. */
    ZENDESK,
    /** Salesforce: Outbound Messages (SOAP) or Flow callouts in, CaseComment or EmailMessage out through the REST API. */
    SALESFORCE,
    /** Freshdesk: automation-rule webhooks in (shared token), replies and notes out through the API. */
    FRESHDESK;

    /** The name used in {@code veil.yaml} and on the command line. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code name}, or null. */
    public static CrmKind byName(String name) {
        for (CrmKind kind : values()) {
            if (kind.yamlName().equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
