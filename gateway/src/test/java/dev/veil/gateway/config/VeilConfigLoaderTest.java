package dev.veil.gateway.config;

import dev.veil.gateway.auth.AdminAuthenticator;
import dev.veil.gateway.auth.AuthException;
import dev.veil.gateway.auth.SharedSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.veil.gateway.http.NettyTransport;
import dev.veil.gateway.routing.config.RoutingMode;
import dev.veil.policy.yaml.Problem;
import dev.veil.tokenizer.error.SafeErrors;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VeilConfigLoaderTest {

    static final Path EXAMPLE = Path.of("..", "examples", "veil.yaml");
    static final String ACME_SECRET = "whsec_" + "QUNNRS13ZWJob29rLXNlY3JldC0wMTIzNDU2Nzg5YWI="; // 32 bytes
    static final String OTHER_SECRET = VeilConfig.DEV_CRM_SECRET;

    /** The variables examples/veil.yaml names, as a deployment would set them. */
    static Map<String, String> exampleEnv() {
        return Map.of("VEIL_ADMIN_TOKEN_SHA256", AdminAuthenticator.sha256Hex("s3cret-admin-token"),
                "ACME_WEBHOOK_SECRET", ACME_SECRET, "ACME_CRM_SECRET", OTHER_SECRET,
                "GLOBEX_WEBHOOK_SECRET", ACME_SECRET, "GLOBEX_CRM_SECRET", OTHER_SECRET);
    }

    @TempDir
    Path dir;

    @Test
    void loadsTheExampleWithItsSecretsFromTheEnvironment() {
        VeilConfig c = VeilConfigLoader.of(exampleEnv()).load(EXAMPLE);
        Path examples = EXAMPLE.toAbsolutePath().normalize().getParent();

        assertThat(c.dev()).isFalse();
        assertThat(c.server().publicListener()).isEqualTo(ListenerConfig.of("0.0.0.0", 8080, 1024));
        assertThat(c.server().admin()).isEqualTo(ListenerConfig.of("127.0.0.1", 8081, 64));
        assertThat(c.server().queue()).isEqualTo(256);
        assertThat(c.limits()).isEqualTo(LimitsConfig.DEFAULTS);
        assertThat(c.data()).isEqualTo(examples.resolve("veil-data"));
        assertThat(c.keys()).isEqualTo(new KeysConfig("local", examples.resolve("veil-data/keyring"), Optional.empty()));
        assertThat(c.identity().devProvider()).isFalse();
        assertThat(c.identity().jwksUrl()).contains(URI.create("https://id.acme.example/.well-known/jwks.json"));
        assertThat(c.identity().jwksCacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.admin().tokenSha256()).contains(AdminAuthenticator.sha256Hex("s3cret-admin-token"));
        assertThat(c.admin().adminScope()).contains("veil:admin");
        assertThat(c.outbox()).isEqualTo(OutboxConfig.DEFAULTS);
        assertThat(c.brands()).containsOnlyKeys("acme", "globex");
        BrandConfig acme = c.brand("acme");
        assertThat(acme.policy()).isEqualTo(examples.resolve("policies/acme.yaml"));
        assertThat(acme.webhookSecrets()).extracting(SharedSecret::reveal).containsExactly(ACME_SECRET);
        assertThat(acme.crm().replyUrl()).isEqualTo(URI.create("https://acme.zendesk.example/veil/replies"));
        assertThat(acme.crm().secret().reveal()).isEqualTo(OTHER_SECRET);
        assertThat(acme.routing().minRating()).isEqualTo(75);
        assertThat(acme.routing().basePayMinor()).isEqualTo(450);
        assertThat(c.routing().brand("acme")).isEqualTo(acme.routing());
        assertThat(c.routing().brand("globex").mode()).isEqualTo(RoutingMode.CLAIM);
        assertThat(c.source()).isEqualTo(EXAMPLE.toString());
    }

    @Test
    void embeddedDefaultsAreDevModeOnLoopbackWithTheExampleBrand() {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        VeilConfig c = VeilConfig.defaults(repo);

        assertThat(c.dev()).isTrue();
        assertThat(c.server().publicListener().host()).isEqualTo("127.0.0.1");
        assertThat(c.server().admin().host()).isEqualTo("127.0.0.1");
        assertThat(c.data()).isEqualTo(repo.resolve("veil-data"));
        assertThat(c.keys().keyring()).isEqualTo(repo.resolve("veil-data/keyring"));
        assertThat(c.keys().masterKeyFile()).contains(repo.resolve("veil-data/dev-master.key"));
        assertThat(c.identity().devProvider()).isTrue();
        assertThat(c.brands()).containsOnlyKeys("acme");
        assertThat(c.brand("acme").policy()).isEqualTo(repo.resolve("examples/policies/acme.yaml")).isRegularFile();
        assertThat(c.routing().brand("acme")).isNotNull();
    }

    @Test
    void reportsEveryProblemAtOnceWithPlaceKeyPathAndSuggestion() {
        ConfigException e = problems("""
                sever:
                  port: 80
                server:
                  public: { host: 127.0.0.1, port: 70000 }
                  workers: many
                limits:
                  maxBodyBytes: 1MB
                identity: dev
                brands:
                  acme:
                    policy: nowhere.yaml
                    webhookSecrets: []
                    crm: { replyUrl: "http://crm.example/replies", secret: "whsec_c2hvcnQ=" }
                    routing: { mode: pull }
                """);
        assertThat(e.problems()).extracting(VeilConfigLoaderTest::brief).containsExactly(
                "1:1 sever: unknown key 'sever' (expected one of: dev, server, limits, data, keys, identity, admin, outbox, routing, brands, console, stores) => server",
                "4:36 server.public.port: 70000 (expected: a whole number from 0 to 65535)",
                "5:12 server.workers: expected: a whole number from 0 to 1024, found a string",
                "7:17 limits.maxBodyBytes: '1MB' (expected: a size in bytes such as 65536, 16KiB or 1MiB)",
                "8:11 identity: the dev identity provider needs dev: true (expected: issuer, audience and jwksUrl or keys)",
                "11:13 brands.acme.policy: no such file: " + dir.resolve("nowhere.yaml") + " (expected: a readable file; relative paths start at " + dir + ")",
                "12:21 brands.acme.webhookSecrets: empty list (expected: at least one secret)",
                "13:22 brands.acme.crm.replyUrl: plain http to another machine (expected: https; http only to 127.0.0.1 or localhost, or with dev: true)",
                "13:60 brands.acme.crm.secret: webhook secret of 5 bytes (expected: whsec_ then the base64 of 24 to 64 random bytes)",
                "14:22 brands.acme.routing.mode: 'pull' (expected one of: claim, push) => push");
        assertThat(e.code()).isEqualTo("config_invalid");
        assertThat(SafeErrors.describe(e).detail()).startsWith("10 problems" + System.lineSeparator() + "veil.yaml:1:1: sever: ");
    }

    @Test
    void theTransportIsAutoUnlessOneOfItsThreeValuesIsGiven() {
        assertThat(load(minimal(ACME_SECRET), Map.of()).server().transport()).isEqualTo(NettyTransport.Choice.AUTO);
        assertThat(load("server: { transport: epoll }\n" + minimal(ACME_SECRET), Map.of()).server().transport()).isEqualTo(NettyTransport.Choice.EPOLL);
        ConfigException e = problems("server: { transport: kqueue }\n" + minimal(ACME_SECRET));
        assertThat(e.problems()).extracting(VeilConfigLoaderTest::brief).containsExactly(
                "1:22 server.transport: 'kqueue' (expected one of: auto, nio, epoll)");
    }

    @Test
    void anUnsetVariableIsAnErrorNamingItNeverAnEmptyString() {
        ConfigException e = problems(minimal("${ACME_WEBHOOK_SECRET}"), Map.of());
        assertThat(e.problems()).extracting(VeilConfigLoaderTest::brief).containsExactly(
                "9:9 brands.acme.webhookSecrets[0]: environment variable ACME_WEBHOOK_SECRET is not set (expected: set it, or write $${ for a literal ${)");
    }

    @Test
    void variablesAreSubstitutedAndDollarDollarBraceEscapes() {
        Map<String, String> env = new HashMap<>(Map.of("SECRET", ACME_SECRET, "PORT", "9090", "SCOPE", "admin"));
        VeilConfig c = load("""
                server:
                  public:
                    port: ${PORT}
                admin: { adminScope: "veil:${SCOPE}:$${literal}" }
                """ + minimal("${SECRET}"), env);
        assertThat(c.server().publicListener().port()).isEqualTo(9090);
        assertThat(c.admin().adminScope()).contains("veil:admin:${literal}");
        assertThat(c.brand("acme").webhookSecrets()).extracting(SharedSecret::reveal).containsExactly(ACME_SECRET);
    }

    @Test
    void secretsAreNeverQuotedInProblems() {
        String almost = "whsec_" + "bm90*YmFzZTY0!"; // not base64 after the prefix
        ConfigException e = problems(minimal(almost) + "admin: { tokenSha256: the-token-itself }\n", Map.of());
        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).doesNotContain("bm90*YmFzZTY0!", "the-token-itself")
                .contains("brands.acme.webhookSecrets[0]: webhook secret is not base64")
                .contains("admin.tokenSha256: not a SHA-256");
        assertThat(SharedSecret.standardWebhooks(ACME_SECRET).toString()).doesNotContain(ACME_SECRET.substring(6));
    }

    @Test
    void duplicateKeysAreRefused() {
        ConfigException e = problems(minimal(ACME_SECRET) + "data: a\ndata: b\n", Map.of());
        assertThat(e.problems()).extracting(VeilConfigLoaderTest::brief)
                .containsExactly("12:1 data: duplicate key 'data' (first at line 11; expected: each key once)");
    }

    @Test
    void sizesAndDurationsAcceptTheirShortForms() {
        VeilConfig c = load("limits: { maxBodyBytes: 2MiB, maxHeaderBytes: 8KiB, maxStringLength: 4096, requestTimeout: 500ms, idleTimeout: 2m }\n"
                + minimal(ACME_SECRET), Map.of());
        assertThat(c.limits()).isEqualTo(new LimitsConfig(2L << 20, 8 << 10, 64, 4096, Duration.ofMillis(500), Duration.ofMinutes(2)));
        assertThat(problems("limits: { requestTimeout: 2h }\n" + minimal(ACME_SECRET), Map.of()).problems())
                .extracting(Problem::message).containsExactly("7200s (expected: at most 1h)");
    }

    @Test
    void tlsFilesResolveAgainstTheConfigDirectoryAndMustExist() throws Exception {
        Files.createDirectories(dir.resolve("certs"));
        Files.writeString(dir.resolve("certs/server.pem"), "-----BEGIN CERTIFICATE-----\n");
        Files.writeString(dir.resolve("certs/server-key.pem"), "-----BEGIN PRIVATE KEY-----\n");
        VeilConfig c = load("server: { public: { tls: { cert: certs/server.pem, key: certs/server-key.pem } } }\n"
                + minimal(ACME_SECRET), Map.of());
        assertThat(c.server().publicListener().tls()).contains(new TlsConfig(dir.resolve("certs/server.pem"),
                dir.resolve("certs/server-key.pem"), Optional.empty(), TlsConfig.ClientAuth.NONE));

        ConfigException e = problems("server: { public: { tls: { cert: certs/server.pem, key: certs/server-key.pem, clientAuth: require } } }\n"
                + minimal(ACME_SECRET), Map.of());
        assertThat(e.problems()).extracting(Problem::keyPath).containsExactly("server.public.tls.clientAuth");
    }

    @Test
    void withoutDevModeAnIdentityProviderIsRequired() {
        String noIdentity = minimal(ACME_SECRET).replaceAll("(?s)identity:.*?\n(?=brands)", "");
        assertThat(problems(noIdentity, Map.of()).problems()).extracting(Problem::keyPath).containsExactly("identity");
        assertThat(load("dev: true\n" + noIdentity, Map.of()).identity().devProvider()).isTrue();
    }

    @Test
    void recordsCheckThemselvesWhenBuiltInCode() {
        assertThatThrownBy(() -> ListenerConfig.of("127.0.0.1", 70_000, 1)).hasMessage("port: 70000 (expected: 0 to 65535)");
        assertThatThrownBy(() -> SharedSecret.standardWebhooks("whsec_" + ACME_SECRET)).isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> new AdminConfig(Optional.of("abc"), Optional.empty())).hasMessageContaining("64 lower-case hex digits");
        assertThatThrownBy(() -> new IdentityConfig(false, "i", "a", Optional.empty(), Duration.ofMinutes(1), List.of()))
                .hasMessageContaining("jwksUrl and/or keys");
    }

    // ---- helpers ------------------------------------------------------------------------

    /** A valid configuration whose one brand uses {@code secret}; its policy is the example's. */
    @Test
    void storesPostgresTakesTheUrlAndThePasswordFromTheEnvironment() {
        VeilConfig c = load(minimal(OTHER_SECRET) + """
                stores:
                  kind: postgres
                  url: jdbc:postgresql://db.internal:5432/veil
                  user: veil
                  password: ${VEIL_DB_PASSWORD}
                  pool: 12
                  node: node-7
                """, Map.of("VEIL_DB_PASSWORD", "s3cret-db-pass"));
        assertThat(c.stores().clustered()).isTrue();
        assertThat(c.stores().node()).isEqualTo("node-7");
        var pg = c.stores().postgres().orElseThrow();
        assertThat(pg.url()).isEqualTo("jdbc:postgresql://db.internal:5432/veil");
        assertThat(pg.password()).hasValue("s3cret-db-pass");
        assertThat(pg.poolSize()).isEqualTo(12);
        assertThat(pg.migrateOnStart()).isTrue();
        assertThat(pg.toString()).doesNotContain("s3cret");
        assertThat(load(minimal(OTHER_SECRET), Map.of()).stores()).isEqualTo(dev.veil.gateway.config.StoresConfig.DEFAULTS);
    }

    @Test
    void storesProblemsNameTheKeyNeverTheValue() {
        ConfigException e = problems(minimal(OTHER_SECRET) + """
                stores:
                  kind: postgres
                  url: mysql://db.internal/veil?password=hunter2
                """);
        assertThat(e.problems()).extracting(VeilConfigLoaderTest::brief).singleElement().asString()
                .contains("stores").contains("url").doesNotContain("hunter2");
        ConfigException missing = problems(minimal(OTHER_SECRET) + "stores: { kind: postgres }\n");
        assertThat(missing.problems()).extracting(VeilConfigLoaderTest::brief).singleElement().asString().contains("url");
        ConfigException embedded = problems(minimal(OTHER_SECRET) + "stores: { kind: embedded, url: jdbc:postgresql://x/y }\n");
        assertThat(embedded.problems()).extracting(VeilConfigLoaderTest::brief).singleElement().asString().contains("only with kind: postgres");
    }

    /** A brand section that loads with {@link #exampleEnv()}, to follow a fragment of {@code server:} or {@code limits:}. */
    static String brandSection() {
        return minimal("${ACME_WEBHOOK_SECRET}");
    }

    private static String minimal(String secret) {
        Path policy = Path.of("..", "examples", "policies", "acme.yaml").toAbsolutePath().normalize();
        return """
                identity:
                  issuer: https://id.example/
                  audience: veil
                  jwksUrl: https://id.example/jwks.json
                brands:
                  acme:
                    policy: %s
                    webhookSecrets:
                      - %s
                    crm: { replyUrl: "https://crm.example/replies", secret: "%s" }
                """.formatted(policy, secret, OTHER_SECRET);
    }

    private VeilConfig load(String yaml, Map<String, String> env) {
        return VeilConfigLoader.of(env).parse("veil.yaml", yaml, dir);
    }

    private ConfigException problems(String yaml) {
        return problems(yaml, Map.of());
    }

    private ConfigException problems(String yaml, Map<String, String> env) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(yaml, env));
        assertThat(e).as("should be rejected:%n%s", yaml).isNotNull();
        return e;
    }

    private static String brief(Problem p) {
        return p.line() + ":" + p.column() + " " + p.keyPath() + ": " + p.message() + (p.suggestion() == null ? "" : " => " + p.suggestion());
    }
}
