package dev.veil.policy.diff;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.policy.engine.JsonPath;
import dev.veil.policy.engine.SanitizeResult;
import dev.veil.policy.engine.Touch;
import dev.veil.policy.model.Action;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides exposure from what an expert can read: finds every personal-data value of a raw document
 * (values either policy protects, and what the detectors find in any text), and for each place in
 * the expert's view whose text differs between the two versions, compares how many characters of
 * each value are readable there. Stateless.
 */
public final class ReadableDiff {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");
    private static final Set<Action> PROTECTING = Set.of(Action.DROP, Action.REDACT, Action.TOKENIZE, Action.PSEUDONYMIZE, Action.MASK);

    private ReadableDiff() {}

    /**
     * The values of {@code input} experts can read more of in {@code after} than in {@code before}
     * (both made from {@code input}, ideally with the same keys so that deterministic tokens match),
     * by place in the view, in document order; {@code detectors} find personal data in raw text.
     */
    public static List<ValueExposure> exposures(JsonNode input, SanitizeResult before, SanitizeResult after, DetectorRegistry detectors) {
        List<ValueExposure> all = new ArrayList<>();
        byPlace(input, List.of(before), List.of(after), detectors).values().forEach(all::addAll);
        return all;
    }

    /**
     * The same, by the input path of the place in the view, over runs made with several sets of
     * throwaway keys ({@code before.get(i)} and {@code after.get(i)} share keys): a character counts
     * as readable only if it is readable in every run, so a token digit that equals the original's
     * by chance under one key does not count.
     */
    static Map<String, List<ValueExposure>> byPlace(JsonNode input, List<SanitizeResult> befores, List<SanitizeResult> afters,
            DetectorRegistry detectors) {
        requireNonNull(input, "input");
        requireNonNull(detectors, "detectors");
        if (befores.isEmpty() || befores.size() != afters.size()) {
            throw new IllegalArgumentException("needs as many runs of the old version as of the new, at least one");
        }
        SanitizeResult before = befores.get(0);
        SanitizeResult after = afters.get(0);
        Map<String, Touch> oldOwn = own(before);
        Map<String, Touch> newOwn = own(after);
        Map<String, String> safe = new HashMap<>();
        Map<String, Secret> secrets = new LinkedHashMap<>();
        List<Secret> found = new ArrayList<>();
        leaves(input, JsonPath.root(), "$", (path, safePath, value) -> {
            safe.put(path.toString(), safePath);
            String text = value.isTextual() ? value.textValue() : value.isValueNode() ? value.asText() : value.toString();
            Touch was = effective(oldOwn, path);
            Touch now = effective(newOwn, path);
            if (protects(was) || protects(now)) {
                String type = was != null && was.type() != null ? was.type() : now != null && now.type() != null ? now.type() : "field";
                add(secrets, text, type, safePath);
            }
            if (value.isTextual()) {
                for (Span span : detectors.detect(text)) {
                    found.add(new Secret(text.substring(span.start(), span.end()), span.type().name(), safePath));
                }
            }
        });
        // a value named by a field is reported from that field, not from the first text it recurs in
        found.forEach(span -> add(secrets, span.alnum(), span.type(), span.source()));
        List<Map<String, String>> oldViews = new ArrayList<>();
        List<Map<String, String>> newViews = new ArrayList<>();
        for (int i = 0; i < befores.size(); i++) {
            oldViews.add(view(befores.get(i), own(befores.get(i)), safe));
            newViews.add(view(afters.get(i), own(afters.get(i)), safe));
        }
        Set<String> places = new LinkedHashSet<>(newViews.get(0).keySet());
        places.addAll(oldViews.get(0).keySet());
        Map<String, List<ValueExposure>> exposed = new LinkedHashMap<>();
        for (String place : places) {
            boolean differs = false;
            for (int i = 0; i < oldViews.size(); i++) {
                differs |= !oldViews.get(i).getOrDefault(place, "").equals(newViews.get(i).getOrDefault(place, ""));
            }
            if (!differs) {
                continue;
            }
            for (Secret secret : secrets.values()) {
                int readBefore = Integer.MAX_VALUE;
                int readAfter = Integer.MAX_VALUE;
                for (int i = 0; i < oldViews.size(); i++) {
                    readBefore = Math.min(readBefore, Readable.visible(secret.alnum(), oldViews.get(i).getOrDefault(place, "")));
                    readAfter = Math.min(readAfter, Readable.visible(secret.alnum(), newViews.get(i).getOrDefault(place, "")));
                }
                if (readAfter > readBefore && !chance(readBefore, readAfter)) {
                    exposed.computeIfAbsent(place, p -> new ArrayList<>()).add(new ValueExposure(safe.getOrDefault(place, "$.*"), secret.type(), secret.source(), readBefore, readAfter));
                }
            }
        }
        return exposed;
    }

