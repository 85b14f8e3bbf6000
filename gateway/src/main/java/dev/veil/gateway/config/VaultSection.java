package dev.veil.gateway.config;

import dev.veil.policy.yaml.NodeReader;
import dev.veil.policy.yaml.YamlNode;
import dev.veil.policy.yaml.YamlNode.MapNode;
import dev.veil.tokenizer.vault.hashicorp.VaultAuth;
import dev.veil.tokenizer.vault.hashicorp.VaultSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Reads {@code keys.vault} of {@code veil.yaml} into {@link VaultSettings}, reporting problems with their position. */
final class VaultSection {

    static final List<String> KEYS = List.of("address", "namespace", "auth", "timeout", "maxRetries", "initialBackoff",
            "maxBackoff", "breakerFailures", "breakerOpenFor", "maxConcurrent", "transitMount", "kvMount", "prefix",
            "cacheTtl", "cacheMaxEntries");
    static final List<String> AUTH_KEYS = List.of("method", "token", "roleId", "secretId", "role", "jwtFile", "mount");
    static final List<String> METHODS = List.of("token", "approle", "kubernetes");

    private final NodeReader in;
    private final Path base;

    VaultSection(NodeReader in, Path base) {
        this.in = in;
        this.base = base;
    }

    /** The settings, or {@code null} after reporting a problem. */
    VaultSettings read(YamlNode node, boolean dev) {
        String path = "keys.vault";
        MapNode map = in.map(node, path);
        if (map == null) {
            return null;
        }
        in.checkKeys(map, path, KEYS);
        YamlNode addressNode = in.required(map, "address", path);
        YamlNode authNode = in.required(map, "auth", path);
        if (addressNode == null || authNode == null) {
            return null;
        }
        URI address = address(addressNode, dev);
        VaultAuth auth = auth(authNode);
        if (address == null || auth == null) {
            return null;
        }
        VaultSettings.Builder b = VaultSettings.builder(address, auth);
        string(map, "namespace", b::namespace);
        duration(map, "timeout", v -> b.timeout(v));
        integer(map, "maxRetries", 0, 10, b::maxRetries);
        Duration[] backoff = {Duration.ofMillis(50), Duration.ofSeconds(1)};
        duration(map, "initialBackoff", v -> backoff[0] = v);
        duration(map, "maxBackoff", v -> backoff[1] = v);
        b.backoff(backoff[0], backoff[1]);
        int[] failures = {5};
        Duration[] openFor = {Duration.ofSeconds(10)};
        integer(map, "breakerFailures", 1, 1000, v -> failures[0] = v);
        duration(map, "breakerOpenFor", v -> openFor[0] = v);
        b.breaker(failures[0], openFor[0]);
        integer(map, "maxConcurrent", 1, 4096, b::maxConcurrent);
        string(map, "transitMount", b::transitMount);
        string(map, "kvMount", b::kvMount);
        string(map, "prefix", b::prefix);
        Duration[] cacheTtl = {Duration.ofMinutes(5)};
        int[] cacheMax = {1000};
        if (map.get("cacheTtl") != null) {
            Duration ttl = in.duration(map.get("cacheTtl"), NodeReader.child(path, "cacheTtl"));
            if (ttl != null) {
                cacheTtl[0] = ttl;
            }
        }
        integer(map, "cacheMaxEntries", 0, 1_000_000, v -> cacheMax[0] = v);
        b.cache(cacheTtl[0], cacheMax[0]);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            in.problem(map.mark(), path, e.getMessage());
            return null;
        }
    }

    private URI address(YamlNode node, boolean dev) {
        String text = in.text(node, "keys.vault.address");
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            boolean http = "http".equals(uri.getScheme());
            String host = uri.getHost();
            boolean loopback = "127.0.0.1".equals(host) || "localhost".equals(host);
            if (host == null || uri.getUserInfo() != null || !(http || "https".equals(uri.getScheme()))) {
                in.problem(node.mark(), "keys.vault.address", "not an http(s) URL with a host (expected: e.g. https://vault.internal:8200)");
                return null;
            }
            if (http && !loopback && !dev) {
                in.problem(node.mark(), "keys.vault.address", "plain http to another machine (expected: https; http only to 127.0.0.1"
                        + " or localhost, or with dev: true)");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            in.problem(node.mark(), "keys.vault.address", "not a URL (expected: e.g. https://vault.internal:8200)");
            return null;
        }
    }

    private VaultAuth auth(YamlNode node) {
        String path = "keys.vault.auth";
        MapNode map = in.map(node, path);
        if (map == null) {
            return null;
        }
        in.checkKeys(map, path, AUTH_KEYS);
        YamlNode methodNode = in.required(map, "method", path);
        String method = methodNode == null ? null : in.oneOf(methodNode, NodeReader.child(path, "method"), METHODS);
        if (method == null) {
            return null;
        }
        switch (method) {
            case "token" -> {
                String token = requiredText(map, "token", path);
                return token == null ? null : new VaultAuth.Token(token);
            }
            case "approle" -> {
                String roleId = requiredText(map, "roleId", path);
                String secretId = requiredText(map, "secretId", path);
                String mount = map.get("mount") == null ? "approle" : in.text(map.get("mount"), NodeReader.child(path, "mount"));
                return roleId == null || secretId == null || mount == null ? null : new VaultAuth.AppRole(mount, roleId, secretId);
            }
            default -> {
                String role = requiredText(map, "role", path);
                String mount = map.get("mount") == null ? "kubernetes" : in.text(map.get("mount"), NodeReader.child(path, "mount"));
                Path jwt = VaultAuth.Kubernetes.DEFAULT_JWT;
                if (map.get("jwtFile") != null) {
                    String text = in.text(map.get("jwtFile"), NodeReader.child(path, "jwtFile"));
                    jwt = text == null ? null : base.resolve(text).normalize();
                }
                return role == null || mount == null || jwt == null ? null : new VaultAuth.Kubernetes(mount, role, jwt);
            }
        }
    }

    private String requiredText(MapNode map, String key, String path) {
        YamlNode node = in.required(map, key, path);
        return node == null ? null : in.text(node, NodeReader.child(path, key));
    }

    private void string(MapNode map, String key, Consumer<String> to) {
        if (map.get(key) != null) {
            String text = in.text(map.get(key), NodeReader.child("keys.vault", key));
            if (text != null) {
                to.accept(text);
            }
        }
    }

    private void duration(MapNode map, String key, Consumer<Duration> to) {
        if (map.get(key) != null) {
            Duration d = in.positiveDuration(map.get(key), NodeReader.child("keys.vault", key));
            if (d != null) {
                to.accept(d);
            }
        }
    }

    private void integer(MapNode map, String key, int min, int max, Consumer<Integer> to) {
        if (map.get(key) != null) {
            Integer v = in.integer(map.get(key), NodeReader.child("keys.vault", key), min, max);
            if (v != null) {
                to.accept(v);
            }
        }
    }
}
