package dev.veil.gateway.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.veil.gateway.auth.AdminAuthenticator;
import dev.veil.gateway.auth.SharedSecret;
import dev.veil.gateway.config.CrmKind;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.config.VeilConfigLoader;
import dev.veil.gateway.intake.crm.CrmPresets;
import dev.veil.gateway.server.Gateway;
import dev.veil.gateway.server.VeilServerExtension;
import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real gateway with three native-CRM brands, each with the preset policy of {@code veil policy
 * init --crm}: {@code zd} (Zendesk: its signature, API at a WireMock), {@code sf} (Salesforce:
 * Outbound Messages with a URL token and org check, OAuth client credentials), {@code fd}
 * (Freshdesk: token in a custom header). One WireMock per CRM; experts' JWTs from a WireMock JWKS.
 */
public final class CrmGatewayExtension implements BeforeAllCallback, AfterAllCallback {

    public static final String ZD_SECRET = "zd-signing-secret-9f8e7d6c5b4a3210";
    public static final String SF_TOKEN = "sf-url-token-0123456789abcdef0123";
    public static final String FD_TOKEN = "fd-header-token-0123456789abcdef01";
    public static final String HUB_SECRET = "hub-secret-0123456789abcdef";
    public static final String ADMIN_TOKEN = "veil_admin_crm-0123456789abcdef";
    private static final String ISSUER = "https://idp.veil.test/";

