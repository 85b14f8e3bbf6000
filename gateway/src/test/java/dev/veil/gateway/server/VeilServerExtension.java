package dev.veil.gateway.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
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
import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.auth.SharedSecret;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.config.VeilConfigLoader;
import dev.veil.gateway.core.CoreFixtures;
import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the real gateway for a test class, Armeria-style: writes a {@code veil.yaml} (not dev mode,
 * both listeners on port 0) into a temporary directory with a local keyring holding every key the
 * brands need, serves a JWKS from WireMock whose RSA key the tests mint expert and admin JWTs with,
 * points every brand's CRM replies at a WireMock receiver, starts {@link Gateway} with its JSON log
 * captured in memory and registers experts through the admin API.
 *
 * <p>Brands: {@code acme} (Zendesk tickets), {@code globex} (Salesforce), {@code initech}
 * (Freshdesk), all with the example policies, and {@code hooli}, acme's policy with
 * {@code replies: refuse}.
 */
public final class VeilServerExtension implements BeforeAllCallback, AfterAllCallback {

    public static final String ISSUER = "https://idp.veil.test/";
    public static final String AUDIENCE = "veil";
    public static final String ADMIN_SCOPE = "veil:admin";
    public static final String ADMIN_TOKEN = "veil_admin_e2e-0123456789abcdef";
    public static final List<String> BRANDS = List.of("acme", "globex", "initech", "hooli");
    public static final long MAX_BODY_BYTES = 32 * 1024;
    public static final int MAX_JSON_DEPTH = 32;
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** Example ticket name (examples/tickets) to brand. */
    public static final Map<String, String> TICKETS = CoreFixtures.TICKET_BRANDS;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean start;
    private final boolean dev;
    private final boolean consoleOidc;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SharedSecret> webhookSecrets = new LinkedHashMap<>();
    private final Map<String, SharedSecret> crmSecrets = new LinkedHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final CapturedLog log = new CapturedLog();
    private Path dir;
    private Path configFile;
    private RSAKey signingKey;
    private WireMockServer jwks;
    private WireMockServer crm;
    private Gateway gateway;

    private VeilServerExtension(boolean start, boolean dev, boolean consoleOidc) {
        this.start = start;
        this.dev = dev;
        this.consoleOidc = consoleOidc;
    }

    /** A gateway started before the class's tests and closed after them. */
    public static VeilServerExtension running() {
        return new VeilServerExtension(true, false, false);
    }

    /**
     * A gateway in dev mode ({@code dev: true}, the dev identity provider, which also serves the
     * console's dev sign-in), still with the WireMock CRM and the admin token; {@link #expertToken}
     * then mints with the dev identity provider.
     */
    public static VeilServerExtension devMode() {
        return new VeilServerExtension(true, true, false);
    }

    /**
     * A gateway whose console signs in with OIDC against the WireMock identity provider: client
     * {@value #CONSOLE_CLIENT}, {@code /authorize} and {@code /token} on the JWKS server.
     */
    public static VeilServerExtension withConsoleOidc() {
        return new VeilServerExtension(true, false, true);
    }

    /** Everything but the gateway: the configuration, keyring and WireMock peers, for a gateway run in a child JVM. */
    public static VeilServerExtension configOnly() {
        return new VeilServerExtension(false, false, false);
    }

