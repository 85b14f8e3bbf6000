package dev.veil.gateway.config;

import dev.veil.gateway.auth.AuthException;
import dev.veil.gateway.auth.Ed25519Key;
import dev.veil.gateway.auth.SharedSecret;
import static java.util.Objects.requireNonNull;

import dev.veil.gateway.http.NettyTransport;
import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.config.RoutingConfigLoader;
import dev.veil.gateway.routing.config.RoutingSettings;
import dev.veil.policy.yaml.Mark;
import dev.veil.policy.yaml.NodeReader;
import dev.veil.policy.yaml.Problem;
import dev.veil.policy.yaml.Problems;
import dev.veil.policy.yaml.YamlNode;
import dev.veil.policy.yaml.YamlNode.Entry;
import dev.veil.policy.yaml.YamlNode.ListNode;
import dev.veil.policy.yaml.YamlNode.MapNode;
import dev.veil.policy.yaml.YamlNode.Scalar;
import dev.veil.policy.yaml.YamlText;
import dev.veil.policy.yaml.YamlTreeReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@code veil.yaml} into a {@link VeilConfig}: {@code ${ENV}} substitution first, then every
 * section checked, and every problem reported at once in a {@link ConfigException} with file,
 * line, column, key path, what was expected and a suggestion for typos. Relative paths resolve
 * against the directory of the file. Immutable and thread-safe.
 */
public final class VeilConfigLoader {

    /** Largest {@code veil.yaml} accepted. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private static final List<String> TOP_KEYS =
            List.of("dev", "server", "limits", "data", "keys", "identity", "admin", "outbox", "routing", "brands", "console", "stores");
    private static final List<String> SERVER_KEYS = List.of("public", "admin", "workers", "queue", "transport");
    private static final List<String> LISTENER_KEYS = List.of("host", "port", "maxConnections", "tls");
    private static final List<String> TLS_KEYS = List.of("cert", "key", "clientCa", "clientAuth");
    private static final List<String> LIMIT_KEYS =
            List.of("maxBodyBytes", "maxHeaderBytes", "maxJsonDepth", "maxStringLength", "requestTimeout", "idleTimeout");
    private static final List<String> KEYS_KEYS = List.of("provider", "keyring", "masterKeyFile", "tokenStore", "vault");
    private static final List<String> IDENTITY_KEYS = List.of("issuer", "audience", "jwksUrl", "jwksCacheTtl", "keys");
    private static final List<String> ADMIN_KEYS = List.of("tokenSha256", "adminScope");
    private static final List<String> CONSOLE_KEYS = List.of("enabled", "oidc");
    private static final List<String> OIDC_KEYS = List.of("clientId", "authorizationUrl", "tokenUrl", "scope");
    private static final List<String> OUTBOX_KEYS = List.of("maxAttempts", "initialBackoff", "maxBackoff");
    private static final List<String> STORES_KEYS = List.of("kind", "url", "user", "password", "pool", "schema", "migrate", "node");
    private static final List<String> BRAND_KEYS = List.of("policy", "webhookSecrets", "crm", "routing", "proxy");
    private static final List<String> PROXY_KEYS = List.of("name", "methods", "upstream", "view", "maxResponseBytes", "timeout", "stream");
    private static final List<String> CRM_KEYS = List.of("kind", "replyUrl", "secret", "signingKey", "ticketId", "comments", "intake", "api",
            "reply");
    private static final List<String> INTAKE_KEYS = List.of("scheme", "secrets", "publicKeys", "tokens", "tokenHeader", "clientSubject",
            "signatureHeader", "organizationId");
    private static final List<String> API_KEYS = List.of("baseUrl", "user", "token", "auth", "tokenUrl", "clientId", "clientSecret",
            "username", "privateKey", "apiVersion", "timeout");
    private static final List<String> REPLY_KEYS = List.of("as", "published", "authorId", "fromAddress");
    private static final java.util.regex.Pattern HEADER_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final java.util.regex.Pattern SF_ORG_ID = java.util.regex.Pattern.compile("00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");
    private static final java.util.regex.Pattern API_VERSION = java.util.regex.Pattern.compile("v[0-9]{2}\\.[0-9]");
    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    private final Map<String, String> env;

    private VeilConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** A loader that substitutes {@code ${NAME}} from {@code env} ({@code System.getenv()} in production). */
    public static VeilConfigLoader of(Map<String, String> env) {
        return new VeilConfigLoader(requireNonNull(env, "env"));
    }

    /** Reads and checks {@code file}; problems name the file as given. */
    public VeilConfig load(Path file) {
        requireNonNull(file, "file");
        Problems problems = new Problems(file.toString());
        String text = YamlText.read(file, MAX_FILE_BYTES, problems);
        problems.throwIfAny(ConfigException::new);
        Path dir = file.toAbsolutePath().normalize().getParent();
        return parse(file.toString(), text, dir);
    }

    /** Reads and checks {@code text}; {@code fileName} names it in problems, relative paths resolve against {@code baseDir}. */
    public VeilConfig parse(String fileName, String text, Path baseDir) {
        requireNonNull(fileName, "fileName");
        requireNonNull(text, "text");
        requireNonNull(baseDir, "baseDir");
        Problems problems = new Problems(fileName);
        if (text.length() > MAX_FILE_BYTES) {
            problems.add(Mark.START, "", "configuration is " + text.length() + " characters (expected: at most " + MAX_FILE_BYTES + ")");
            problems.throwIfAny(ConfigException::new);
        }
        YamlNode root = YamlTreeReader.of("configuration").read(text, problems);
        if (root == null) {
            if (problems.isEmpty()) {
                problems.add(Mark.START, "", "empty configuration (expected: a map with at least brands and identity)");
            }
            throw new ConfigException(problems.sorted());
        }
        Problems unsubstituted = new Problems(fileName);
        root = new EnvSubstitution(env, NodeReader.of(unsubstituted)).apply(root, "");
        Problems checks = new Problems(fileName);
        VeilConfig config = new Reading(NodeReader.of(checks), baseDir.toAbsolutePath().normalize(), fileName).config(root);
        // a value whose variable is missing is reported once, for the variable, not again for its shape
        Set<String> missing = new HashSet<>();
        for (Problem problem : unsubstituted.sorted()) {
            problems.add(problem);
            missing.add(problem.line() + ":" + problem.column() + ":" + problem.keyPath());
        }
        for (Problem problem : checks.sorted()) {
            if (!missing.contains(problem.line() + ":" + problem.column() + ":" + problem.keyPath())) {
                problems.add(problem);
            }
        }
        problems.throwIfAny(ConfigException::new);
        return config;
    }

