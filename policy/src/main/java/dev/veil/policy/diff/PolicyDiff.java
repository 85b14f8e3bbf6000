package dev.veil.policy.diff;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.policy.engine.JsonPath;
import dev.veil.policy.engine.SanitizeResult;
import dev.veil.policy.engine.Touch;
import dev.veil.policy.engine.TracedResult;
import dev.veil.policy.model.Action;
import dev.veil.policy.model.Defaults;
import dev.veil.policy.model.DetectorSpec;
import dev.veil.policy.model.FieldRule;
import dev.veil.policy.model.PolicySpec;
import dev.veil.policy.model.RevealRule;
import dev.veil.policy.model.TokenProfile;
import dev.veil.policy.model.Treatment;
import dev.veil.policy.model.View;
import dev.veil.policy.path.Segment;
import dev.veil.policy.path.Selector;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.PiiType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what experts see of sample documents under two versions of a policy, value by value,
 * and the two versions as written. Stateless.
 */
public final class PolicyDiff {

    /** Actions by which a view's rule can show characters of a value. */
    private static final Set<Action> SHOWING = Set.of(Action.KEEP, Action.SCAN, Action.MASK, Action.TOKENIZE);

    private PolicyDiff() {}

    /**
     * The values of {@code input} that experts of {@code view} ({@code null} for the base view) see
     * differently in {@code after} than in {@code before} (both made from {@code input}), in
     * document order, with the personal-data values they can read more of; {@code detectors} find
     * personal data in the raw text.
     */
    public static SampleDiff compare(String sample, String view, JsonNode input, TracedResult before, TracedResult after,
            DetectorRegistry detectors) {
        return compare(sample, view, input, List.of(before), List.of(after), detectors);
    }

    /**
     * The same over runs made with several sets of throwaway keys ({@code before.get(i)} and
     * {@code after.get(i)} share keys; the first pair is listed): a character of an original counts
     * as readable only if it is readable in every run, so token characters equal to the original's
     * by chance do not count.
     */
    public static SampleDiff compare(String sample, String view, JsonNode input, List<TracedResult> befores, List<TracedResult> afters,
            DetectorRegistry detectors) {
        requireNonNull(sample, "sample");
        requireNonNull(input, "input");
        Map<String, List<ValueExposure>> exposed = ReadableDiff.byPlace(input, befores, afters, detectors);
        SanitizeResult before = befores.get(0).result();
        SanitizeResult after = afters.get(0).result();
        Index old = new Index(before);
        Index next = new Index(after);
        List<PathChange> changes = new ArrayList<>();
        ReadableDiff.leaves(input, JsonPath.root(), "$", (path, safePath, value) -> {
            Seen was = old.seen(path, value);
            Seen now = next.seen(path, value);
            String at = path.toString();
            boolean more = exposedAt(exposed, path);
            if (!same(was, now) || more) {
                changes.add(new PathChange(at, was, now, more));
            }
        });
        List<ValueExposure> exposures = new ArrayList<>();
        exposed.values().forEach(exposures::addAll);
        return new SampleDiff(sample, view, changes, exposures);
    }

