package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.auth.Ed25519Key;
import dev.veil.gateway.auth.SharedSecret;
import java.util.List;
import java.util.Optional;

/**
 * How a brand's CRM webhooks are checked: the scheme, its secrets (Zendesk signing secrets,
 * GitHub- or Stripe-style secrets), Standard Webhooks public keys for {@code v1a}, the shared
 * tokens of unsigned senders (in the URL, or in {@code tokenHeader}), the client certificate
 * subject required over mutual TLS, the header of Stripe-style signatures, and Salesforce's
 * organization id.
 */
public record CrmIntakeConfig(IntakeScheme scheme, List<SharedSecret> secrets, List<Ed25519Key> publicKeys, List<SharedSecret> tokens,
        Optional<String> tokenHeader, Optional<String> clientSubject, Optional<String> signatureHeader, Optional<String> organizationId) {

    public CrmIntakeConfig {
        requireNonNull(scheme, "scheme");
        secrets = List.copyOf(secrets);
        publicKeys = List.copyOf(publicKeys);
        tokens = List.copyOf(tokens);
        requireNonNull(tokenHeader, "tokenHeader");
        requireNonNull(clientSubject, "clientSubject");
        requireNonNull(signatureHeader, "signatureHeader");
        requireNonNull(organizationId, "organizationId");
    }

    /** Standard Webhooks with the brand's {@code webhookSecrets}: the default of a {@code webhook} CRM. */
    public static CrmIntakeConfig standard() {
        return new CrmIntakeConfig(IntakeScheme.STANDARD, List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