    /** One reading of one file. */
    private static final class Reading {

        private final NodeReader in;
        private final Path base;
        private final String source;

        Reading(NodeReader in, Path base, String source) {
            this.in = in;
            this.base = base;
            this.source = source;
        }

        VeilConfig config(YamlNode root) {
            MapNode map = in.map(root, "");
            if (map == null) {
                return null;
            }
            in.checkKeys(map, "", TOP_KEYS);
            boolean dev = map.get("dev") != null && Boolean.TRUE.equals(in.bool(map.get("dev"), "dev"));
            ServerConfig server = server(map.get("server"));
            LimitsConfig limits = limits(map.get("limits"));
            Path data = map.get("data") == null ? base.resolve("veil-data") : path(map.get("data"), "data", false);
            KeysConfig keys = keys(map.get("keys"), data == null ? base.resolve("veil-data") : data, dev);
            IdentityConfig identity = identity(map, dev);
            AdminConfig admin = admin(map.get("admin"), dev);
            OutboxConfig outbox = outbox(map.get("outbox"));
            RoutingConfig routing = RoutingConfigLoader.readGlobal(map.get("routing"), in);
            Map<String, BrandConfig> brands = brands(map, dev);
            ConsoleConfig console = console(map.get("console"), dev);
            StoresConfig stores = stores(map.get("stores"));
            if (!in.problems().isEmpty()) {
                return null;
            }
            Map<String, RoutingSettings> routingBrands = new LinkedHashMap<>();
            brands.forEach((id, brand) -> routingBrands.put(id, brand.routing()));
            try {
                return new VeilConfig(dev, server, limits, data, keys, identity, admin, outbox, routing.withBrands(routingBrands), brands, source,
                        console, stores);
            } catch (IllegalArgumentException e) {
                in.problem(map.mark(), "", e.getMessage());
                return null;
            }
        }

        // ---- server and limits --------------------------------------------------------------

        private ServerConfig server(YamlNode node) {
            MapNode map = node == null ? null : in.map(node, "server");
            ListenerConfig publicListener = ListenerConfig.of("127.0.0.1", 8080, 1024);
            ListenerConfig admin = ListenerConfig.of("127.0.0.1", 8081, 64);
            if (map == null) {
                return new ServerConfig(publicListener, admin, 0, 256);
            }
            in.checkKeys(map, "server", SERVER_KEYS);
            publicListener = listener(map.get("public"), "server.public", publicListener);
            admin = listener(map.get("admin"), "server.admin", admin);
            int workers = intOr(map, "server", "workers", 0, 0, 1024);
            int queue = intOr(map, "server", "queue", 256, 1, 1_000_000);
            String transport = map.get("transport") == null ? NettyTransport.Choice.AUTO.yamlName()
                    : in.oneOf(map.get("transport"), "server.transport", NettyTransport.Choice.yamlNames());
            return publicListener == null || admin == null || transport == null ? null
                    : new ServerConfig(publicListener, admin, workers, queue, NettyTransport.Choice.of(transport));
        }

        private ListenerConfig listener(YamlNode node, String path, ListenerConfig fallback) {
            MapNode map = node == null ? null : in.map(node, path);
            if (map == null) {
                return fallback;
            }
            in.checkKeys(map, path, LISTENER_KEYS);
            String host = map.get("host") == null ? fallback.host() : in.text(map.get("host"), path + ".host");
            int port = intOr(map, path, "port", fallback.port(), 0, 65_535);
            int maxConnections = intOr(map, path, "maxConnections", fallback.maxConnections(), 1, 1_000_000);
            Optional<TlsConfig> tls = map.get("tls") == null ? Optional.empty() : Optional.ofNullable(tls(map.get("tls"), path + ".tls"));
            return host == null ? null : new ListenerConfig(host, port, maxConnections, tls);
        }

        private TlsConfig tls(YamlNode node, String path) {
            MapNode map = in.map(node, path);
            if (map == null) {
                return null;
            }
            in.checkKeys(map, path, TLS_KEYS);
            YamlNode certNode = in.required(map, "cert", path);
            YamlNode keyNode = in.required(map, "key", path);
            Path cert = certNode == null ? null : path(certNode, path + ".cert", true);
            Path key = keyNode == null ? null : path(keyNode, path + ".key", true);
            Optional<Path> clientCa = map.get("clientCa") == null ? Optional.empty()
                    : Optional.ofNullable(path(map.get("clientCa"), path + ".clientCa", true));
            TlsConfig.ClientAuth clientAuth = map.get("clientCa") == null ? TlsConfig.ClientAuth.NONE : TlsConfig.ClientAuth.REQUIRE;
            if (map.get("clientAuth") != null) {
                String text = in.oneOf(map.get("clientAuth"), path + ".clientAuth", List.of("none", "optional", "require"));
                if (text != null) {
                    clientAuth = TlsConfig.ClientAuth.valueOf(text.toUpperCase(Locale.ROOT));
                    if (clientAuth != TlsConfig.ClientAuth.NONE && map.get("clientCa") == null) {
                        in.problem(map.get("clientAuth").mark(), path + ".clientAuth",
                                "'" + text + "' needs clientCa (expected: clientCa, the PEM file of the CA that client certificates chain to)");
                        return null;
                    }
                }
            }
            return cert == null || key == null ? null : new TlsConfig(cert, key, clientCa, clientAuth);
        }

