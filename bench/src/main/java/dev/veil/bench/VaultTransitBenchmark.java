package dev.veil.bench;

import dev.veil.tokenizer.token.VaultedTokenFormat;
import dev.veil.tokenizer.vault.InMemoryTokenStore;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import dev.veil.tokenizer.vault.hashicorp.FakeVault;
import dev.veil.tokenizer.vault.hashicorp.VaultAuth;
import dev.veil.tokenizer.vault.hashicorp.VaultClient;
import dev.veil.tokenizer.vault.hashicorp.VaultKeyProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Vaulted tokens per second by key provider, in one run: the local keyring (the baseline), and
 * HashiCorp Vault Transit (envelope encryption, through the real driver) against the WireMock
 * {@link FakeVault} with the data-key cache on (5 min, 1,000 keys) and off (every token asks Vault
 * for the key record and unwraps the data key: two HTTP calls). Tokens go to an in-memory store so
 * that only the key path differs. Run: {@code bench/jmh.sh VaultTransitBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class VaultTransitBenchmark {

    @Param({"local", "transit-cached", "transit-uncached"})
    public String provider;

    private final SecureRandom random = new SecureRandom();
    private FakeVault vault;
    private VaultClient client;
    private Path dir;
    private VaultedTokenFormat format;
    private long next;

    @Setup
    public void setUp() throws Exception {
        KeyProvider keys;
        if (provider.equals("local")) {
            dir = Files.createTempDirectory("veil-bench-keys");
            keys = LocalKeyProvider.create(dir.resolve("keyring"), MasterKey.generate(random), random);
        } else {
            vault = FakeVault.start();
            Duration ttl = provider.equals("transit-cached") ? Duration.ofMinutes(5) : Duration.ZERO;
            client = VaultClient.open(vault.settings(new VaultAuth.Token(FakeVault.ROOT_TOKEN)).cache(ttl, ttl.isZero() ? 0 : 1000).build(),
                    Clock.systemUTC(), VaultClient.Listener.NONE);
            keys = VaultKeyProvider.transit(client, Clock.systemUTC());
        }
        keys.createIfAbsent("acme/vault");
        format = VaultedTokenFormat.builder(keys, InMemoryTokenStore.of()).namespace("acme").random(random).build();
    }

    @Benchmark
    public String tokenize() {
        return format.tokenize("customer-" + (next++) + "@example.com").text();
    }

    @TearDown
    public void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        if (vault != null) {
            vault.close();
        }
        ScratchDirectory.delete(dir);
    }
}
