package dev.veil.policy.compile;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.model.Defaults;
import dev.veil.policy.model.PolicySpec;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.token.TokenFormat;
import java.util.Map;
import java.util.Set;

/**
 * A policy ready to apply: rules matched per view, formats bound to keys and store, detectors
 * composed. Immutable and thread-safe; a reload makes a new instance and swaps it in whole.
 */
public final class CompiledPolicy {

    private final PolicySpec spec;
    private final Plan base;
    private final Map<String, Plan> views;
    private final Scanner scanner;
    private final Scanner safetyNet;
    private final Map<PiiType, SpanRule> spanRules;
    private final Map<String, CompiledProfile> profiles;
    private final Map<String, Set<String>> reveal;
    private final TokenFormat unknownRedaction;

    CompiledPolicy(PolicySpec spec, Plan base, Map<String, Plan> views, Scanner scanner, Scanner safetyNet, Map<PiiType, SpanRule> spanRules,
            Map<String, CompiledProfile> profiles, Map<String, Set<String>> reveal, TokenFormat unknownRedaction) {
        this.safetyNet = safetyNet;
        this.spec = spec;
        this.base = base;
        this.views = Map.copyOf(views);
        this.scanner = scanner;
        this.spanRules = Map.copyOf(spanRules);
        this.profiles = Map.copyOf(profiles);
        this.reveal = Map.copyOf(reveal);
        this.unknownRedaction = unknownRedaction;
    }

    /** The policy as written. */
    public PolicySpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public String brand() {
        return spec.brand();
    }

    public int version() {
        return spec.version();
    }

    /** The file the policy came from, as given to the loader. */
    public String file() {
        return spec.file();
    }

    /** The names of the views, in file order. */
    public Set<String> views() {
        return spec.views().keySet();
    }

    /**
     * The plan for {@code view}, or the base policy's when {@code view} is {@code null}.
     *
     * @throws IllegalArgumentException if the policy has no such view
     */
    public Plan plan(String view) {
        if (view == null) {
            return base;
        }
        Plan plan = views.get(view);
        if (plan == null) {
            throw new IllegalArgumentException("view: " + view + " (expected one of: "
                    + (views.isEmpty() ? "none, policy " + name() + " defines no views" : String.join(", ", views())) + ")");
        }
        return plan;
    }

    /** The detectors {@code scan} runs: the listed built-in types and the policy's own. */
    public Scanner scanner() {
        return scanner;
    }

    /** What {@code scan} does to a span of {@code type}; every type of {@link #scanner()} has one. */
    public SpanRule spanRule(PiiType type) {
        SpanRule rule = spanRules.get(type);
        if (rule == null) {
            throw new IllegalArgumentException("type: " + type + " (expected one of: " + spanRules.keySet() + ")");
        }
        return rule;
    }

    /** The token profiles by name. */
    public Map<String, CompiledProfile> profiles() {
        return profiles;
    }

    /** The audiences that reveal rules name. */
    public Set<String> audiences() {
        return reveal.keySet();
    }

    /**
     * The profiles whose tokens {@code audience} may see revealed.
     *
     * @throws IllegalArgumentException if no reveal rule names {@code audience}
     */
    public Set<String> revealable(String audience) {
        requireNonNull(audience, "audience");
        Set<String> tokens = reveal.get(audience);
        if (tokens == null) {
            throw new IllegalArgumentException("audience: " + audience + " (expected one of: "
                    + (reveal.isEmpty() ? "none, policy " + name() + " reveals nothing" : String.join(", ", new java.util.TreeSet<>(reveal.keySet()))) + ")");
        }
        return tokens;
    }

    /** What happens to values no rule names. */
    public Defaults.UnknownFields unknownFields() {
        return spec.defaults().unknownFields();
    }

    /**
     * What the safety net looks for in values under a keep of a whole object or array: the types
     * of {@link #scanner()} whose checksum makes a hit near certain (card numbers, IBANs, DNIs, NIEs).
     */
    public Scanner safetyNet() {
        return safetyNet;
    }

    /** The placeholder format for unknown values when {@link #unknownFields()} is {@code REDACT}. */
    public TokenFormat unknownRedaction() {
        return unknownRedaction;
    }

    /** Whether values replaced in structured fields are also replaced where they recur in free text. */
    public boolean propagate() {
        return spec.defaults().propagate();
    }

    /** What happens to personal data found in an expert's reply. */
    public Defaults.Replies replies() {
        return spec.defaults().replies();
    }

    @Override
    public String toString() {
        return "CompiledPolicy[" + name() + " v" + version() + ", brand " + brand() + "]";
    }
}