        private LimitsConfig limits(YamlNode node) {
            LimitsConfig d = LimitsConfig.DEFAULTS;
            MapNode map = node == null ? null : in.map(node, "limits");
            if (map == null) {
                return d;
            }
            in.checkKeys(map, "limits", LIMIT_KEYS);
            long body = sizeOr(map, "limits", "maxBodyBytes", d.maxBodyBytes(), 1, 1L << 30);
            long header = sizeOr(map, "limits", "maxHeaderBytes", d.maxHeaderBytes(), 1 << 10, 1 << 20);
            int depth = intOr(map, "limits", "maxJsonDepth", d.maxJsonDepth(), 1, 1_000);
            long string = sizeOr(map, "limits", "maxStringLength", d.maxStringLength(), 1, 1L << 30);
            Duration request = timeoutOr(map, "limits", "requestTimeout", d.requestTimeout());
            Duration idle = timeoutOr(map, "limits", "idleTimeout", d.idleTimeout());
            return new LimitsConfig(body, (int) header, depth, (int) string, request, idle);
        }

        // ---- keys, identity, admin, outbox --------------------------------------------------

        private KeysConfig keys(YamlNode node, Path data, boolean dev) {
            Optional<Path> devMaster = dev ? Optional.of(data.resolve("dev-master.key")) : Optional.empty();
            KeysConfig d = new KeysConfig(KeysConfig.LOCAL, data.resolve("keyring"), devMaster);
            MapNode map = node == null ? null : in.map(node, "keys");
            if (map == null) {
                return d;
            }
            in.checkKeys(map, "keys", KEYS_KEYS);
            String provider = map.get("provider") == null ? KeysConfig.LOCAL
                    : in.oneOf(map.get("provider"), "keys.provider", KeysConfig.PROVIDERS);
            String tokenStore = map.get("tokenStore") == null ? KeysConfig.TOKENS_EMBEDDED
                    : in.oneOf(map.get("tokenStore"), "keys.tokenStore", KeysConfig.TOKEN_STORES);
            Path keyring = map.get("keyring") == null ? d.keyring() : path(map.get("keyring"), "keys.keyring", false);
            Optional<Path> master = map.get("masterKeyFile") == null ? devMaster
                    : Optional.ofNullable(path(map.get("masterKeyFile"), "keys.masterKeyFile", false));
            if (provider == null || tokenStore == null || keyring == null) {
                return null;
            }
            // HashiCorp Vault (docs/vault.md): keys.vault says where and how; the section is read only when used
            boolean vaultUsed = !provider.equals(KeysConfig.LOCAL) || tokenStore.equals(KeysConfig.VAULT_KV);
            Optional<dev.veil.tokenizer.vault.hashicorp.VaultSettings> vault = Optional.empty();
            if (vaultUsed) {
                YamlNode vaultNode = in.required(map, "vault", "keys");
                vault = vaultNode == null ? Optional.empty() : Optional.ofNullable(new VaultSection(in, base).read(vaultNode, dev));
                if (vault.isEmpty()) {
                    return null;
                }
            } else if (map.get("vault") != null) {
                in.problem(map.get("vault").mark(), "keys.vault", "set but unused (expected: provider vault-transit or vault-kv,"
                        + " or tokenStore vault-kv)");
                return null;
            }
            return new KeysConfig(provider, keyring, master, tokenStore, vault);
        }

        private IdentityConfig identity(MapNode top, boolean dev) {
            YamlNode node = top.get("identity");
            if (node == null) {
                if (dev) {
                    return IdentityConfig.dev();
                }
                in.problem(top.mark(), "identity", "missing required key 'identity' (expected: issuer, audience and jwksUrl or keys;"
                        + " 'dev' only with dev: true)");
                return null;
            }
            if (node instanceof Scalar s && s.kind() == Scalar.Kind.STRING) {
                if (!s.text().equals("dev")) {
                    in.problem(node.mark(), "identity", "'" + s.text() + "' (expected: a map with issuer, audience and jwksUrl or keys, or dev)");
                    return null;
                }
                if (!dev) {
                    in.problem(node.mark(), "identity", "the dev identity provider needs dev: true (expected: issuer, audience and jwksUrl or keys)");
                    return null;
                }
                return IdentityConfig.dev();
            }
            MapNode map = in.map(node, "identity");
            if (map == null) {
                return null;
            }
            in.checkKeys(map, "identity", IDENTITY_KEYS);
            YamlNode issuerNode = in.required(map, "issuer", "identity");
            YamlNode audienceNode = in.required(map, "audience", "identity");
            String issuer = issuerNode == null ? null : in.text(issuerNode, "identity.issuer");
            String audience = audienceNode == null ? null : in.text(audienceNode, "identity.audience");
            Optional<URI> jwks = map.get("jwksUrl") == null ? Optional.empty() : Optional.ofNullable(url(map.get("jwksUrl"), "identity.jwksUrl", dev));
            Duration ttl = map.get("jwksCacheTtl") == null ? IdentityConfig.DEFAULT_JWKS_CACHE_TTL
                    : in.positiveDuration(map.get("jwksCacheTtl"), "identity.jwksCacheTtl");
            List<Path> keys = new ArrayList<>();
            if (map.get("keys") != null) {
                ListNode list = in.list(map.get("keys"), "identity.keys");
                for (int i = 0; list != null && i < list.items().size(); i++) {
                    Path key = path(list.items().get(i), NodeReader.index("identity.keys", i), true);
                    if (key != null) {
                        keys.add(key);
                    }
                }
            }
            if (map.get("jwksUrl") == null && map.get("keys") == null) {
                in.problem(map.mark(), "identity", "no keys to verify tokens with (expected: jwksUrl and/or keys)");
                return null;
            }
            if (issuer == null || audience == null || ttl == null) {
                return null;
            }
            return new IdentityConfig(false, issuer, audience, jwks, ttl, keys);
        }

