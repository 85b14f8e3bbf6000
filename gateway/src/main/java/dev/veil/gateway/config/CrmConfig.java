package dev.veil.gateway.config;

import dev.veil.gateway.auth.WebhookSecret;
import static java.util.Objects.requireNonNull;

import java.net.URI;

/** Where a brand's replies go: the CRM's webhook URL and the secret that signs them (Standard Webhooks). */
public record CrmConfig(URI replyUrl, WebhookSecret secret) {

    public CrmConfig {
        requireNonNull(replyUrl, "replyUrl");
        requireNonNull(secret, "secret");
    }
}
