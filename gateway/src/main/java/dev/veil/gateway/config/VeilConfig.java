package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.auth.SharedSecret;
import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.config.RoutingSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole of {@code veil.yaml}, checked: dev mode, listeners, limits, data directory, key
 * provider, expert identity, admin access, reply outbox, routing and brands. Paths are absolute
 * (relative ones were resolved against the file's directory). Read one with
 * {@link VeilConfigLoader}; {@link #defaults(Path)} is what {@code veil serve} runs with when there
 * is no file.
 */
public record VeilConfig(boolean dev, ServerConfig server, LimitsConfig limits, Path data, KeysConfig keys,
        IdentityConfig identity, AdminConfig admin, OutboxConfig outbox, RoutingConfig routing,
        Map<String, BrandConfig> brands, String source, ConsoleConfig console, StoresConfig stores) {

    /** The example brand of dev mode. */
    public static final String DEV_BRAND = "acme";
    /** The webhook secret of the dev brand: public, for dev mode only. */
    public static final String DEV_WEBHOOK_SECRET = "whsec_dmVpbC1kZXYtb25seS13ZWJob29rLXNlY3JldC0zMmI=";
    /** The secret dev mode signs replies to the CRM stand-in with: public, for dev mode only. */
    public static final String DEV_CRM_SECRET = "whsec_dmVpbC1kZXYtb25seS1jcm0tcmVwbHktc2VjcmV0LXg=";
    /** Where dev mode sends replies: the CRM stand-in on the admin listener. */
    public static final String DEV_CRM_URL = "http://127.0.0.1:8081/dev/crm/replies";
    /** The scope that makes a JWT an admin's, in dev mode. */
    public static final String DEV_ADMIN_SCOPE = "veil:admin";

    public VeilConfig {
        requireNonNull(server, "server");
        requireNonNull(limits, "limits");
        requireNonNull(data, "data");
        requireNonNull(keys, "keys");
        requireNonNull(identity, "identity");
        requireNonNull(admin, "admin");
        requireNonNull(outbox, "outbox");
        requireNonNull(routing, "routing");
        brands = Collections.unmodifiableMap(new LinkedHashMap<>(brands)); // in file order, for messages and listings
        requireNonNull(source, "source");
        requireNonNull(console, "console");
        requireNonNull(stores, "stores");
        if (identity.devProvider() && !dev) {
            throw new IllegalArgumentException("identity: dev (expected: only with dev: true)");
        }
    }

    /** A configuration with the console's defaults ({@link ConsoleConfig#DEFAULTS}) and embedded stores. */
    public VeilConfig(boolean dev, ServerConfig server, LimitsConfig limits, Path data, KeysConfig keys,
            IdentityConfig identity, AdminConfig admin, OutboxConfig outbox, RoutingConfig routing,
            Map<String, BrandConfig> brands, String source) {
        this(dev, server, limits, data, keys, identity, admin, outbox, routing, brands, source, ConsoleConfig.DEFAULTS,
                StoresConfig.DEFAULTS);
    }

    /** This configuration with {@code s} as its stores. */
    public VeilConfig withStores(StoresConfig s) {
        return new VeilConfig(dev, server, limits, data, keys, identity, admin, outbox, routing, brands, source, console, s);
    }

    /**
     * The embedded defaults, relative to {@code workDir}: dev mode on 127.0.0.1 (public 8080,
     * admin 8081), the example brand {@code acme} with {@code examples/policies/acme.yaml}, data
     * under {@code veil-data}, a local keyring whose master key is {@code veil-data/dev-master.key},
     * the dev identity provider, and JWTs with scope {@value #DEV_ADMIN_SCOPE} for admin.
     */
    public static VeilConfig defaults(Path workDir) {
        Path dir = requireNonNull(workDir, "workDir").toAbsolutePath().normalize();
        Path data = dir.resolve("veil-data");
        BrandConfig acme = new BrandConfig(DEV_BRAND, dir.resolve("examples/policies/acme.yaml"),
                List.of(SharedSecret.standardWebhooks(DEV_WEBHOOK_SECRET)),
                CrmConfig.of(URI.create(DEV_CRM_URL), SharedSecret.standardWebhooks(DEV_CRM_SECRET)),
                RoutingSettings.defaults());
        return new VeilConfig(true,
                new ServerConfig(ListenerConfig.of("127.0.0.1", 8080, 1024), ListenerConfig.of("127.0.0.1", 8081, 64), 0, 256),
                LimitsConfig.DEFAULTS,
                data,
                new KeysConfig(KeysConfig.LOCAL, data.resolve("keyring"), Optional.of(data.resolve("dev-master.key"))),
                IdentityConfig.dev(),
                new AdminConfig(Optional.empty(), Optional.of(DEV_ADMIN_SCOPE)),
                OutboxConfig.DEFAULTS,
                RoutingConfig.of(Map.of(DEV_BRAND, acme.routing())),
                Map.of(DEV_BRAND, acme),
                "embedded defaults");
    }

    /** The brand {@code id}, or {@code null} when it is not configured. */
    public BrandConfig brand(String id) {
        return brands.get(id);
    }
}