        private ConsoleConfig console(YamlNode node, boolean dev) {
            if (node == null) {
                return ConsoleConfig.DEFAULTS;
            }
            MapNode map = in.map(node, "console");
            if (map == null) {
                return null;
            }
            in.checkKeys(map, "console", CONSOLE_KEYS);
            boolean enabled = map.get("enabled") == null || Boolean.TRUE.equals(in.bool(map.get("enabled"), "console.enabled"));
            if (map.get("oidc") == null) {
                return new ConsoleConfig(enabled, Optional.empty());
            }
            MapNode oidc = in.map(map.get("oidc"), "console.oidc");
            if (oidc == null) {
                return null;
            }
            in.checkKeys(oidc, "console.oidc", OIDC_KEYS);
            YamlNode idNode = in.required(oidc, "clientId", "console.oidc");
            YamlNode authNode = in.required(oidc, "authorizationUrl", "console.oidc");
            YamlNode tokenNode = in.required(oidc, "tokenUrl", "console.oidc");
            String clientId = idNode == null ? null : in.text(idNode, "console.oidc.clientId");
            URI authorization = authNode == null ? null : url(authNode, "console.oidc.authorizationUrl", dev);
            URI token = tokenNode == null ? null : url(tokenNode, "console.oidc.tokenUrl", dev);
            String scope = oidc.get("scope") == null ? "openid" : in.text(oidc.get("scope"), "console.oidc.scope");
            if (clientId == null || authorization == null || token == null || scope == null) {
                return null;
            }
            return new ConsoleConfig(enabled, Optional.of(new ConsoleConfig.Oidc(clientId, authorization, token, scope)));
        }

        private AdminConfig admin(YamlNode node, boolean dev) {
            if (node == null) {
                return dev ? new AdminConfig(Optional.empty(), Optional.of(VeilConfig.DEV_ADMIN_SCOPE)) : AdminConfig.NONE;
            }
            MapNode map = in.map(node, "admin");
            if (map == null) {
                return null;
            }
            in.checkKeys(map, "admin", ADMIN_KEYS);
            Optional<String> hash = Optional.empty();
            YamlNode hashNode = map.get("tokenSha256");
            if (hashNode != null) {
                String text = in.string(hashNode, "admin.tokenSha256");
                if (text != null && !text.matches("[0-9a-f]{64}")) {
                    // never quote it: a token pasted here by mistake is a secret
                    in.problem(hashNode.mark(), "admin.tokenSha256", "not a SHA-256 (expected: 64 lower-case hex digits, the hash of the token,"
                            + " not the token itself)");
                    text = null;
                }
                hash = Optional.ofNullable(text);
            }
            Optional<String> scope = map.get("adminScope") == null ? Optional.empty()
                    : Optional.ofNullable(in.text(map.get("adminScope"), "admin.adminScope"));
            return new AdminConfig(hash, scope);
        }

        private OutboxConfig outbox(YamlNode node) {
            OutboxConfig d = OutboxConfig.DEFAULTS;
            MapNode map = node == null ? null : in.map(node, "outbox");
            if (map == null) {
                return d;
            }
            in.checkKeys(map, "outbox", OUTBOX_KEYS);
            int attempts = intOr(map, "outbox", "maxAttempts", d.maxAttempts(), 1, 100);
            Duration initial = timeoutOr(map, "outbox", "initialBackoff", d.initialBackoff());
            Duration max = map.get("maxBackoff") == null ? d.maxBackoff() : in.positiveDuration(map.get("maxBackoff"), "outbox.maxBackoff");
            if (max == null) {
                return d;
            }
            if (max.compareTo(initial) < 0) {
                YamlNode at = map.get("maxBackoff") != null ? map.get("maxBackoff") : map.get("initialBackoff");
                in.problem(at.mark(), "outbox.maxBackoff", "shorter than initialBackoff (expected: maxBackoff >= initialBackoff)");
                return d;
            }
            return new OutboxConfig(attempts, initial, max);
        }

        private StoresConfig stores(YamlNode node) {
            MapNode map = node == null ? null : in.map(node, "stores");
            if (map == null) {
                return StoresConfig.DEFAULTS;
            }
            in.checkKeys(map, "stores", STORES_KEYS);
            String kind = map.get("kind") == null ? StoresConfig.EMBEDDED : in.text(map.get("kind"), "stores.kind");
            String nodeName = map.get("node") == null ? StoresConfig.DEFAULTS.node() : in.text(map.get("node"), "stores.node");
            if (kind == null || nodeName == null) {
                return StoresConfig.DEFAULTS;
            }
            if (!kind.equals(StoresConfig.POSTGRES)) {
                if (!kind.equals(StoresConfig.EMBEDDED)) {
                    in.problem(map.get("kind").mark(), "stores.kind", "unknown store kind (expected: embedded or postgres)");
                }
                for (String k : List.of("url", "user", "password", "pool", "schema", "migrate")) {
                    if (map.get(k) != null) {
                        in.problem(map.get(k).mark(), "stores." + k, "only with kind: postgres");
                    }
                }
                return StoresConfig.DEFAULTS;
            }
            YamlNode urlNode = in.required(map, "url", "stores");
            String url = urlNode == null ? null : in.text(urlNode, "stores.url");
            String user = map.get("user") == null ? null : in.text(map.get("user"), "stores.user");
            String password = map.get("password") == null ? null : in.text(map.get("password"), "stores.password");
            int pool = intOr(map, "stores", "pool", dev.veil.gateway.store.pg.PgConfig.DEFAULT_POOL_SIZE, 2, 200);
            String schema = map.get("schema") == null ? dev.veil.gateway.store.pg.PgConfig.DEFAULT_SCHEMA : in.text(map.get("schema"), "stores.schema");
            boolean migrate = map.get("migrate") == null || Boolean.TRUE.equals(in.bool(map.get("migrate"), "stores.migrate"));
            if (url == null || schema == null) {
                return StoresConfig.DEFAULTS;
            }
            if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
                url = "jdbc:postgresql:" + url.substring(url.indexOf("//"));
            }
            try {
                return StoresConfig.postgres(new dev.veil.gateway.store.pg.PgConfig(url, Optional.ofNullable(user), Optional.ofNullable(password),
                        pool, schema, Duration.ofSeconds(5), migrate), nodeName);
            } catch (IllegalArgumentException e) {
                // the messages name the field and what was expected, never the URL or password
                in.problem(map.mark(), "stores", e.getMessage());
                return StoresConfig.DEFAULTS;
            }
        }