    private static boolean exposedAt(Map<String, List<ValueExposure>> exposed, JsonPath leaf) {
        for (JsonPath at = leaf; at != null; at = at.parent()) {
            if (exposed.containsKey(at.toString())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The differences between two versions of a policy as written. Only changes that widen who may
     * see what are flagged ({@link SpecChange#mayExpose()}): a reveal rule letting an audience turn
     * tokens of a new profile back into values, and a new view with a rule that can show something
     * (keep, scan, mask, tokenize); everything else the samples measure.
     */
    public static List<SpecChange> compare(PolicySpec before, PolicySpec after) {
        requireNonNull(before, "before");
        requireNonNull(after, "after");
        List<SpecChange> changes = new ArrayList<>();
        if (before.defaults().unknownFields() != after.defaults().unknownFields()) {
            changes.add(new SpecChange("defaults.unknown_fields: " + lower(before.defaults().unknownFields()) + " -> "
                    + lower(after.defaults().unknownFields()), false));
        }
        if (before.defaults().piiKeys() != after.defaults().piiKeys()) {
            // what replaced member names show is not measured on the samples (values under them are)
            changes.add(new SpecChange("defaults.pii_keys: " + lower(before.defaults().piiKeys()) + " -> " + lower(after.defaults().piiKeys()),
                    after.defaults().piiKeys() == Defaults.PiiKeys.REPLACE));
        }
        if (before.defaults().onEncoded() != after.defaults().onEncoded()) {
            // an encoded blob is never decoded, so the samples cannot tell what it carries
            changes.add(new SpecChange("defaults.on_encoded: " + lower(before.defaults().onEncoded()) + " -> " + lower(after.defaults().onEncoded()),
                    after.defaults().onEncoded() == Defaults.OnEncoded.KEEP));
        }
        Set<PiiType> removedScan = new LinkedHashSet<>(before.defaults().scan());
        removedScan.removeAll(after.defaults().scan());
        Set<PiiType> addedScan = new LinkedHashSet<>(after.defaults().scan());
        addedScan.removeAll(before.defaults().scan());
        removedScan.forEach(type -> changes.add(new SpecChange("defaults.scan: " + type + " no longer detected in free text", false)));
        addedScan.forEach(type -> changes.add(new SpecChange("defaults.scan: " + type + " now detected in free text", false)));
        for (PiiType type : after.defaults().scan()) {
            if (!before.defaults().scan().contains(type)) {
                continue;
            }
            Treatment was = spanTreatment(before.defaults().scanActions().get(type));
            Treatment now = spanTreatment(after.defaults().scanActions().get(type));
            if (!was.equals(now)) {
                changes.add(new SpecChange("defaults.scan_actions." + type + ": " + describe(was) + " -> " + describe(now),
                        false));
            }
        }
        compareDetectors(before.detectors(), after.detectors(), changes);
        compareRules("fields", before.fields(), after.fields(), changes);
        Set<String> views = new TreeSet<>(before.views().keySet());
        views.addAll(after.views().keySet());
        for (String view : views) {
            View was = before.views().get(view);
            View now = after.views().get(view);
            if (was == null) {
                // a view that only drops or redacts more shows its tier less than the base view: nothing widens
                boolean shows = now.rules().stream().anyMatch(rule -> SHOWING.contains(rule.treatment().action()));
                changes.add(new SpecChange("views." + view + ": new view" + (shows ? "" : " that only hides more")
                        + " (its experts are compared with the old base view below)", shows));
            } else if (now == null) {
                changes.add(new SpecChange("views." + view + ": view removed (experts of this tier need a new view name)", false));
            } else {
                compareRules("views." + view, was.rules(), now.rules(), changes);
            }
        }
        compareTokens(before.tokens(), after.tokens(), changes);
        compareReveal(before, after, changes);
        return changes;
    }

    private static void compareDetectors(List<DetectorSpec> before, List<DetectorSpec> after, List<SpecChange> changes) {
        Map<PiiType, DetectorSpec> old = new LinkedHashMap<>();
        before.forEach(d -> old.put(d.type(), d));
        Map<PiiType, DetectorSpec> next = new LinkedHashMap<>();
        after.forEach(d -> next.put(d.type(), d));
        old.forEach((type, detector) -> {
            DetectorSpec now = next.get(type);
            if (now == null) {
                changes.add(new SpecChange("detectors: " + type + " removed", false));
            } else {
                if (!now.regex().equals(detector.regex())) {
                    changes.add(new SpecChange("detectors: " + type + " regex changed (what it finds is measured on the samples)", false));
                }
                if (!now.treatment().equals(detector.treatment())) {
                    changes.add(new SpecChange("detectors: " + type + " " + describe(detector.treatment()) + " -> " + describe(now.treatment()), false));
                }
            }
        });
        next.keySet().stream().filter(type -> !old.containsKey(type))
                .forEach(type -> changes.add(new SpecChange("detectors: " + type + " added", false)));
    }

    private static void compareRules(String section, List<FieldRule> before, List<FieldRule> after, List<SpecChange> changes) {
        Map<Selector, FieldRule> old = new LinkedHashMap<>();
        before.forEach(rule -> old.put(rule.path(), rule));
        Map<Selector, FieldRule> next = new LinkedHashMap<>();
        after.forEach(rule -> next.put(rule.path(), rule));
        old.forEach((selector, rule) -> {
            FieldRule now = next.get(selector);
            if (now == null) {
                // without the rule, values fall to an enclosing rule or the default: more exposed only if that keeps or scans
                changes.add(new SpecChange(section + ": " + selector + " (" + describe(rule.treatment()) + ") removed", false));
            } else if (!now.treatment().equals(rule.treatment())) {
                changes.add(new SpecChange(section + ": " + selector + " " + describe(rule.treatment()) + " -> " + describe(now.treatment()),
                        false));
            } else if (now.trust() != rule.trust()) {
                // the safety net's replacements are measured on the samples like any other
                changes.add(new SpecChange(section + ": " + selector + " keep " + (now.trust() ? "now trusted (no safety net below it)"
                        : "no longer trusted (safety net below it)"), false));
            }
        });
        next.forEach((selector, rule) -> {
            if (!old.containsKey(selector)) {
                changes.add(new SpecChange(section + ": " + selector + " (" + describe(rule.treatment()) + ") added", false));
            }
        });
    }

    private static void compareTokens(Map<String, TokenProfile> before, Map<String, TokenProfile> after, List<SpecChange> changes) {
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            TokenProfile was = before.get(name);
            TokenProfile now = after.get(name);
            if (was == null) {
                String renamed = before.values().stream().filter(p -> !after.containsKey(p.name()) && definition(p).equals(definition(now)))
                        .map(TokenProfile::name).findFirst().orElse(null);
                changes.add(new SpecChange("tokens: " + name + (renamed == null ? " added" : " (renamed from " + renamed + ")"), false));
            } else if (now == null) {
                boolean renamed = after.values().stream().anyMatch(p -> !before.containsKey(p.name()) && definition(p).equals(definition(was)));
                if (!renamed) {
                    changes.add(new SpecChange("tokens: " + name + " removed", false));
                }
            } else if (!definition(was).equals(definition(now))) {
                changes.add(new SpecChange("tokens: " + name + " " + definition(was) + " -> " + definition(now), false));
            }
        }
    }

    /** A token profile as written, without its name: two profiles with equal definitions make the same kind of token. */
    private static String definition(TokenProfile profile) {
        return profile.format().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " " + new TreeMap<>(profile.options());
    }

    private static void compareReveal(PolicySpec before, PolicySpec after, List<SpecChange> changes) {
        // reveal rules are compared by profile, a renamed profile (same definition, new name) being the same one;
        // a profile whose format changed still turns its tokens back into the same originals, so it is no wider
        Map<String, Set<String>> old = revealable(before, renames(before.tokens(), after.tokens()));
        Map<String, Set<String>> next = revealable(after, Map.of());
        Set<String> audiences = new TreeSet<>(old.keySet());
        audiences.addAll(next.keySet());
        for (String audience : audiences) {
            Set<String> was = old.getOrDefault(audience, Set.of());
            Set<String> now = next.getOrDefault(audience, Set.of());
            Set<String> added = new TreeSet<>(now);
            added.removeAll(was);
            Set<String> removed = new TreeSet<>(was);
            removed.removeAll(now);
            if (!added.isEmpty()) {
                changes.add(new SpecChange("reveal: " + (old.containsKey(audience) ? "" : "new audience ") + audience + " may now reveal "
                        + String.join(", ", added), true));
            }
            if (!removed.isEmpty()) {
                changes.add(new SpecChange("reveal: " + audience + " may no longer reveal " + String.join(", ", removed), false));
            }
        }
    }

    /** Old profile names that the new version renamed: gone from it, with a new profile of the same definition. */
    private static Map<String, String> renames(Map<String, TokenProfile> before, Map<String, TokenProfile> after) {
        Map<String, String> renames = new HashMap<>();
        for (TokenProfile was : before.values()) {
            if (after.containsKey(was.name())) {
                continue;
            }
            after.values().stream().filter(p -> !before.containsKey(p.name()) && definition(p).equals(definition(was)))
                    .map(TokenProfile::name).findFirst().ifPresent(name -> renames.put(was.name(), name));
        }
        return renames;
    }

    private static Map<String, Set<String>> revealable(PolicySpec spec, Map<String, String> renames) {
        Map<String, Set<String>> by = new HashMap<>();
        for (RevealRule rule : spec.reveal()) {
            Set<String> profiles = by.computeIfAbsent(rule.audience(), a -> new TreeSet<>());
            for (String token : rule.tokens()) {
                profiles.add(renames.getOrDefault(token, token));
            }
        }
        return by;
    }

    private static Treatment spanTreatment(Treatment treatment) {
        return treatment == null ? Treatment.of(Action.REDACT) : treatment;
    }

    private static String describe(Treatment treatment) {
        StringBuilder out = new StringBuilder(treatment.action().yamlName());
        if (treatment.token() != null) {
            out.append(" (").append(treatment.token()).append(')');
        }
        if (treatment.mask() != null) {
            out.append(treatment.mask().firstInitial() ? " first initials" : " keep_first " + treatment.mask().keepFirst() + ", keep_last " + treatment.mask().keepLast());
        }
        if (treatment.label() != null) {
            out.append(" [").append(treatment.label()).append(']');
        }
        return out.toString();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean same(Seen a, Seen b) {
        // the treatment's wording names rules by index: a reordered rule list is not a change
        if (a.exposure() != b.exposure() || a.spansReplaced() != b.spansReplaced()) {
            return false;
        }
        // tokens and scanned text may hold random tokens that differ between any two runs
        return a.exposure() == Exposure.TOKENIZED || a.exposure() == Exposure.SCANNED || Objects.equals(a.shown(), b.shown());
    }

    /** One sanitized result's touches by input path. */
    private static final class Index {

        private final JsonNode output;
        private final Map<String, Touch> own = new HashMap<>();
        private final Map<String, List<Touch>> spans = new HashMap<>();

        Index(SanitizeResult result) {
            this.output = result.document();
            for (Touch touch : result.report().touched()) {
                if (touch.span()) {
                    spans.computeIfAbsent(touch.path(), p -> new ArrayList<>()).add(touch);
                } else {
                    own.put(touch.path(), touch);
                }
            }
        }

        Seen seen(JsonPath leaf, JsonNode value) {
            Touch touch = own.get(leaf.toString());
            if (touch != null) {
                return fromTouch(touch, "");
            }
            for (JsonPath at = leaf.parent(); at != null; at = at.parent()) {
                Touch above = own.get(at.toString());
                if (above == null) {
                    continue;
                }
                if (above.action() == Action.KEEP) {
                    return new Seen(Exposure.CLEAR, "keep by " + above.rule() + " at " + above.path(), 0, text(value));
                }
                return fromTouch(above, " whole at " + above.path());
            }
            return new Seen(Exposure.HIDDEN, "not in the output", 0, null);
        }

        private Seen fromTouch(Touch touch, String where) {
            String by = touch.rule().equals("default") ? "no rule names it" : "by " + touch.rule();
            String profile = touch.profile() == null ? "" : " (" + touch.profile() + ")";
            String shown = touch.outputPath() == null ? null : text(find(output, touch.outputPath()));
            String note = touch.note() == null ? "" : " [" + touch.note() + "]";
            return switch (touch.action()) {
                case DROP -> new Seen(Exposure.HIDDEN, "drop " + by + where, 0, null);
                case REDACT -> new Seen(Exposure.REDACTED, "redact " + by + where + note, 0, shown);
                case TOKENIZE -> new Seen(Exposure.TOKENIZED, "tokenize" + profile + " " + by + where, 0, shown);
                case PSEUDONYMIZE -> new Seen(Exposure.TOKENIZED, "pseudonymize" + profile + " " + by + where, 0, shown);
                case MASK -> new Seen(Exposure.MASKED, "mask " + by + where, 0, shown);
                case KEEP -> new Seen(Exposure.CLEAR, "keep " + by + where, 0, shown);
                case SCAN -> scanned(touch, by, shown);
            };
        }

        private Seen scanned(Touch touch, String by, String shown) {
            List<Touch> found = spans.getOrDefault(touch.path(), List.of());
            int replaced = 0;
            StringBuilder detail = new StringBuilder();
            for (Touch span : found) {
                if (span.action() != Action.KEEP) {
                    replaced += span.count();
                }
                detail.append(detail.length() == 0 ? ": " : ", ").append(span.type()).append(" x").append(span.count()).append(' ')
                        .append(span.action().yamlName()).append(span.profile() == null ? "" : " (" + span.profile() + ")");
            }
            if (replaced == 0) {
                return new Seen(Exposure.CLEAR, "scan " + by + (detail.length() == 0 ? ": nothing found" : detail), 0, shown);
            }
            return new Seen(Exposure.SCANNED, "scan " + by + detail, replaced, shown);
        }

        private static String text(JsonNode node) {
            if (node == null) {
                return null;
            }
            return node.isTextual() ? node.textValue() : node.toString();
        }

        private static JsonNode find(JsonNode root, String path) {
            JsonNode node = root;
            for (Segment segment : Selector.parse(path).segments()) {
                if (node == null) {
                    return null;
                }
                node = segment.kind() == Segment.Kind.INDEX ? node.get(segment.index()) : node.get(segment.name());
            }
            return node;
        }
    }
}