    /** The console's OIDC client id under {@link #withConsoleOidc()}. */
    public static final String CONSOLE_CLIENT = "veil-console-e2e";

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("veil-e2e");
        signingKey = new RSAKeyGenerator(2048).keyID("e2e-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE).generate();
        jwks = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        jwks.start();
        jwks.stubFor(get(urlPathEqualTo("/.well-known/jwks.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(new JWKSet(signingKey.toPublicJWK()).toString())));
        // a cold WireMock can take longer than the gateway's 2 s JWKS read timeout on a loaded machine: warm it first
        client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jwks.port() + "/.well-known/jwks.json"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
        crm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        crm.start();
        crm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathMatching("/crm/.*")).willReturn(aResponse().withStatus(200)));
        for (String brand : BRANDS) {
            webhookSecrets.put(brand, SharedSecret.generate(random));
            crmSecrets.put(brand, SharedSecret.generate(random));
        }
        configFile = writeConfig();
        VeilConfig config = config();
        createKeyring(config);
        if (start) {
            gateway = Gateway.start(config, Clock.systemUTC(), new PrintStream(log, true, StandardCharsets.UTF_8));
        }
    }

    /** Stops the gateway before the class ends (its stores flushed and closed), for tests that read the data directory. */
    public void stopGateway() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            stopGateway();
        } finally {
            jwks.stop();
            crm.stop();
            deleteRecursively(dir);
        }
    }

    // --- configuration

    private Path writeConfig() throws IOException {
        Path policies = CoreFixtures.examples().resolve("policies");
        Path hooli = dir.resolve("hooli.yaml");
        String acme = Files.readString(policies.resolve("acme.yaml"));
        String refusing = acme.replace("brand: acme", "brand: hooli").replace("policy: acme-support", "policy: hooli-support")
                .replace("defaults:\n", "defaults:\n  replies: refuse\n");
        assertThat(refusing).contains("brand: hooli").contains("replies: refuse");
        Files.writeString(hooli, refusing);
        Map<String, String> policyFiles = Map.of("acme", policies.resolve("acme.yaml").toString(),
                "globex", policies.resolve("globex.yaml").toString(), "initech", policies.resolve("initech.yaml").toString(),
                "hooli", hooli.toString());
        Map<String, String[]> shapes = Map.of("acme", new String[] {"/ticket/id", "/ticket/comments"},
                "globex", new String[] {"/Id", "/CaseComments/records"}, "initech", new String[] {"/id", "/conversations"},
                "hooli", new String[] {"/ticket/id", "/ticket/comments"});
        StringBuilder yaml = new StringBuilder();
        yaml.append("dev: ").append(dev).append('\n')
                .append("server:\n")
                .append("  public: { host: 127.0.0.1, port: 0 }\n")
                .append("  admin: { host: 127.0.0.1, port: 0 }\n")
                .append("  workers: 4\n")
                .append("limits:\n")
                .append("  maxBodyBytes: ").append(MAX_BODY_BYTES / 1024).append("KiB\n")
                .append("  maxJsonDepth: ").append(MAX_JSON_DEPTH).append('\n')
                .append("  requestTimeout: ").append(REQUEST_TIMEOUT.toSeconds()).append("s\n")
                .append("data: ./data\n")
                .append("keys:\n")
                .append("  provider: local\n")
                .append("  keyring: ./keys/keyring\n")
                .append("  masterKeyFile: ./keys/master.key\n")
                .append(dev ? "identity: dev\n" : "identity:\n  issuer: " + ISSUER + "\n  audience: " + AUDIENCE
                        + "\n  jwksUrl: http://127.0.0.1:" + jwks.port() + "/.well-known/jwks.json\n")
                .append("admin:\n")
                .append("  tokenSha256: ").append(AdminAuthenticator.sha256Hex(ADMIN_TOKEN)).append('\n')
                .append("  adminScope: ").append(ADMIN_SCOPE).append('\n')
                .append("outbox: { maxAttempts: 5, initialBackoff: 100ms, maxBackoff: 1s }\n")
                .append(consoleOidc ? "console:\n  oidc:\n    clientId: " + CONSOLE_CLIENT + "\n    authorizationUrl: http://127.0.0.1:"
                        + jwks.port() + "/authorize\n    tokenUrl: http://127.0.0.1:" + jwks.port() + "/token\n    scope: openid veil\n" : "")
                .append("brands:\n");
        for (String brand : BRANDS) {
            yaml.append("  ").append(brand).append(":\n")
                    .append("    policy: \"").append(policyFiles.get(brand)).append("\"\n")
                    .append("    webhookSecrets: [ \"").append(webhookSecrets.get(brand).reveal()).append("\" ]\n")
                    .append("    crm:\n")
                    .append("      replyUrl: \"").append(crmUrl(brand)).append("\"\n")
                    .append("      secret: \"").append(crmSecrets.get(brand).reveal()).append("\"\n")
                    .append("      ticketId: ").append(shapes.get(brand)[0]).append('\n')
                    .append("      comments: ").append(shapes.get(brand)[1]).append('\n');
            if (brand.equals("acme") || brand.equals("hooli")) {
                yaml.append("    routing:\n      attributes: { language: /requester/locale }\n");
            }
        }
        Path file = dir.resolve("veil.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** The keyring {@code veil keys init --policy} would make: every key the brands' policies and the stores need. */
    private void createKeyring(VeilConfig config) {
        Path masterFile = config.keys().masterKeyFile().orElseThrow();
        try {
            Files.createDirectories(masterFile.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MasterKey master = MasterKey.generate(random);
        master.writeTo(masterFile);
        LocalKeyProvider keys = LocalKeyProvider.create(config.keys().keyring(), master, random);
        GatewayKeys.needed(config).forEach(keys::createIfAbsent);
    }

    /** The configuration as the gateway reads it. */
    public VeilConfig config() {
        return VeilConfigLoader.of(Map.of()).load(configFile);
    }

    public Path configFile() {
        return configFile;
    }

    public URI crmUrl(String brand) {
        return URI.create("http://127.0.0.1:" + crm.port() + "/crm/" + brand);
    }

    // --- accessors

    public Gateway gateway() {
        return gateway;
    }

    public Path directory() {
        return dir;
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    public WireMockServer crm() {
        return crm;
    }

    public WireMockServer jwks() {
        return jwks;
    }

    public HttpClient client() {
        return client;
    }

    public CapturedLog log() {
        return log;
    }

    public URI publicUrl() {
        return URI.create("http://127.0.0.1:" + gateway.port("public"));
    }

    public URI adminUrl() {
        return URI.create("http://127.0.0.1:" + gateway.port("admin"));
    }

    public SharedSecret webhookSecret(String brand) {
        return webhookSecrets.get(brand);
    }

    public SharedSecret crmSecret(String brand) {
        return crmSecrets.get(brand);
    }

    // --- tokens

    /** A valid expert JWT (sub = {@code expert}) signed with the JWKS key, good for 10 minutes. */
    public String expertToken(String expert) {
        if (dev) {
            return gateway.devIdentity().orElseThrow().mint(expert, java.util.Set.of(), Duration.ofMinutes(10));
        }
        return token(claims(expert, Instant.now()).build());
    }

    /** An admin JWT: the admin scope. */
    public String adminJwt() {
        return token(claims("ops-1", Instant.now()).claim("scope", ADMIN_SCOPE).build());
    }

    /** Claims valid now for {@code sub}: iss, aud, nbf, iat, exp (+10 min). */
    public JWTClaimsSet.Builder claims(String sub, Instant now) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(sub)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plusSeconds(600)));
    }

    /** {@code claims} signed RS256 with the key the JWKS serves. */
    public String token(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- HTTP

    /** A POST of {@code body} to the public listener, signed for {@code brand} under {@code webhookId}. */
    public HttpResponse<String> signedPost(String path, String brand, String webhookId, byte[] body) {
        return signedPost(publicUrl(), path, brand, webhookId, body);
    }

    /** A POST of {@code body} to {@code base + path}, signed for {@code brand} under {@code webhookId}. */
    public HttpResponse<String> signedPost(URI base, String path, String brand, String webhookId, byte[] body) {
        Map<String, String> headers = StandardWebhooks.of(List.of(webhookSecrets.get(brand)), Clock.systemUTC()).sign(webhookId, body);
        return post(base, path, headers, body);
    }

    /** A POST with exactly these headers (plus the content type). */
    public HttpResponse<String> post(URI base, String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** A signed ticket to {@code /v1/brands/{brand}/tickets} under a fresh webhook id. */
    public HttpResponse<String> sendTicket(String brand, byte[] ticket) {
        return signedPost("/v1/brands/" + brand + "/tickets", brand, "msg_" + UUID.randomUUID(), ticket);
    }

    /** A call to the public listener with an optional bearer token and JSON body. */
    public HttpResponse<String> call(String method, String path, String token, String body) {
        return call(publicUrl(), method, path, token, body);
    }

    /** A call to the admin listener with the admin token. */
    public HttpResponse<String> admin(String method, String path, String body) {
        return call(adminUrl(), method, path, ADMIN_TOKEN, body);
    }

    public HttpResponse<String> call(URI base, String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Registers (or replaces) an expert through the admin API, certified for every brand, speaking
     * English and Spanish, and sets them online.
     */
    public void registerExpert(String id, int capacity) {
        registerExpert(adminUrl(), id, capacity);
    }

    public void registerExpert(URI admin, String id, int capacity) {
        registerExpert(admin, id, capacity, BRANDS);
    }

    /** Registers an expert certified for {@code brands} only, and sets them online. */
    public void registerExpert(URI admin, String id, int capacity, List<String> brands) {
        StringBuilder certs = new StringBuilder();
        for (String brand : brands) {
            certs.append(certs.length() == 0 ? "" : ", ").append('"').append(brand).append("\": \"2030-01-01T00:00:00Z\"");
        }
        String body = "{\"certifications\": {" + certs + "}, \"skills\": {}, \"languages\": [\"en\", \"es\"], \"capacity\": " + capacity + "}";
        HttpResponse<String> put = call(admin, "PUT", "/v1/admin/experts/" + id, ADMIN_TOKEN, body);
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
        HttpResponse<String> online = call(admin, "POST", "/v1/admin/experts/" + id + "/online", ADMIN_TOKEN, null);
        assertThat(online.statusCode()).as(online.body()).isEqualTo(200);
    }

    // --- helpers for assertions

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** Checks a Veil error answer (status, exactly error and detail) and returns its code. */
    public static String error(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode node = json(response);
        assertThat(node.has("error") && node.has("detail")).as(response.body()).isTrue();
        assertThat(node.size()).as(response.body()).isEqualTo(2);
        return node.get("error").asText();
    }

    /** The ticket ids an expert is offered (up to 100), sorted (the offer order follows waiting time). */
    public List<String> offers(String expert) {
        HttpResponse<String> response = call("GET", "/v1/offers?limit=100", expertToken(expert), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(response).get("offers").forEach(offer -> ids.add(offer.get("ticketId").asText()));
        ids.sort(null);
        return ids;
    }

    /** The waiting tickets over every brand and queue, as the admin API counts them. */
    public int queuedTickets() {
        HttpResponse<String> response = admin("GET", "/v1/admin/queues", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        int depth = 0;
        for (JsonNode row : json(response).get("queues")) {
            if (row.get("skill").asText().equals("*")) {
                depth += row.get("depth").asInt();
            }
        }
        return depth;
    }

    /** The requests the CRM receiver got for {@code brand}. */
    public List<LoggedRequest> crmRequests(String brand) {
        return crm.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/crm/" + brand)));
    }

    /** Waits (bounded) until the CRM receiver got the reply {@code messageId} of {@code brand}, and returns that request. */
    public LoggedRequest awaitCrmDelivery(String brand, String messageId) {
        LoggedRequest[] found = new LoggedRequest[1];
        await("the reply " + messageId + " at the CRM", Duration.ofSeconds(15), () -> {
            for (LoggedRequest request : crmRequests(brand)) {
                if (messageId.equals(request.getHeader("webhook-id"))) {
                    found[0] = request;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Polls {@code condition} every 20 ms until it holds or {@code timeout} passes. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The gateway's log output, kept in memory, one JSON object per line. */
    public static final class CapturedLog extends OutputStream {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        public synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        public List<String> lines() {
            return text().lines().filter(line -> !line.isBlank()).toList();
        }
    }
}