        // ---- brands -------------------------------------------------------------------------

        private Map<String, BrandConfig> brands(MapNode top, boolean dev) {
            Map<String, BrandConfig> brands = new LinkedHashMap<>();
            YamlNode node = in.required(top, "brands", "");
            MapNode map = node == null ? null : in.map(node, "brands");
            if (map == null) {
                return brands;
            }
            if (map.entries().isEmpty()) {
                in.problem(map.mark(), "brands", "no brands (expected: at least one)");
            }
            for (Entry e : map.entries()) {
                String path = "brands." + e.key();
                if (!RoutingConfigLoader.checkBrandId(e.key(), e.keyMark(), path, in)) {
                    continue;
                }
                BrandConfig brand = brand(e.key(), e.value(), path, dev);
                if (brand != null) {
                    brands.put(e.key(), brand);
                }
            }
            return brands;
        }

        private BrandConfig brand(String id, YamlNode node, String path, boolean dev) {
            MapNode map = in.map(node, path);
            if (map == null) {
                return null;
            }
            in.checkKeys(map, path, BRAND_KEYS);
            YamlNode policyNode = in.required(map, "policy", path);
            Path policy = policyNode == null ? null : path(policyNode, path + ".policy", true);
            List<SharedSecret> secrets = new ArrayList<>();
            YamlNode secretsNode = in.required(map, "webhookSecrets", path);
            ListNode list = secretsNode == null ? null : in.list(secretsNode, path + ".webhookSecrets");
            if (list != null && list.items().isEmpty()) {
                in.problem(list.mark(), path + ".webhookSecrets", "empty list (expected: at least one secret)");
            }
            for (int i = 0; list != null && i < list.items().size(); i++) {
                SharedSecret secret = secret(list.items().get(i), NodeReader.index(path + ".webhookSecrets", i));
                if (secret != null) {
                    secrets.add(secret);
                }
            }
            YamlNode crmNode = in.required(map, "crm", path);
            CrmConfig crm = crmNode == null ? null : crm(crmNode, path + ".crm", dev);
            RoutingSettings routing = RoutingConfigLoader.readBrand(map.get("routing"), path + ".routing", in);
            List<ProxyRouteConfig> proxy = proxy(map.get("proxy"), path + ".proxy", crm);
            if (policy == null || secrets.isEmpty() || crm == null || proxy == null) {
                return null;
            }
            return new BrandConfig(id, policy, secrets, crm, routing, proxy);
        }

        private List<ProxyRouteConfig> proxy(YamlNode node, String path, CrmConfig crm) {
            if (node == null) {
                return List.of();
            }
            ListNode list = in.list(node, path);
            if (list == null) {
                return null;
            }
            if (crm != null && crm.api().isEmpty() && !list.items().isEmpty()) {
                in.problem(list.mark(), path, "routes without crm.api (expected: crm.api, whose baseUrl and credentials the routes use)");
                return null;
            }
            List<ProxyRouteConfig> out = new ArrayList<>();
            java.util.Set<String> names = new java.util.HashSet<>();
            boolean ok = true;
            for (int i = 0; i < list.items().size(); i++) {
                String at = NodeReader.index(path, i);
                MapNode map = in.map(list.items().get(i), at);
                if (map == null) {
                    ok = false;
                    continue;
                }
                in.checkKeys(map, at, PROXY_KEYS);
                YamlNode nameNode = in.required(map, "name", at);
                YamlNode upstreamNode = in.required(map, "upstream", at);
                String name = nameNode == null ? null : in.text(nameNode, at + ".name");
                String upstream = upstreamNode == null ? null : in.text(upstreamNode, at + ".upstream");
                java.util.Set<String> methods = new java.util.TreeSet<>();
                if (map.get("methods") == null) {
                    methods.add("GET");
                } else {
                    ListNode m = in.list(map.get("methods"), at + ".methods");
                    for (int j = 0; m != null && j < m.items().size(); j++) {
                        String method = in.oneOf(m.items().get(j), NodeReader.index(at + ".methods", j),
                                new java.util.TreeSet<>(ProxyRouteConfig.METHODS).stream().toList());
                        if (method == null) {
                            ok = false;
                        } else {
                            methods.add(method);
                        }
                    }
                }
                Optional<String> view = optionalText(map, "view", at);
                long max = sizeOr(map, at, "maxResponseBytes", ProxyRouteConfig.DEFAULT_MAX_RESPONSE_BYTES, 1, 64L << 20);
                Duration timeout = timeoutOr(map, at, "timeout", ProxyRouteConfig.DEFAULT_TIMEOUT);
                boolean stream = map.get("stream") != null && Boolean.TRUE.equals(in.bool(map.get("stream"), at + ".stream"));
                if (name == null || upstream == null) {
                    ok = false;
                    continue;
                }
                if (!names.add(name)) {
                    in.problem(nameNode.mark(), at + ".name", "a second route of this name (expected: each name once)");
                    ok = false;
                    continue;
                }
                try {
                    out.add(new ProxyRouteConfig(name, methods, upstream, view, max, timeout, stream));
                } catch (IllegalArgumentException e) {
                    in.problem(map.mark(), at, e.getMessage());
                    ok = false;
                }
            }
            return ok ? out : null;
        }

