package dev.veil.bench;

import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.PolicyCompiler;
import dev.veil.policy.engine.EngineLimits;
import dev.veil.policy.engine.PolicyEngine;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.vault.InMemoryTokenStore;
import java.security.SecureRandom;
import java.util.function.IntSupplier;

/**
 * One build's policy engine applying a policy to one ticket, for {@link EngineCompare}: this class
 * is defined again inside each build's class loader, so it may use only API every compared build
 * has ({@code PolicyEngine.of}, {@code PolicyCompiler.builder}, {@code apply}).
 */
public final class EngineRun implements IntSupplier {

    private final PolicyEngine engine = PolicyEngine.of(EngineLimits.defaults());
    private final CompiledPolicy policy;
    private final byte[] ticket;

    public EngineRun(String policyYaml, byte[] ticket) {
        this.policy = compile("acme.yaml", policyYaml);
        this.ticket = ticket.clone();
    }

    /**
     * Compiles {@code yaml} with ephemeral keys, an in-memory token store and the default detectors:
     * the set-up {@link PolicyEngineBenchmark} and the bench tests share, kept here because this
     * class may use only the build under test's classes.
     */
    public static CompiledPolicy compile(String fileName, String yaml) {
        SecureRandom random = new SecureRandom();
        PolicyCompiler compiler = PolicyCompiler.builder()
                .keys(new EphemeralKeyProvider(random))
                .tokenStore(InMemoryTokenStore.of())
                .random(random)
                .detectors(DetectorRegistry.defaults())
                .build();
        return compiler.compile(compiler.loader().parse(fileName, yaml));
    }

    /** Applies the base policy once; returns the report's touch count (kept alive by the caller). */
    @Override
    public int getAsInt() {
        return engine.apply(policy, null, ticket).report().touched().size();
    }

    /**
     * The report as text (counts and every touch; tokens differ between builds, whose keys are
     * ephemeral), to check that the compared builds did the same.
     */
    public String report() {
        var report = engine.apply(policy, null, ticket).report();
        return report.counts() + "\n" + report.touched();
    }
}
