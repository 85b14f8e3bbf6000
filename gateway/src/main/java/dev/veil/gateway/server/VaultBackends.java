package dev.veil.gateway.server;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.config.KeysConfig;
import dev.veil.tokenizer.vault.hashicorp.CircuitBreaker;
import dev.veil.tokenizer.vault.hashicorp.VaultClient;
import dev.veil.tokenizer.vault.hashicorp.VaultFailure;
import dev.veil.tokenizer.vault.hashicorp.VaultKeyProvider;
import dev.veil.tokenizer.vault.hashicorp.VaultKvTokenStore;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's HashiCorp Vault, when {@code keys} in {@code veil.yaml} uses it: one
 * {@link VaultClient} shared by the key provider ({@code vault-transit} or {@code vault-kv}) and the
 * token store ({@code tokenStore: vault-kv}), with its metrics: failures by kind
 * ({@code veil_vault_failures_total{kind}}), the breaker's state ({@code veil_vault_breaker_state}:
 * 0 closed, 1 half-open, 2 open) and the entries a re-wrap has left ({@code veil_vault_rewrap_remaining}).
 */
public final class VaultBackends implements AutoCloseable {

    private final VaultClient client;
    private final KeysConfig config;
    private final SecureRandom random;
    private final Clock clock;
    private final AtomicLong rewrapRemaining = new AtomicLong();

    private VaultBackends(KeysConfig config, PrometheusRegistry registry, Clock clock, SecureRandom random) {
        this.config = config;
        this.clock = clock;
        this.random = random;
        Counter failures = Counter.builder().withoutExemplars().name("veil_vault_failures_total")
                .help("Calls to HashiCorp Vault that failed, by kind (sealed, permission_denied, rate_limited, server_error, timeout,"
                        + " unreachable, circuit_open, bad_response, overloaded)")
                .labelNames("kind").register(registry);
        for (VaultFailure kind : VaultFailure.values()) {
            failures.labelValues(kind.label()); // every kind shows, at zero, from the start
        }
        client = VaultClient.open(config.vault().orElseThrow(), clock, kind -> failures.labelValues(kind.label()).inc());
        GaugeWithCallback.builder().name("veil_vault_breaker_state").help("HashiCorp Vault circuit breaker: 0 closed, 1 half-open, 2 open")
                .callback(cb -> cb.call(client.breakerState().ordinal())).register(registry);
        GaugeWithCallback.builder().name("veil_vault_rewrap_remaining").help("Vaulted tokens a running re-wrap has still to move to the newest key version")
                .callback(cb -> cb.call(rewrapRemaining.get())).register(registry);
    }

    /** The Vault backends of {@code config}, or empty when it uses none. */
    static Optional<VaultBackends> open(KeysConfig config, PrometheusRegistry registry, Clock clock, SecureRandom random) {
        requireNonNull(config, "config");
        if (!config.usesVault()) {
            return Optional.empty();
        }
        return Optional.of(new VaultBackends(config, requireNonNull(registry, "registry"), requireNonNull(clock, "clock"),
                requireNonNull(random, "random")));
    }

    /** The key provider in Vault, or empty when keys are local. */
    Optional<VaultKeyProvider> keys() {
        return keyProvider(config, client, clock, random);
    }

    /**
     * The key provider {@code keys.provider} names on {@code client} ({@code vault-transit} or
     * {@code vault-kv}), or empty when keys are local; the gateway and the {@code veil keys} commands
     * both choose here.
     */
    public static Optional<VaultKeyProvider> keyProvider(KeysConfig config, VaultClient client, Clock clock, SecureRandom random) {
        requireNonNull(client, "client");
        requireNonNull(clock, "clock");
        requireNonNull(random, "random");
        return switch (requireNonNull(config, "config").provider()) {
            case KeysConfig.VAULT_TRANSIT -> Optional.of(VaultKeyProvider.transit(client, clock));
            case KeysConfig.VAULT_KV -> Optional.of(VaultKeyProvider.kv(client, clock, random));
            default -> Optional.empty();
        };
    }

    /** Whether vaulted tokens live in Vault's KV v2. */
    boolean tokensInVault() {
        return config.tokenStore().equals(KeysConfig.VAULT_KV);
    }

    /** A token store in KV v2 on the shared client. */
    VaultKvTokenStore tokenStore() {
        return VaultKvTokenStore.open(client);
    }

    /** The client, for readiness and the admin API. */
    public VaultClient client() {
        return client;
    }

    /** Where a re-wrap reports what it has left. */
    public AtomicLong rewrapRemaining() {
        return rewrapRemaining;
    }

    /** Whether Vault serves Veil now; a failing check counts in the metrics like any call. */
    boolean ready() {
        if (client.breakerState() == CircuitBreaker.State.OPEN) {
            return false;
        }
        try {
            client.checkHealth();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