        private CrmConfig crm(YamlNode node, String path, boolean dev) {
            MapNode map = in.map(node, path);
            if (map == null) {
                return null;
            }
            in.checkKeys(map, path, CRM_KEYS);
            CrmKind kind = CrmKind.WEBHOOK;
            if (map.get("kind") != null) {
                String name = in.oneOf(map.get("kind"), path + ".kind", java.util.Arrays.stream(CrmKind.values()).map(CrmKind::yamlName).toList());
                if (name == null) {
                    return null;
                }
                kind = CrmKind.byName(name);
            }
            boolean webhook = kind == CrmKind.WEBHOOK;
            YamlNode urlNode = webhook ? in.required(map, "replyUrl", path) : map.get("replyUrl");
            YamlNode secretNode = webhook ? in.required(map, "secret", path) : map.get("secret");
            URI url = urlNode == null ? null : url(urlNode, path + ".replyUrl", dev);
            SharedSecret secret = secretNode == null ? null : secret(secretNode, path + ".secret");
            Optional<Ed25519Key> signingKey = Optional.empty();
            if (map.get("signingKey") != null) {
                Ed25519Key key = ed25519(map.get("signingKey"), path + ".signingKey");
                if (key == null) {
                    return null;
                }
                if (!key.canSign()) {
                    in.problem(map.get("signingKey").mark(), path + ".signingKey", "a public key (expected: the private key, "
                            + Ed25519Key.PRIVATE_PREFIX + "...; give receivers the " + Ed25519Key.PUBLIC_PREFIX + "... half)");
                    return null;
                }
                signingKey = Optional.of(key);
            }
            String ticketId = pointer(map.get("ticketId"), path + ".ticketId", CrmConfig.defaultTicketId(kind));
            String comments = pointer(map.get("comments"), path + ".comments", CrmConfig.defaultComments(kind));
            CrmIntakeConfig intake = intake(map.get("intake"), path + ".intake", kind, map.mark());
            Optional<CrmApiConfig> api = Optional.empty();
            if (map.get("api") != null) {
                CrmApiConfig read = api(map.get("api"), path + ".api", kind, dev);
                if (read == null) {
                    return null;
                }
                api = Optional.of(read);
            } else if (!webhook) {
                in.problem(map.mark(), path + ".api", "missing (expected: the " + kind.yamlName() + " API that replies go through)");
                return null;
            }
            CrmReplyConfig reply = reply(map.get("reply"), path + ".reply", kind);
            if ((webhook && (url == null || secret == null)) || ticketId == null || comments == null || intake == null || reply == null) {
                return null;
            }
            return new CrmConfig(url, secret, ticketId, comments, kind, intake, api, reply, signingKey);
        }

        private CrmIntakeConfig intake(YamlNode node, String path, CrmKind kind, Mark crmMark) {
            IntakeScheme scheme = IntakeScheme.defaultFor(kind);
            MapNode map = node == null ? null : in.map(node, path);
            if (node != null && map == null) {
                return null;
            }
            if (map != null) {
                in.checkKeys(map, path, INTAKE_KEYS);
                if (map.get("scheme") != null) {
                    String name = in.oneOf(map.get("scheme"), path + ".scheme",
                            java.util.Arrays.stream(IntakeScheme.values()).map(IntakeScheme::yamlName).toList());
                    if (name == null) {
                        return null;
                    }
                    scheme = IntakeScheme.byName(name);
                }
            }
            List<SharedSecret> secrets = sharedSecrets(map == null ? null : map.get("secrets"), path + ".secrets");
            List<SharedSecret> tokens = sharedSecrets(map == null ? null : map.get("tokens"), path + ".tokens");
            List<Ed25519Key> publicKeys = new ArrayList<>();
            YamlNode keysNode = map == null ? null : map.get("publicKeys");
            ListNode keyList = keysNode == null ? null : in.list(keysNode, path + ".publicKeys");
            for (int i = 0; keyList != null && i < keyList.items().size(); i++) {
                Ed25519Key key = ed25519(keyList.items().get(i), NodeReader.index(path + ".publicKeys", i));
                if (key != null) {
                    publicKeys.add(key);
                }
            }
            Optional<String> tokenHeader = optionalMatching(map, "tokenHeader", path, HEADER_NAME, "a header name such as X-Veil-Token");
            Optional<String> signatureHeader = optionalMatching(map, "signatureHeader", path, HEADER_NAME, "a header name such as Stripe-Signature");
            Optional<String> organizationId = optionalMatching(map, "organizationId", path, SF_ORG_ID,
                    "a Salesforce organization id, 00D followed by 12 or 15 letters and digits");
            Optional<String> clientSubject = Optional.empty();
            if (map != null && map.get("clientSubject") != null) {
                String subject = in.text(map.get("clientSubject"), path + ".clientSubject");
                clientSubject = Optional.ofNullable(subject);
            }
            Mark at = map != null ? map.mark() : crmMark;
            boolean hmac = scheme == IntakeScheme.ZENDESK || scheme == IntakeScheme.HUB_SHA1 || scheme == IntakeScheme.HUB_SHA256
                    || scheme == IntakeScheme.STRIPE;
            if (hmac && secrets.isEmpty()) {
                in.problem(at, path + ".secrets", "missing (expected: the secret the " + scheme.yamlName() + " scheme signs with)");
                return null;
            }
            if (scheme == IntakeScheme.TOKEN && tokens.isEmpty() && clientSubject.isEmpty()) {
                in.problem(at, path + ".tokens", "an unsigned intake needs a shared token or a client certificate subject (expected: tokens,"
                        + " clientSubject, or both)");
                return null;
            }
            if (kind == CrmKind.SALESFORCE && organizationId.isEmpty()) {
                if (map == null || map.get("organizationId") == null) {
                    in.problem(at, path + ".organizationId", "missing (expected: the Salesforce organization id that Outbound Messages carry)");
                }
                return null;
            }
            return new CrmIntakeConfig(scheme, secrets, publicKeys, tokens, tokenHeader, clientSubject, signatureHeader, organizationId);
        }

