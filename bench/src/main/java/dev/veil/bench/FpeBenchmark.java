package dev.veil.bench;

import dev.veil.tokenizer.token.Ff1;
import dev.veil.tokenizer.token.FpeCardFormat;
import dev.veil.tokenizer.token.Token;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import dev.veil.tokenizer.vault.KeyVersion;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@code fpe-card} tokens (16-digit card, keepLast 4) and their detokenization, next
 * to the floor FF1 is built on: one AES-256 block encryption with the same Bouncy Castle engine.
 * FF1 runs ten Feistel rounds of at least one AES block each, plus key setup and big-number
 * arithmetic, so the ratio to the baseline is the figure to read.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FpeBenchmark {

    /** Stripe's published test card; not a real account. */
    private static final String CARD = "4242 4242 4242 4242";

    private FpeCardFormat format;
    private String token;
    private Ff1 ff1;
    private byte[] key;
    private byte[] tweak;
    private byte[] elevenDigits;
    private BlockCipher aes;
    private byte[] block;
    private byte[] out;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        key = new byte[32];
        random.nextBytes(key);
        KeyVersion version = new KeyVersion("bench/fpe", 1, new SecretKeySpec(key, "AES"));
        format = FpeCardFormat.builder(new OneKey(version), "bench/fpe").tweak("bench/card").keepLast(4).build();
        token = format.tokenize(CARD).text();

        ff1 = Ff1.of(10);
        tweak = "bench/card".getBytes(StandardCharsets.UTF_8);
        elevenDigits = new byte[] {4, 2, 4, 2, 4, 2, 4, 2, 4, 2, 4};

        aes = AESEngine.newInstance();
        aes.init(true, new KeyParameter(key));
        block = new byte[16];
        random.nextBytes(block);
        out = new byte[16];
    }

    /** Baseline: one AES-256 block with a key schedule prepared once. */
    @Benchmark
    public byte[] aesBlockBaseline() {
        aes.processBlock(block, 0, out, 0);
        return out;
    }

    /** Raw FF1 over the 11 free digits a 16-digit card with keepLast 4 has. */
    @Benchmark
    public byte[] ff1ElevenDigits() {
        return ff1.encrypt(key, tweak, elevenDigits);
    }

    @Benchmark
    public Token cardTokenize() {
        return format.tokenize(CARD);
    }

    @Benchmark
    public String cardDetokenize() {
        return format.detokenize(token, 1);
    }

    /** Holds one key version in memory; the benchmark measures formats, not key storage. */
    private static final class OneKey implements KeyProvider {

        private final KeyVersion version;

        OneKey(KeyVersion version) {
            this.version = version;
        }

        @Override
        public KeyVersion current(String keyId) {
            return version(keyId, version.version());
        }

        @Override
        public KeyVersion version(String keyId, int v) {
            if (!keyId.equals(version.keyId()) || v != version.version()) {
                throw new KeyUnavailableException("key " + keyId + " v" + v + " is unavailable");
            }
            return version;
        }

        @Override
        public KeyVersion createIfAbsent(String keyId) {
            return current(keyId); // its one key exists from the start; it creates no other
        }

        @Override
        public KeyVersion rotate(String keyId) {
            throw new UnsupportedOperationException("rotate");
        }

        @Override
        public List<KeyInfo> keys() {
            return List.of(new KeyInfo(version.keyId(), version.version()));
        }
    }
}
