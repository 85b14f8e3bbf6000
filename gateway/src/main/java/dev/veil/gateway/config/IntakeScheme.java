package dev.veil.gateway.config;

import java.util.Locale;

/** How a brand's CRM proves its webhooks are its own. */
public enum IntakeScheme {
    /** Standard Webhooks ({@code v1} HMAC with the brand's {@code webhookSecrets}, {@code v1a} Ed25519 with its public keys). */
    STANDARD,
    /** Zendesk's {@code X-Zendesk-Webhook-Signature}. */
    ZENDESK,
    /** GitHub-style {@code X-Hub-Signature-256: sha256=...}. */
    HUB_SHA256,
    /** GitHub-style {@code X-Hub-Signature: sha1=...} (Intercom, Zammad). */
    HUB_SHA1,
    /** Stripe-style {@code t=...,v1=...}. */
    STRIPE,
    /** Unsigned: a shared token in the URL or a header, and/or mutual TLS (Salesforce Outbound Messages, Freshdesk). */
    TOKEN;

    /** The name used in {@code veil.yaml}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the sender signs its deliveries (false: a token or mutual TLS is all there is). */
    public boolean signed() {
        return this != TOKEN;
    }

    /** The scheme named {@code name}, or null. */
    public static IntakeScheme byName(String name) {
        for (IntakeScheme scheme : values()) {
            if (scheme.yamlName().equals(name)) {
                return scheme;
            }
        }
        return null;
    }

    /** The scheme a kind of CRM uses unless configured otherwise. */
    public static IntakeScheme defaultFor(CrmKind kind) {
        return switch (kind) {
            case WEBHOOK -> STANDARD;
            case ZENDESK -> ZENDESK;
            case SALESFORCE, FRESHDESK -> TOKEN;
        };
    }
}