        private CrmApiConfig api(YamlNode node, String path, CrmKind kind, boolean dev) {
            MapNode map = in.map(node, path);
            if (map == null) {
                return null;
            }
            in.checkKeys(map, path, API_KEYS);
            YamlNode baseNode = in.required(map, "baseUrl", path);
            URI base = baseNode == null ? null : url(baseNode, path + ".baseUrl", dev);
            Optional<String> user = optionalText(map, "user", path);
            Optional<SharedSecret> token = optionalSecret(map, "token", path);
            Optional<String> auth = Optional.empty();
            if (map.get("auth") != null) {
                auth = Optional.ofNullable(in.oneOf(map.get("auth"), path + ".auth", List.of(CrmApiConfig.CLIENT_CREDENTIALS, CrmApiConfig.JWT_BEARER)));
            }
            Optional<URI> tokenUrl = map.get("tokenUrl") == null ? Optional.empty() : Optional.ofNullable(url(map.get("tokenUrl"), path + ".tokenUrl", dev));
            Optional<String> clientId = optionalText(map, "clientId", path);
            Optional<SharedSecret> clientSecret = optionalSecret(map, "clientSecret", path);
            Optional<String> username = optionalText(map, "username", path);
            Optional<Path> privateKey = map.get("privateKey") == null ? Optional.empty()
                    : Optional.ofNullable(path(map.get("privateKey"), path + ".privateKey", true));
            String version = CrmApiConfig.DEFAULT_API_VERSION;
            if (map.get("apiVersion") != null) {
                version = optionalMatching(map, "apiVersion", path, API_VERSION, "a Salesforce API version such as v60.0").orElse(null);
            }
            Duration timeout = timeoutOr(map, path, "timeout", CrmApiConfig.DEFAULT_TIMEOUT);
            boolean ok = base != null && version != null;
            switch (kind) {
                case ZENDESK -> {
                    ok &= need(map, path, user.isPresent(), "user", "the email of the agent replies are written as");
                    ok &= need(map, path, token.isPresent(), "token", "a Zendesk API token");
                }
                case FRESHDESK -> ok &= need(map, path, token.isPresent(), "token", "the Freshdesk API key");
                case SALESFORCE -> {
                    ok &= need(map, path, auth.isPresent(), "auth", CrmApiConfig.CLIENT_CREDENTIALS + " or " + CrmApiConfig.JWT_BEARER);
                    ok &= need(map, path, clientId.isPresent(), "clientId", "the consumer key of the External Client App");
                    if (auth.filter(CrmApiConfig.CLIENT_CREDENTIALS::equals).isPresent()) {
                        ok &= need(map, path, clientSecret.isPresent(), "clientSecret", "the consumer secret");
                    }
                    if (auth.filter(CrmApiConfig.JWT_BEARER::equals).isPresent()) {
                        ok &= need(map, path, username.isPresent(), "username", "the integration user's username");
                        ok &= need(map, path, privateKey.isPresent(), "privateKey", "the PEM file of the certificate's private key");
                    }
                }
                case WEBHOOK -> { }
            }
            if (!ok) {
                return null;
            }
            URI tokenEndpoint = tokenUrl.orElse(base.resolve("/services/oauth2/token"));
            return new CrmApiConfig(base, user, token, auth, kind == CrmKind.SALESFORCE ? Optional.of(tokenEndpoint) : tokenUrl, clientId,
                    clientSecret, username, privateKey, version, timeout);
        }

        private boolean need(MapNode map, String path, boolean present, String key, String expected) {
            if (!present) {
                in.problem(map.mark(), NodeReader.child(path, key), "missing (expected: " + expected + ")");
            }
            return present;
        }

        private CrmReplyConfig reply(YamlNode node, String path, CrmKind kind) {
            CrmReplyConfig d = CrmReplyConfig.defaultFor(kind);
            if (node == null) {
                return d;
            }
            MapNode map = in.map(node, path);
            if (map == null) {
                return null;
            }
            in.checkKeys(map, path, REPLY_KEYS);
            String as = map.get("as") == null ? d.as() : in.oneOf(map.get("as"), path + ".as", CrmReplyConfig.choices(kind));
            boolean published = map.get("published") == null || Boolean.TRUE.equals(in.bool(map.get("published"), path + ".published"));
            Optional<Long> author = map.get("authorId") == null ? Optional.empty()
                    : Optional.ofNullable(in.integer(map.get("authorId"), path + ".authorId", 1L, Long.MAX_VALUE));
            Optional<String> from = optionalText(map, "fromAddress", path);
            return as == null ? null : new CrmReplyConfig(as, published, author, from);
        }

        private List<SharedSecret> sharedSecrets(YamlNode node, String path) {
            List<SharedSecret> out = new ArrayList<>();
            ListNode list = node == null ? null : in.list(node, path);
            for (int i = 0; list != null && i < list.items().size(); i++) {
                YamlNode item = list.items().get(i);
                String at = NodeReader.index(path, i);
                SharedSecret secret = secret(item, at, SharedSecret::of, "of " + SharedSecret.MIN_LENGTH + " to " + SharedSecret.MAX_LENGTH
                        + " characters");
                if (secret != null) {
                    out.add(secret);
                }
            }
            return out;
        }