    private final SecureRandom random = new SecureRandom();
    private final SharedSecret sfWebhookSecret = SharedSecret.generate(random);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final VeilServerExtension.CapturedLog log = new VeilServerExtension.CapturedLog();
    private Path dir;
    private RSAKey signingKey;
    private WireMockServer jwks;
    private final Map<CrmKind, WireMockServer> crms = new java.util.EnumMap<>(CrmKind.class);
    private Gateway gateway;
    private Path configFile;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("veil-crm");
        signingKey = new RSAKeyGenerator(2048).keyID("crm-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE).generate();
        jwks = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        jwks.start();
        jwks.stubFor(get(urlPathEqualTo("/.well-known/jwks.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(new JWKSet(signingKey.toPublicJWK()).toString())));
        for (CrmKind kind : new CrmKind[] {CrmKind.ZENDESK, CrmKind.SALESFORCE, CrmKind.FRESHDESK}) {
            WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
            server.start();
            crms.put(kind, server);
        }
        Files.writeString(dir.resolve("zd.yaml"), CrmPresets.policy(CrmKind.ZENDESK, "zd"));
        Files.writeString(dir.resolve("sf.yaml"), CrmPresets.policy(CrmKind.SALESFORCE, "sf"));
        Files.writeString(dir.resolve("fd.yaml"), CrmPresets.policy(CrmKind.FRESHDESK, "fd"));
        Files.writeString(dir.resolve("gh.yaml"), CrmPresets.policy(CrmKind.ZENDESK, "gh"));
        String yaml = """
                dev: false
                server:
                  public: { host: 127.0.0.1, port: 0 }
                  admin: { host: 127.0.0.1, port: 0 }
                  workers: 4
                limits: { maxBodyBytes: 256KiB, requestTimeout: 10s }
                data: ./data
                keys: { provider: local, keyring: ./keys/keyring, masterKeyFile: ./keys/master.key }
                identity:
                  issuer: %s
                  audience: veil
                  jwksUrl: http://127.0.0.1:%d/.well-known/jwks.json
                admin: { tokenSha256: %s, adminScope: "veil:admin" }
                outbox: { maxAttempts: 5, initialBackoff: 100ms, maxBackoff: 1s }
                brands:
                  zd:
                    policy: zd.yaml
                    webhookSecrets: [ "%s" ]
                    crm:
                      kind: zendesk
                      intake: { secrets: [ "%s" ] }
                      api: { baseUrl: "%s", user: "%s", token: "%s" }
                      reply: { as: public }
                    proxy:
                      - { name: tickets, upstream: /api/v2/tickets }
                      - { name: lookup, methods: [ POST ], upstream: /api/v2/lookup, view: senior }
                      - { name: slow, upstream: /api/v2/slow, timeout: 300ms }
                      - { name: small, upstream: /api/v2/small, maxResponseBytes: 4KiB }
                      - { name: files, upstream: /api/v2/attachments, stream: true }
                  sf:
                    policy: sf.yaml
                    webhookSecrets: [ "%s" ]
                    crm:
                      kind: salesforce
                      intake: { tokens: [ "%s" ], organizationId: %s }
                      api: { baseUrl: "%s", auth: client-credentials, clientId: 3MVG9-consumer-key, clientSecret: "consumer-secret-0123456789" }
                  fd:
                    policy: fd.yaml
                    webhookSecrets: [ "%s" ]
                    crm:
                      kind: freshdesk
                      intake: { tokens: [ "%s" ], tokenHeader: X-Veil-Token }
                      api: { baseUrl: "%s", token: "%s" }
                      reply: { as: note }
                  gh:
                    policy: gh.yaml
                    webhookSecrets: [ "%s" ]
                    crm:
                      replyUrl: "%s/crm/gh"
                      secret: "%s"
                      intake: { scheme: hub-sha256, secrets: [ "%s" ] }
                """.formatted(ISSUER, jwks.port(), AdminAuthenticator.sha256Hex(ADMIN_TOKEN),
                SharedSecret.generate(random).reveal(), ZD_SECRET, url(CrmKind.ZENDESK), ZendeskApi.USER, ZendeskApi.TOKEN,
                sfWebhookSecret.reveal(), SF_TOKEN, SalesforceApi.ORG_ID, url(CrmKind.SALESFORCE),
                SharedSecret.generate(random).reveal(), FD_TOKEN, url(CrmKind.FRESHDESK), FreshdeskApi.API_KEY,
                SharedSecret.generate(random).reveal(), url(CrmKind.ZENDESK), SharedSecret.generate(random).reveal(), HUB_SECRET);
        configFile = dir.resolve("veil.yaml");
        Files.writeString(configFile, yaml);
        VeilConfig config = config();
        Path masterFile = config.keys().masterKeyFile().orElseThrow();
        Files.createDirectories(masterFile.getParent());
        MasterKey master = MasterKey.generate(random);
        master.writeTo(masterFile);
        LocalKeyProvider keys = LocalKeyProvider.create(config.keys().keyring(), master, random);
        dev.veil.gateway.server.GatewayKeysAccess.needed(config).forEach(keys::createIfAbsent);
        gateway = Gateway.start(config, Clock.systemUTC(), new PrintStream(log, true, StandardCharsets.UTF_8));
        for (String expert : new String[] {"exp-zd", "exp-sf", "exp-fd"}) {
            registerExpert(expert);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            jwks.stop();
            crms.values().forEach(WireMockServer::stop);
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The Standard Webhooks secret of brand {@code sf} (Flow callouts). */
    public SharedSecret sfWebhookSecret() {
        return sfWebhookSecret;
    }

    public VeilConfig config() {
        return VeilConfigLoader.of(Map.of()).load(configFile);
    }

    public Path configFile() {
        return configFile;
    }

    public WireMockServer crm(CrmKind kind) {
        return crms.get(kind);
    }

    public String url(CrmKind kind) {
        return "http://127.0.0.1:" + crms.get(kind).port();
    }

    public URI publicUrl() {
        return URI.create("http://127.0.0.1:" + gateway.port("public"));
    }

    public Gateway gateway() {
        return gateway;
    }

    public VeilServerExtension.CapturedLog log() {
        return log;
    }

    public String expertToken(String expert) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience("veil").subject(expert)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(1))).expirationTime(Date.from(now.plusSeconds(600))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A POST to the public listener with exactly these headers. */
    public HttpResponse<String> post(String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(publicUrl().resolve(path)).timeout(Duration.ofSeconds(20))
                .POST(BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** A call to the admin listener with the admin token. */
    public HttpResponse<String> admin(String method, String path) {
        URI admin = URI.create("http://127.0.0.1:" + gateway.port("admin"));
        return send(HttpRequest.newBuilder(admin.resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, BodyPublishers.noBody()).header("Authorization", "Bearer " + ADMIN_TOKEN).build());
    }

    public HttpResponse<String> call(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(publicUrl().resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.header("Authorization", "Bearer " + token);
        return send(request.build());
    }

    private void registerExpert(String id) {
        URI admin = URI.create("http://127.0.0.1:" + gateway.port("admin"));
        String body = "{\"certifications\": {\"zd\": \"2030-01-01T00:00:00Z\", \"sf\": \"2030-01-01T00:00:00Z\", \"fd\": \"2030-01-01T00:00:00Z\"},"
                + " \"skills\": {}, \"languages\": [\"en\", \"es\"], \"capacity\": 20}";
        HttpResponse<String> put = send(HttpRequest.newBuilder(admin.resolve("/v1/admin/experts/" + id)).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json").PUT(BodyPublishers.ofString(body)).build());
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
        HttpResponse<String> online = send(HttpRequest.newBuilder(admin.resolve("/v1/admin/experts/" + id + "/online"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).POST(BodyPublishers.noBody()).build());
        assertThat(online.statusCode()).as(online.body()).isEqualTo(200);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
