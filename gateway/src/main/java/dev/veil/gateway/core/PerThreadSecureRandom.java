package dev.veil.gateway.core;

import static java.util.Objects.requireNonNull;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.SecureRandomParameters;
import java.util.function.Supplier;

/**
 * The gateway's source of tokens, ids and nonces: a {@link SecureRandom} that draws from a DRBG of
 * each calling thread's own (NIST SP 800-90A, the JDK's {@code DRBG}, seeded from the operating
 * system when a thread first draws). Why: the JDK's default on Linux, {@code NativePRNG}, makes
 * every draw of every instance take two process-wide locks (its mixing generator's and its
 * {@code /dev/urandom} buffer's), and with every worker drawing a few times a ticket they waited
 * for each other, some 9 ms at a time on two busy cores, about once per fifty intake requests.
 * Thread-safe.
 */
public final class PerThreadSecureRandom extends SecureRandom {

    private static final long serialVersionUID = 1L;

    private final transient ThreadLocal<SecureRandom> local;

    PerThreadSecureRandom(Supplier<SecureRandom> each) {
        requireNonNull(each, "each");
        this.local = ThreadLocal.withInitial(each);
    }

    /** One DRBG per thread, each instantiated at its thread's first draw. */
    public static SecureRandom create() {
        return new PerThreadSecureRandom(PerThreadSecureRandom::drbg);
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("DRBG is missing from this Java runtime", e);
        }
    }

    @Override
    public void nextBytes(byte[] bytes) {
        local.get().nextBytes(bytes);
    }

    @Override
    public void nextBytes(byte[] bytes, SecureRandomParameters params) {
        local.get().nextBytes(bytes, params);
    }

    @Override
    public byte[] generateSeed(int numBytes) {
        return local.get().generateSeed(numBytes);
    }

    @Override
    public void reseed() {
        local.get().reseed();
    }

    @Override
    public void reseed(SecureRandomParameters params) {
        local.get().reseed(params);
    }

    @Override
    public SecureRandomParameters getParameters() {
        return local.get().getParameters();
    }

    /** Adds to the seed of the calling thread's generator only. */
    @Override
    public void setSeed(byte[] seed) {
        local.get().setSeed(seed);
    }

    @Override
    public void setSeed(long seed) {
        if (local != null) { // null while SecureRandom's own constructor calls this
            local.get().setSeed(seed);
        }
    }

    @Override
    public String getAlgorithm() {
        return local.get().getAlgorithm() + " per thread";
    }

    @Override
    public String toString() {
        return "PerThreadSecureRandom[" + getAlgorithm() + "]";
    }
}
