package dev.veil.bench;

import dev.veil.tokenizer.token.Token;
import dev.veil.tokenizer.token.VaultedTokenFormat;
import dev.veil.tokenizer.vault.InMemoryTokenStore;
import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import dev.veil.tokenizer.vault.MvStoreTokenStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Vaulted token writes and reads: into the durable {@link MvStoreTokenStore} (commit and fsync
 * before each write returns; with several threads, commits are shared) next to the same work
 * into an {@link InMemoryTokenStore}, the baseline that shows what the crypto alone costs.
 * Run: {@code java -jar bench/target/benchmarks.jar VaultedTokenBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class VaultedTokenBenchmark {

    private static final int VALUES = 1024;

    private final SecureRandom random = new SecureRandom();
    private final String[] values = new String[VALUES];
    private final String[] durableTokens = new String[VALUES];
    private final String[] memoryTokens = new String[VALUES];
    private Path dir;
    private LocalKeyProvider keys;
    private MvStoreTokenStore durableStore;
    private VaultedTokenFormat durable;
    private VaultedTokenFormat inMemory;

    /** Each thread walks the values on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int index() {
            return next++ & (VALUES - 1);
        }
    }

    @Setup(Level.Trial)
    public void openStores() throws IOException {
        dir = Files.createTempDirectory("veil-bench-vault");
        keys = LocalKeyProvider.open(dir.resolve("keyring"), MasterKey.generate(random), random);
        keys.createIfAbsent("bench/vault");
        durableStore = MvStoreTokenStore.open(dir.resolve("tokens.mv.db"));
        durable = VaultedTokenFormat.builder(keys, durableStore).namespace("bench").random(random).build();
        for (int i = 0; i < VALUES; i++) {
            values[i] = "customer" + i + ".name@example.com";
            durableTokens[i] = durable.tokenize(values[i]).text();
        }
    }

    /** A fresh in-memory store per iteration, so that it does not grow without bound. */
    @Setup(Level.Iteration)
    public void freshMemoryStore() {
        inMemory = VaultedTokenFormat.builder(keys, InMemoryTokenStore.of()).namespace("bench").random(random).build();
        for (int i = 0; i < VALUES; i++) {
            memoryTokens[i] = inMemory.tokenize(values[i]).text();
        }
    }

    @TearDown(Level.Trial)
    public void deleteStores() throws IOException {
        durableStore.close();
        ScratchDirectory.delete(dir);
    }

    /** Baseline: encryption, token generation and an in-memory map, no disk. */
    @Benchmark
    public Token tokenizeInMemory(Cursor cursor) {
        return inMemory.tokenize(values[cursor.index()]);
    }

    /** One writer: every token costs a commit and an fsync. */
    @Benchmark
    public Token tokenizeDurable(Cursor cursor) {
        return durable.tokenize(values[cursor.index()]);
    }

    /** Four writers: concurrent writes share commits and fsyncs (group commit). */
    @Benchmark
    @Threads(4)
    public Token tokenizeDurableFourThreads(Cursor cursor) {
        return durable.tokenize(values[cursor.index()]);
    }

    @Benchmark
    public String detokenizeInMemory(Cursor cursor) {
        return inMemory.detokenize(memoryTokens[cursor.index()], 0);
    }

    @Benchmark
    public String detokenizeDurable(Cursor cursor) {
        return durable.detokenize(durableTokens[cursor.index()], 0);
    }
}
