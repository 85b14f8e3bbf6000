package dev.veil.policy.compile;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.format.RandomProfile;
import dev.veil.policy.load.PolicyException;
import dev.veil.policy.load.PolicyLoader;
import dev.veil.policy.model.Action;
import dev.veil.policy.model.DetectorSpec;
import dev.veil.policy.model.FieldRule;
import dev.veil.policy.model.FormatKind;
import dev.veil.policy.model.Location;
import dev.veil.policy.model.PolicySpec;
import dev.veil.policy.model.RevealRule;
import dev.veil.policy.model.TokenProfile;
import dev.veil.policy.model.Treatment;
import dev.veil.policy.model.View;
import dev.veil.policy.path.PathMatcher;
import dev.veil.policy.yaml.Problem;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.token.TokenFormat;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.TokenStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles checked policies into {@link CompiledPolicy} instances bound to one key provider,
 * token store, random source and set of built-in detectors. Immutable and thread-safe.
 */
public final class PolicyCompiler {

    /** The types the safety net looks for under a keep of a whole subtree: those whose checksum makes a hit near certain. */
    private static final Set<PiiType> CHECKSUMMED = Set.of(PiiType.CARD_NUMBER, PiiType.IBAN, PiiType.ES_DNI, PiiType.ES_NIE);

    /** Name of the implicit hash profile that {@code pseudonymize} uses when it names none. */
    public static final String DEFAULT_PSEUDONYM_PROFILE = "pseudonym";

    private final DetectorRegistry detectors;
    private final TokenFormatFactory formats;
    private final PolicyLoader loader;

    private PolicyCompiler(Builder builder) {
        this.detectors = builder.detectors;
        this.formats = new TokenFormatFactory(builder.keys, builder.store, builder.random);
        this.loader = PolicyLoader.of(detectors.types());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The loader whose built-in PII types are this compiler's detectors'. */
    public PolicyLoader loader() {
        return loader;
    }

    /**
     * Loads, checks and compiles the policy in {@code file}.
     *
     * @throws PolicyException listing every problem
     */
    public CompiledPolicy load(Path file) {
        return compile(loader.load(file));
    }

    /**
     * Compiles {@code spec}.
     *
     * @throws PolicyException if a format rejects its options, listing every such problem
     */
    public CompiledPolicy compile(PolicySpec spec) {
        requireNonNull(spec, "spec");
        List<Problem> problems = new ArrayList<>();
        Map<String, CompiledProfile> profiles = new LinkedHashMap<>();
        for (TokenProfile profile : spec.tokens().values()) {
            TokenFormat format = build(problems, profile.at(), () -> formats.profile(spec.brand(), profile));
            if (format != null) {
                String prefix = profile.format() == FormatKind.RANDOM ? RandomProfile.prefix(profile) : null;
                profiles.put(profile.name(), new CompiledProfile(profile.name(), profile.format(), format, prefix));
            }
        }
        Plan base = plan(null, spec.fields(), List.of(), spec, profiles, problems);
        Map<String, Plan> views = new LinkedHashMap<>();
        for (View view : spec.views().values()) {
            views.put(view.name(), plan(view.name(), spec.fields(), view.rules(), spec, profiles, problems));
        }
        List<PiiType> builtInScan = new ArrayList<>();
        DetectorRegistry.Builder own = DetectorRegistry.builder();
        Map<PiiType, SpanRule> spanRules = new LinkedHashMap<>();
        for (PiiType type : spec.defaults().scan()) {
            if (detectors.types().contains(type)) {
                builtInScan.add(type);
                Treatment treatment = spec.defaults().scanActions().get(type);
                Location at = spec.defaults().scanLocation(type);
                SpanRule rule = spanRule(type, treatment, spec, profiles, problems, at);
                if (rule != null) {
                    spanRules.put(type, rule);
                }
            }
        }
        for (DetectorSpec detector : spec.detectors()) {
            own.add(RegexDetector.of(detector.type(), detector.regex(), detector.confidence()));
            SpanRule rule = spanRule(detector.type(), detector.treatment(), spec, profiles, problems, detector.at());
            if (rule != null) {
                spanRules.put(detector.type(), rule);
            }
        }
        Map<String, Set<String>> reveal = new LinkedHashMap<>();
        for (RevealRule rule : spec.reveal()) {
            reveal.put(rule.audience(), Set.copyOf(rule.tokens()));
        }
        TokenFormat unknownRedaction = build(problems, new Location(spec.file(), 1, 1, "defaults.unknown_fields"), () -> formats.redact(null));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            throw new PolicyException(problems);
        }
        Scanner scanner = new Scanner(detectors.only(builtInScan), own.build());
        List<PiiType> netted = builtInScan.stream().filter(CHECKSUMMED::contains).toList();
        Scanner safetyNet = new Scanner(detectors.only(netted), DetectorRegistry.builder().build());
        return new CompiledPolicy(spec, base, views, scanner, safetyNet, spanRules, profiles, reveal, unknownRedaction);
    }

