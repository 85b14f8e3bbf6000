package dev.veil.gateway.intake.crm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.veil.gateway.config.CrmApiConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Salesforce access tokens by the OAuth 2.0 client-credentials flow or the JWT bearer flow (an
 * RS256 assertion with {@code iss} = client id, {@code sub} = username, {@code aud} = the login
 * host, {@code exp} in three minutes), cached and renewed after {@link #MAX_AGE} or when a call
 * answers 401. REST calls go to the {@code instance_url} the token answer names. Thread-safe.
 */
public final class SalesforceTokens implements CrmAuth {

    /** How long a token is used before a new one is asked for (Salesforce sessions last two hours by default). */
    public static final Duration MAX_AGE = Duration.ofMinutes(30);
    private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final CrmApiConfig config;
    private final PrivateKey jwtKey;
    private final Clock clock;
    private Session current;
    private Instant fetchedAt;
    private int fetched;

    private SalesforceTokens(HttpClient client, CrmApiConfig config, PrivateKey jwtKey, Clock clock) {
        this.client = client;
        this.config = config;
        this.jwtKey = jwtKey;
        this.clock = clock;
    }

    /**
     * Tokens for {@code config}; reads the JWT bearer flow's private key (PKCS#8 PEM) at once.
     *
     * @throws CrmApiException {@code crm_refused} if the private key cannot be read
     */
    public static SalesforceTokens of(HttpClient client, CrmApiConfig config, Clock clock) {
        requireNonNull(config, "config");
        PrivateKey key = config.auth().filter(CrmApiConfig.JWT_BEARER::equals).isPresent()
                ? readKey(config.privateKey().orElseThrow()) : null;
        return new SalesforceTokens(requireNonNull(client, "client"), config, key, requireNonNull(clock, "clock"));
    }

    @Override
    public synchronized Session session(boolean renew) {
        Instant now = clock.instant();
        if (renew || current == null || now.isAfter(fetchedAt.plus(MAX_AGE))) {
            current = fetch(now);
            fetchedAt = now;
            fetched++;
        }
        return current;
    }

    /** How many tokens were fetched so far (for tests and metrics). */
    public synchronized int fetched() {
        return fetched;
    }

    private Session fetch(Instant now) {
        Map<String, String> form = new LinkedHashMap<>();
        if (jwtKey != null) {
            form.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
            form.put("assertion", assertion(now));
        } else {
            form.put("grant_type", "client_credentials");
            form.put("client_id", config.clientId().orElseThrow());
            form.put("client_secret", config.clientSecret().orElseThrow().reveal());
        }
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI tokenUrl = config.tokenUrl().orElseThrow();
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(config.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CrmApiException(CrmApiException.UNAVAILABLE, "the Salesforce token endpoint could not be reached ("
                    + e.getClass().getSimpleName() + ")", 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmApiException(CrmApiException.UNAVAILABLE, "interrupted while asking Salesforce for a token", 0);
        }
        CrmResponse answer = new CrmResponse(response.statusCode(), CrmResponse.lowerCase(response.headers().map()), response.body());
        if (!answer.ok()) {
            // OAuth errors are {"error": "invalid_grant", ...}: the code only, never the description
            throw CrmApi.failure(answer);
        }
        JsonNode json = answer.json();
        String token = json.path("access_token").asText("");
        String instance = json.path("instance_url").asText("");
        if (token.isEmpty()) {
            throw new CrmApiException(CrmApiException.REFUSED, "the Salesforce token answer has no access_token", answer.status());
        }
        URI base;
        try {
            base = instance.isEmpty() ? config.baseUrl() : URI.create(instance.endsWith("/") ? instance : instance + "/");
        } catch (IllegalArgumentException e) {
            // URI's message quotes the text: never kept
            throw new CrmApiException(CrmApiException.REFUSED, "the Salesforce token answer's instance_url is not a URL", answer.status());
        }
        if (!"https".equals(base.getScheme()) && !config.baseUrl().getHost().equals(base.getHost())) {
            // a plain-http instance elsewhere than configured would send the token in the clear
            base = config.baseUrl();
        }
        return new Session("Bearer " + token, base);
    }

    private String assertion(Instant now) {
        URI login = config.tokenUrl().orElseThrow();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(config.clientId().orElseThrow())
                .subject(config.username().orElseThrow())
                .audience(login.getScheme() + "://" + login.getAuthority())
                .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(jwtKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new CrmApiException(CrmApiException.REFUSED, "the JWT bearer assertion could not be signed with the configured key", 0);
        }
    }

    private static PrivateKey readKey(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
            int end = pem.indexOf("-----END PRIVATE KEY-----");
            if (begin < 0 || end < begin) {
                throw new CrmApiException(CrmApiException.REFUSED, "privateKey " + file
                        + ": expected a PKCS#8 PEM file (-----BEGIN PRIVATE KEY-----; convert with openssl pkcs8 -topk8 -nocrypt)", 0);
            }
            String base64 = pem.substring(begin + 27, end).replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new CrmApiException(CrmApiException.REFUSED, "privateKey " + file + ": cannot be read (" + e.getClass().getSimpleName() + ")", 0);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CrmApiException(CrmApiException.REFUSED, "privateKey " + file + ": not an RSA private key", 0);
        }
    }
}
