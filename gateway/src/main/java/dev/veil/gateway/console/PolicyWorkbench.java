package dev.veil.gateway.console;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.gateway.cli.RuleTally;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.PolicyCompiler;
import dev.veil.policy.diff.PolicyDiff;
import dev.veil.policy.diff.SampleDiff;
import dev.veil.policy.diff.SpecChange;
import dev.veil.policy.diff.ValueExposure;
import dev.veil.policy.engine.EngineLimits;
import dev.veil.policy.engine.PolicyEngine;
import dev.veil.policy.engine.SanitizeReport;
import dev.veil.policy.engine.SanitizeResult;
import dev.veil.policy.engine.TracedResult;
import dev.veil.policy.model.PolicySpec;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.vault.InMemoryTokenStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The browser face of {@code veil policy preview} and {@code veil policy diff}: a sample ticket as
 * each expert tier would see it under a policy, with what each rule did, and what a proposed policy
 * would newly expose compared with the live one. Tokens are made with throwaway keys into a token
 * store that lives for one call: nothing reaches the gateway's vault. Answers carry views (already
 * sanitized), rule names, paths, types and counts, never an input value.
 */
public final class PolicyWorkbench {

    /** The name of the view an expert without a tier gets. */
    public static final String BASE = "base";
    /** Key sets per diff, as the command line uses: a token character equal to the original by chance is not counted. */
    private static final int KEY_SETS = 3;
    /** Value paths shown for the default row and the safety net. */
    private static final int PATHS_SHOWN = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyEngine engine;
    private final DetectorRegistry detectors;
    private final SecureRandom random;

    private PolicyWorkbench(PolicyEngine engine, DetectorRegistry detectors, SecureRandom random) {
        this.engine = engine;
        this.detectors = detectors;
        this.random = random;
    }

    public static PolicyWorkbench of(EngineLimits limits, DetectorRegistry detectors, SecureRandom random) {
        return new PolicyWorkbench(PolicyEngine.of(requireNonNull(limits, "limits")), requireNonNull(detectors, "detectors"),
                requireNonNull(random, "random"));
    }

    /** Parses a pasted policy; {@code PolicyException} (its problems by line, column and key path) when it has problems. */
    public PolicySpec parse(String yaml) {
        return compiler().loader().parse("pasted.yaml", requireNonNull(yaml, "yaml"));
    }

    /** The ticket under the base view and under each tier's view, each with its rule table. */
    public ObjectNode preview(PolicySpec spec, JsonNode ticket) {
        requireNonNull(ticket, "ticket");
        CompiledPolicy policy = compiler().compile(requireNonNull(spec, "spec"));
        ObjectNode out = JSON.createObjectNode();
        out.set("policy", version(policy));
        ArrayNode views = out.putArray("views");
        for (String view : viewNames(policy)) {
            SanitizeResult result = engine.apply(policy, view == null ? null : view, ticket);
            ObjectNode row = views.addObject().put("view", view == null ? BASE : view);
            row.set("document", result.document());
            row.set("rules", rules(policy, view, result.report()));
        }
        return out;
    }

    /** What experts of every view would read more of under {@code proposed} than under {@code live}, for one sample ticket. */
    public ObjectNode diff(PolicySpec live, PolicySpec proposed, JsonNode ticket) {
        requireNonNull(live, "live");
        requireNonNull(proposed, "proposed");
        requireNonNull(ticket, "ticket");
        List<CompiledPolicy> befores = new ArrayList<>();
        List<CompiledPolicy> afters = new ArrayList<>();
        for (int i = 0; i < KEY_SETS; i++) {
            PolicyCompiler set = compiler(); // one key set compiles both, so a deterministic token reads the same
            befores.add(set.compile(live));
            afters.add(set.compile(proposed));
        }
        CompiledPolicy before = befores.get(0);
        CompiledPolicy after = afters.get(0);
        List<SpecChange> specChanges = PolicyDiff.compare(live, proposed);
        ObjectNode out = JSON.createObjectNode();
        out.set("old", version(before));
        out.set("new", version(after));
        ArrayNode changes = out.putArray("policyChanges");
        boolean exposed = false;
        for (SpecChange change : specChanges) {
            changes.addObject().put("change", change.description()).put("widens", change.mayExpose());
            exposed |= change.mayExpose();
        }
        ArrayNode views = out.putArray("views");
        for (String view : viewNames(after)) {
            String oldView = view != null && before.views().contains(view) ? view : null;
            List<TracedResult> was = new ArrayList<>();
            List<TracedResult> now = new ArrayList<>();
            for (int i = 0; i < KEY_SETS; i++) {
                was.add(engine.trace(befores.get(i), oldView, ticket));
                now.add(engine.trace(afters.get(i), view, ticket));
            }
            SampleDiff diff = PolicyDiff.compare("sample", view, ticket, was, now, detectors);
            ObjectNode row = views.addObject().put("view", view == null ? BASE : view)
                    .put("comparedWith", oldView == null ? BASE : oldView)
                    .put("changedValues", diff.changes().size());
            ArrayNode exposures = row.putArray("exposures");
            for (ValueExposure e : diff.exposures()) {
                exposures.addObject().put("path", e.path()).put("type", e.type()).put("source", e.source())
                        .put("oldVisibleChars", e.before()).put("newVisibleChars", e.after());
                exposed = true;
            }
            ArrayNode changed = row.putArray("changedPaths");
            diff.changes().forEach(c -> changed.addObject().put("path", c.path()).put("exposed", c.exposed()));
        }
        out.put("verdict", exposed ? "exposure" : "same_or_safer");
        return out;
    }

    private PolicyCompiler compiler() {
        // tokens live only as long as this call: the workbench never writes to a real token store
        return PolicyCompiler.builder()
                .keys(new EphemeralKeyProvider(random))
                .tokenStore(InMemoryTokenStore.of())
                .random(random)
                .detectors(detectors)
                .build();
    }

    private static List<String> viewNames(CompiledPolicy policy) {
        List<String> out = new ArrayList<>();
        out.add(null);
        out.addAll(new TreeSet<>(policy.views()));
        return out;
    }

    private static ObjectNode version(CompiledPolicy policy) {
        return JSON.createObjectNode().put("name", policy.name()).put("brand", policy.brand()).put("version", policy.version());
    }

    /** The rule table as {@code veil policy preview} prints it, as JSON rows. */
    private static ArrayNode rules(CompiledPolicy policy, String view, SanitizeReport report) {
        ArrayNode out = JSON.createArrayNode();
        for (RuleTally.Row rule : RuleTally.of(policy, view, report, PATHS_SHOWN)) {
            ObjectNode row = out.addObject().put("rule", rule.rule()).put("selector", rule.selector()).put("action", rule.action())
                    .put("values", rule.values());
            if (!rule.notes().isEmpty()) {
                rule.notes().forEach(row.putArray("notes")::add);
            }
            if (!rule.paths().isEmpty() || rule.rule().equals(RuleTally.DEFAULT)) {
                rule.paths().forEach(row.putArray("paths")::add);
            }
            Map<String, Integer> found = new TreeMap<>();
            rule.found().forEach((key, count) -> found.put(key.get(0) + " " + key.get(1), count));
            ArrayNode spans = row.putArray("found");
            found.forEach((what, count) -> spans.addObject().put("what", what).put("count", count));
        }
        return out;
    }
}
