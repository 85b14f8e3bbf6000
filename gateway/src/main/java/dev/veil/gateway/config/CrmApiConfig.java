package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.auth.SharedSecret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how Veil calls a brand's CRM API (replies out, comments fetched): the base URL and
 * credentials. Zendesk: {@code user} (an agent's email) and {@code token} (an API token). Freshdesk:
 * {@code token} (the API key). Salesforce: {@code auth} {@code client-credentials} ({@code clientId},
 * {@code clientSecret}) or {@code jwt-bearer} ({@code clientId}, {@code username}, {@code privateKey}
 * PEM file), at {@code tokenUrl}, with {@code apiVersion}.
 */
public record CrmApiConfig(URI baseUrl, Optional<String> user, Optional<SharedSecret> token, Optional<String> auth,
        Optional<URI> tokenUrl, Optional<String> clientId, Optional<SharedSecret> clientSecret, Optional<String> username,
        Optional<Path> privateKey, String apiVersion, Duration timeout) {

    /** The Salesforce REST API version used unless configured. */
    public static final String DEFAULT_API_VERSION = "v60.0";
    /** How long one call to a CRM API may take unless configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Salesforce's OAuth 2.0 client-credentials flow. */
    public static final String CLIENT_CREDENTIALS = "client-credentials";
    /** Salesforce's OAuth 2.0 JWT bearer flow. */
    public static final String JWT_BEARER = "jwt-bearer";

    public CrmApiConfig {
        requireNonNull(baseUrl, "baseUrl");
        requireNonNull(user, "user");
        requireNonNull(token, "token");
        requireNonNull(auth, "auth");
        requireNonNull(tokenUrl, "tokenUrl");
        requireNonNull(clientId, "clientId");
        requireNonNull(clientSecret, "clientSecret");
        requireNonNull(username, "username");
        requireNonNull(privateKey, "privateKey");
        requireNonNull(apiVersion, "apiVersion");
        requireNonNull(timeout, "timeout");
    }
}