    private Plan plan(String view, List<FieldRule> fields, List<FieldRule> viewRules, PolicySpec spec,
            Map<String, CompiledProfile> profiles, List<Problem> problems) {
        record Ranked(CompiledRule rule, int tier, int protection, int specificity, int order) {}
        List<Ranked> ranked = new ArrayList<>();
        int order = 0;
        for (FieldRule rule : fields) {
            CompiledRule compiled = rule(rule, spec, profiles, problems);
            if (compiled != null) {
                ranked.add(new Ranked(compiled, 0, rule.action().protection(), rule.path().specificity(), order++));
            }
        }
        for (FieldRule declared : viewRules) {
            // a view's rule without a type takes the type of the base rule it overrides: a dropped name is still a name
            FieldRule rule = declared.type() != null ? declared : fields.stream().filter(f -> f.path().equals(declared.path()) && f.type() != null)
                    .findFirst().map(f -> new FieldRule(declared.path(), declared.treatment(), f.type(), declared.at(), declared.trust()))
                    .orElse(declared);
            CompiledRule compiled = rule(rule, spec, profiles, problems);
            if (compiled != null) {
                ranked.add(new Ranked(compiled, 1, rule.action().protection(), rule.path().specificity(), order++));
            }
        }
        ranked.sort(Comparator.comparingInt(Ranked::tier).reversed()
                .thenComparing(Comparator.comparingInt(Ranked::protection).reversed())
                .thenComparing(Comparator.comparingInt(Ranked::specificity).reversed())
                .thenComparingInt(Ranked::order));
        List<CompiledRule> rules = ranked.stream().map(Ranked::rule).toList();
        return new Plan(view, rules, PathMatcher.of(rules.stream().map(CompiledRule::selector).toList()));
    }

    private CompiledRule rule(FieldRule rule, PolicySpec spec, Map<String, CompiledProfile> profiles, List<Problem> problems) {
        Treatment treatment = rule.treatment();
        String source = rule.at().keyPath();
        if (treatment.action() == Action.KEEP || treatment.action() == Action.DROP || treatment.action() == Action.SCAN) {
            return new CompiledRule(source, rule.path(), treatment.action(), rule.type(), null, null, rule.trust());
        }
        Replacement replacement = replacement(treatment, null, spec, profiles, problems, rule.at());
        return replacement == null ? null
                : new CompiledRule(source, rule.path(), treatment.action(), rule.type(), replacement.format(), replacement.profile());
    }

    private SpanRule spanRule(PiiType type, Treatment treatment, PolicySpec spec, Map<String, CompiledProfile> profiles,
            List<Problem> problems, Location at) {
        if (treatment == null) {
            treatment = Treatment.of(Action.REDACT);
        }
        if (treatment.action() == Action.KEEP) {
            return new SpanRule(type, Action.KEEP, null, null);
        }
        Replacement replacement = replacement(treatment, type, spec, profiles, problems, at);
        return replacement == null ? null : new SpanRule(type, treatment.action(), replacement.format(), replacement.profile());
    }

