package dev.veil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.engine.EngineLimits;
import dev.veil.policy.engine.PolicyEngine;
import dev.veil.policy.engine.SanitizeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * One build's policy engine taking in a corpus of tickets as the gateway's intake does
 * ({@code IntakeService.submit}: parse, then {@code applyViews} with the base policy and every
 * view of the ticket's brand), for {@link EngineCompare}'s {@code corpus} mode. Like
 * {@link EngineRun} it is defined again in each build's class loader, so it may use only API
 * every compared build has.
 */
public final class CorpusRun implements IntSupplier {

    private final PolicyEngine engine = PolicyEngine.of(EngineLimits.defaults());
    private final List<CompiledPolicy> policies = new ArrayList<>();
    private final List<List<String>> views = new ArrayList<>();
    private final byte[][] tickets;
    private final int[] policyOf;

    /**
     * {@code policyYamls[policyOf[i]]} is the policy of {@code tickets[i]}; {@code names} are the
     * policies' file names (for the loader's messages).
     */
    public CorpusRun(String[] names, String[] policyYamls, byte[][] tickets, int[] policyOf) {
        for (int k = 0; k < policyYamls.length; k++) {
            CompiledPolicy policy = EngineRun.compile(names[k], policyYamls[k]);
            policies.add(policy);
            List<String> all = new ArrayList<>();
            all.add(null);
            all.addAll(policy.views());
            views.add(all);
        }
        this.tickets = tickets.clone();
        this.policyOf = policyOf.clone();
    }

    /** Takes in every ticket of the corpus once; returns the number of tokens reported (kept alive by the caller). */
    @Override
    public int getAsInt() {
        int tokens = 0;
        for (int i = 0; i < tickets.length; i++) {
            for (SanitizeResult result : intake(i).values()) {
                tokens += result.report().tokens().size();
            }
        }
        return tokens;
    }

    /** The number of tickets one {@link #getAsInt()} takes in. */
    public int tickets() {
        return tickets.length;
    }

    /** Every ticket's reports (counts and touches) in every view, to check that the compared builds did the same. */
    public String report() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tickets.length; i++) {
            for (Map.Entry<String, SanitizeResult> e : intake(i).entrySet()) {
                var report = e.getValue().report();
                out.append(i).append(' ').append(e.getKey()).append('\n').append(report.counts()).append('\n').append(report.touched()).append('\n');
            }
        }
        return out.toString();
    }

    private Map<String, SanitizeResult> intake(int i) {
        int k = policyOf[i];
        JsonNode raw = engine.parse(tickets[i]);
        return engine.applyViews(policies.get(k), views.get(k), raw);
    }
}