    /**
     * One more character next to a run already readable: a format-preserving token's computed
     * check digit beside its kept digits equals the original's far more often than by chance, so
     * a one-character growth of a readable run is not taken as an exposure.
     */
    private static boolean chance(int before, int after) {
        return before >= Readable.MIN_RUN && after - before <= 1;
    }

    private record Secret(String alnum, String type, String source) {}

    private static void add(Map<String, Secret> secrets, String text, String type, String source) {
        String alnum = Readable.alnum(text);
        // values shorter than a readable run cannot be measured apart from chance matches
        if (alnum.length() >= Readable.MIN_RUN) {
            secrets.putIfAbsent(alnum, new Secret(alnum, type, source));
        }
    }

    private static boolean protects(Touch touch) {
        // a value no touch covers is not in the output at all: treat it as dropped
        return touch == null || PROTECTING.contains(touch.action());
    }

    private static Map<String, Touch> own(SanitizeResult result) {
        Map<String, Touch> own = new HashMap<>();
        for (Touch touch : result.report().touched()) {
            if (!touch.span()) {
                own.put(touch.path(), touch);
            }
        }
        return own;
    }

    private static Touch effective(Map<String, Touch> own, JsonPath leaf) {
        for (JsonPath at = leaf; at != null; at = at.parent()) {
            Touch touch = own.get(at.toString());
            if (touch != null) {
                return touch;
            }
        }
        return null;
    }

    /** The text of every leaf of the expert's view by the input path it came from, letters and digits only. */
    private static Map<String, String> view(SanitizeResult result, Map<String, Touch> own, Map<String, String> safe) {
        Map<String, String> inputOf = new HashMap<>();
        own.values().forEach(touch -> {
            if (touch.outputPath() != null) {
                inputOf.put(touch.outputPath(), touch.path());
            }
        });
        Map<String, String> view = new LinkedHashMap<>();
        leaves(result.document(), JsonPath.root(), "$", (path, safePath, value) -> {
            String key = path.toString();
            for (JsonPath at = path; at != null; at = at.parent()) {
                String from = inputOf.get(at.toString());
                if (from != null) {
                    key = from + key.substring(at.toString().length());
                    break;
                }
            }
            safe.putIfAbsent(key, safePath);
            String text = value.isTextual() ? value.textValue() : value.isValueNode() ? value.asText() : value.toString();
            view.merge(key, Readable.shown(text), (a, b) -> a + "\u0000" + b);
        });
        return view;
    }

    private interface LeafVisitor {
        void leaf(JsonPath path, String safePath, JsonNode value);
    }

    private static void leaves(JsonNode node, JsonPath path, String safePath, LeafVisitor visitor) {
        if (node.isContainerNode() && !node.isEmpty()) {
            if (node.isObject()) {
                node.fieldNames().forEachRemaining(name -> leaves(node.get(name), path.member(name),
                        safePath + "." + (PLAIN_NAME.matcher(name).matches() ? name : "*"), visitor));
            } else {
                for (int i = 0; i < node.size(); i++) {
                    leaves(node.get(i), path.element(i), safePath + "[" + i + "]", visitor);
                }
            }
            return;
        }
        visitor.leaf(path, safePath, node);
    }
}