    private record Replacement(TokenFormat format, String profile) {}

    /** The format that replaces values under {@code treatment}; {@code type} labels default redactions. */
    private Replacement replacement(Treatment treatment, PiiType type, PolicySpec spec, Map<String, CompiledProfile> profiles,
            List<Problem> problems, Location at) {
        switch (treatment.action()) {
            case REDACT -> {
                String label = treatment.label() != null ? treatment.label() : type != null ? type.name() : null;
                TokenFormat format = build(problems, at, () -> formats.redact(label));
                return format == null ? null : new Replacement(format, null);
            }
            case MASK -> {
                TokenFormat format = build(problems, at, () -> formats.mask(treatment.mask()));
                return format == null ? null : new Replacement(format, null);
            }
            case TOKENIZE, PSEUDONYMIZE -> {
                if (treatment.token() == null) {
                    TokenFormat format = build(problems, at, () -> formats.pseudonym(spec.brand()));
                    return format == null ? null : new Replacement(format, DEFAULT_PSEUDONYM_PROFILE);
                }
                CompiledProfile profile = profiles.get(treatment.token());
                // a profile that failed to build is reported once, where it is defined
                return profile == null ? null : new Replacement(profile.format(), profile.name());
            }
            default -> throw new IllegalStateException("no replacement for " + treatment.action());
        }
    }

    private static TokenFormat build(List<Problem> problems, Location at, java.util.function.Supplier<TokenFormat> factory) {
        try {
            return factory.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.add(new Problem(at.file(), at.line(), at.column(), at.keyPath(), yamlNames(e.getMessage()), null));
            return null;
        }
    }

    /**
     * The formats' own messages name their Java parameters ({@code keepLast}); the writer of a
     * policy knows them by their YAML keys ({@code keep_last}).
     */
    static String yamlNames(String message) {
        if (message == null) {
            return "invalid options";
        }
        return message.replaceAll("\\bkeepFirst\\b", "keep_first").replaceAll("\\bkeepLast\\b", "keep_last")
                .replaceAll("\\bmaskChar\\b", "mask_char").replaceAll("\\bfirstInitial: true\\b", "show: first_initial")
                .replaceAll("\\bfirstInitial\\b", "show: first_initial");
    }

    /** Configures a {@link PolicyCompiler}. */
    public static final class Builder {

        private KeyProvider keys;
        private TokenStore store;
        private SecureRandom random;
        private DetectorRegistry detectors;

        private Builder() {}

        /** Where token keys come from; required. */
        public Builder keys(KeyProvider keys) {
            this.keys = requireNonNull(keys, "keys");
            return this;
        }

        /** Where vaulted tokens go; required. */
        public Builder tokenStore(TokenStore store) {
            this.store = requireNonNull(store, "store");
            return this;
        }

        /** The source of random tokens; a new {@link SecureRandom} by default. */
        public Builder random(SecureRandom random) {
            this.random = requireNonNull(random, "random");
            return this;
        }

        /** The built-in detectors policies can list in {@code defaults.scan}; required. */
        public Builder detectors(DetectorRegistry detectors) {
            this.detectors = requireNonNull(detectors, "detectors");
            return this;
        }

        public PolicyCompiler build() {
            if (keys == null) {
                throw new IllegalStateException("keys: not set (expected: a KeyProvider)");
            }
            if (store == null) {
                throw new IllegalStateException("tokenStore: not set (expected: a TokenStore)");
            }
            if (detectors == null) {
                throw new IllegalStateException("detectors: not set (expected: a DetectorRegistry)");
            }
            if (random == null) {
                random = new SecureRandom();
            }
            return new PolicyCompiler(this);
        }
    }
}
