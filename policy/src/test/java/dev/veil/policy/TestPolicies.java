package dev.veil.policy;

import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.PolicyCompiler;
import dev.veil.policy.engine.EngineLimits;
import dev.veil.policy.engine.PolicyEngine;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.vault.InMemoryTokenStore;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Compilers for tests: fixed keys, an in-memory token store and a seeded random source, so output is reproducible. */
public final class TestPolicies {

    public static final PolicyEngine ENGINE = PolicyEngine.of(EngineLimits.defaults());

    private TestPolicies() {}

    /** A random source that gives the same bytes on every run. */
    public static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PolicyCompiler compiler(DetectorRegistry detectors) {
        return compiler(detectors, new FixedKeyProvider());
    }

    public static PolicyCompiler compiler(DetectorRegistry detectors, FixedKeyProvider keys) {
        return PolicyCompiler.builder()
                .keys(keys)
                .tokenStore(InMemoryTokenStore.of())
                .random(seeded(42))
                .detectors(detectors)
                .build();
    }

    /** Compiles a policy written inline, with only the policy's own detectors. */
    public static CompiledPolicy compile(String yaml) {
        PolicyCompiler compiler = compiler(DetectorRegistry.builder().build());
        return compiler.compile(compiler.loader().parse("test.yaml", yaml));
    }

    /** The usual header of inline test policies. */
    public static String header() {
        return "policy: test\nbrand: acme\nversion: 1\n";
    }
}