        private Optional<SharedSecret> optionalSecret(MapNode map, String key, String path) {
            YamlNode node = map.get(key);
            if (node == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(secret(node, NodeReader.child(path, key), SharedSecret::of, null));
        }

        private Optional<String> optionalText(MapNode map, String key, String path) {
            YamlNode node = map == null ? null : map.get(key);
            return node == null ? Optional.empty() : Optional.ofNullable(in.text(node, NodeReader.child(path, key)));
        }

        private Optional<String> optionalMatching(MapNode map, String key, String path, java.util.regex.Pattern pattern, String expected) {
            YamlNode node = map == null ? null : map.get(key);
            if (node == null) {
                return Optional.empty();
            }
            String text = in.text(node, NodeReader.child(path, key));
            if (text == null) {
                return Optional.empty();
            }
            if (!pattern.matcher(text).matches()) {
                in.problem(node.mark(), NodeReader.child(path, key), "not " + expected + " (expected: " + expected + ")");
                return Optional.empty();
            }
            return Optional.of(text);
        }

        /** An Ed25519 key; messages never quote it. */
        private Ed25519Key ed25519(YamlNode node, String path) {
            if (!(node instanceof Scalar s) || s.kind() != Scalar.Kind.STRING) {
                in.problem(node.mark(), path, "expected: a string (" + Ed25519Key.PRIVATE_PREFIX + " or " + Ed25519Key.PUBLIC_PREFIX
                        + " then the base64 of 32 bytes), found " + node.describe());
                return null;
            }
            try {
                return Ed25519Key.parse(s.text());
            } catch (AuthException e) {
                in.problem(node.mark(), path, e.detail());
                return null;
            }
        }

        /** A JSON Pointer such as {@code /ticket/id}, or {@code fallback} when absent. */
        private String pointer(YamlNode node, String path, String fallback) {
            if (node == null) {
                return fallback;
            }
            String text = in.string(node, path);
            if (text == null) {
                return null;
            }
            if (!text.startsWith("/") || text.length() > 256) {
                in.problem(node.mark(), path, "'" + text + "' (expected: a JSON Pointer such as /ticket/id)");
                return null;
            }
            return text;
        }

        // ---- values -------------------------------------------------------------------------

        /** A Standard Webhooks secret; messages never quote it. */
        private SharedSecret secret(YamlNode node, String path) {
            return secret(node, path, SharedSecret::standardWebhooks, "(" + SharedSecret.WHSEC_EXPECTED + ")");
        }

        /**
         * A secret read by {@code parse}, or null after a problem is recorded; messages never quote it.
         *
         * @param shape what the string must look like, for the message when it is no string, or null
         */
        private SharedSecret secret(YamlNode node, String path, Function<String, SharedSecret> parse, String shape) {
            if (!(node instanceof Scalar s) || s.kind() != Scalar.Kind.STRING) {
                in.problem(node.mark(), path, "expected: a string" + (shape == null ? "" : " " + shape) + ", found " + node.describe());
                return null;
            }
            try {
                return parse.apply(s.text());
            } catch (AuthException e) {
                in.problem(node.mark(), path, e.detail()); // already says what is expected
                return null;
            }
        }

        /** An http(s) URL; plain http only to this machine, or in dev mode. */
        private URI url(YamlNode node, String path, boolean dev) {
            String text = in.text(node, path);
            if (text == null) {
                return null;
            }
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                in.problem(node.mark(), path, "not a URL (expected: an https URL such as https://crm.example/hooks/veil)");
                return null;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getUserInfo() != null) {
                in.problem(node.mark(), path, "not an http(s) URL with a host and without user info (expected: an https URL such as"
                        + " https://crm.example/hooks/veil)");
                return null;
            }
            boolean loopback = uri.getHost().equals("127.0.0.1") || uri.getHost().equals("localhost") || uri.getHost().equals("[::1]");
            if (scheme.equals("http") && !loopback && !dev) {
                in.problem(node.mark(), path, "plain http to another machine (expected: https; http only to 127.0.0.1 or localhost,"
                        + " or with dev: true)");
                return null;
            }
            return uri;
        }

        /** A path, resolved against the file's directory; {@code mustExist} checks that it is a readable regular file. */
        private Path path(YamlNode node, String path, boolean mustExist) {
            String text = in.text(node, path);
            if (text == null) {
                return null;
            }
            Path resolved;
            try {
                resolved = base.resolve(text).normalize();
            } catch (InvalidPathException e) {
                in.problem(node.mark(), path, "not a file path (expected: a path, relative to the directory of this file or absolute)");
                return null;
            }
            if (mustExist && !Files.isRegularFile(resolved)) {
                in.problem(node.mark(), path, "no such file: " + resolved + " (expected: a readable file; relative paths start at " + base + ")");
                return null;
            }
            if (mustExist && !Files.isReadable(resolved)) {
                in.problem(node.mark(), path, "cannot read " + resolved + " (expected: a readable file)");
                return null;
            }
            return resolved;
        }

        private int intOr(MapNode map, String path, String key, int fallback, int min, int max) {
            YamlNode node = map.get(key);
            Integer value = node == null ? null : in.integer(node, NodeReader.child(path, key), min, max);
            return value == null ? fallback : value;
        }

        private long sizeOr(MapNode map, String path, String key, long fallback, long min, long max) {
            YamlNode node = map.get(key);
            Long value = node == null ? null : in.size(node, NodeReader.child(path, key), min, max);
            return value == null ? fallback : value;
        }

        private Duration timeoutOr(MapNode map, String path, String key, Duration fallback) {
            YamlNode node = map.get(key);
            if (node == null) {
                return fallback;
            }
            Duration value = in.positiveDuration(node, NodeReader.child(path, key));
            if (value != null && value.compareTo(MAX_TIMEOUT) > 0) {
                in.problem(node.mark(), NodeReader.child(path, key), value.toSeconds() + "s (expected: at most 1h)");
                return fallback;
            }
            return value == null ? fallback : value;
        }
    }
}
