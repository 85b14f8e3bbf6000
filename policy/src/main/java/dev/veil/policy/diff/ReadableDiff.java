package dev.veil.policy.diff;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.policy.engine.JsonPath;
import dev.veil.policy.engine.Provenance;
import dev.veil.policy.engine.SanitizeResult;
import dev.veil.policy.engine.Touch;
import dev.veil.policy.engine.TracedResult;
import dev.veil.policy.model.Action;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.Span;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides exposure from what an expert can read: finds every personal-data value of a raw document
 * (values either policy protects, what the detectors find in any text, and where either recurs),
 * and for each place in the expert's view whose text differs between the two versions, counts the
 * value's letters and digits that the engine's {@link Provenance} shows are copied there, exactly
 * and for values of any length. Stateless.
 */
public final class ReadableDiff {

    /** Shorter values and name parts are not looked for elsewhere in the document: too many ordinary words and numbers match. */
    public static final int MIN_RECURRING = 4;
    /** Values of more words (free text) are not looked for word by word: their words are everyone's words. */
    private static final int MAX_WORDS = 6;

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");
    private static final Set<Action> PROTECTING = Set.of(Action.DROP, Action.REDACT, Action.TOKENIZE, Action.PSEUDONYMIZE, Action.MASK);

    private ReadableDiff() {}

    /**
     * The values of {@code input} experts can read more of in {@code after} than in {@code before}
     * (both traced from {@code input}), in document order; {@code detectors} find personal data in raw text.
     */
    public static List<ValueExposure> exposures(JsonNode input, TracedResult before, TracedResult after, DetectorRegistry detectors) {
        List<ValueExposure> all = new ArrayList<>();
        byPlace(input, List.of(before), List.of(after), detectors).values().forEach(all::addAll);
        return all;
    }

    /**
     * The same, by the input path of the place in the view, over runs made with several sets of
     * throwaway keys ({@code befores.get(i)} and {@code afters.get(i)} share keys): a character
     * counts as readable only if it is copied in every run.
     */
    static Map<String, List<ValueExposure>> byPlace(JsonNode input, List<TracedResult> befores, List<TracedResult> afters,
            DetectorRegistry detectors) {
        requireNonNull(input, "input");
        requireNonNull(detectors, "detectors");
        if (befores.isEmpty() || befores.size() != afters.size()) {
            throw new IllegalArgumentException("needs as many runs of the old version as of the new, at least one");
        }
        Map<String, Touch> oldOwn = own(befores.get(0).result());
        Map<String, Touch> newOwn = own(afters.get(0).result());
        Map<String, String> safe = new HashMap<>();
        List<Leaf> texts = new ArrayList<>();
        Map<String, Secret> secrets = new LinkedHashMap<>();
        List<Secret> found = new ArrayList<>();
        leaves(input, JsonPath.root(), "$", (path, safePath, value) -> {
            safe.put(path.toString(), safePath);
            if (!value.isTextual() && !value.isNumber()) {
                return; // null and booleans carry no personal data
            }
            String text = Provenance.textOf(value);
            Leaf leaf = new Leaf(path.toString(), text);
            texts.add(leaf);
            Touch was = effective(oldOwn, path);
            Touch now = effective(newOwn, path);
            if (protects(was) || protects(now)) {
                String type = was != null && was.type() != null ? was.type() : now != null && now.type() != null ? now.type() : "field";
                add(secrets, new Secret(leaf.alnum, type, safePath), leaf, 0, leaf.alnum.length());
            }
            detected(detectors, leaf, safePath, found);
        });
        // member names are texts too: personal data in them is measured where names are shown
        names(input, JsonPath.root(), "$", (path, safePath, value) -> {
            String key = path.toString() + Provenance.NAME;
            safe.put(key, safePath + " (name)");
            // not added to the texts values are looked for in: names are schema words ("time_zone"), found by detectors only
            detected(detectors, new Leaf(key, value.textValue()), safePath + " (name)", found);
        });
        // a value named by a field is reported from that field, not from the first text it recurs in
        for (Secret span : found) {
            Secret secret = secrets.computeIfAbsent(span.alnum, a -> span);
            if (secret != span) {
                secret.occurrences.addAll(span.occurrences);
            }
        }
        secrets.values().forEach(secret -> recurrences(secret, texts));
        List<Map<String, Place>> oldViews = new ArrayList<>();
        List<Map<String, Place>> newViews = new ArrayList<>();
        for (int i = 0; i < befores.size(); i++) {
            oldViews.add(view(befores.get(i), safe));
            newViews.add(view(afters.get(i), safe));
        }
        Set<String> places = new LinkedHashSet<>(newViews.get(0).keySet());
        places.addAll(oldViews.get(0).keySet());
        Map<String, List<ValueExposure>> exposed = new LinkedHashMap<>();
        for (String place : places) {
            boolean differs = false;
            for (int i = 0; i < oldViews.size(); i++) {
                differs |= !text(oldViews.get(i).get(place)).equals(text(newViews.get(i).get(place)));
            }
            if (!differs) {
                continue;
            }
            for (Secret secret : secrets.values()) {
                int readBefore = Integer.MAX_VALUE;
                int readAfter = Integer.MAX_VALUE;
                for (int i = 0; i < oldViews.size(); i++) {
                    readBefore = Math.min(readBefore, secret.visible(oldViews.get(i).get(place)));
                    readAfter = Math.min(readAfter, secret.visible(newViews.get(i).get(place)));
                }
                if (readAfter > readBefore) {
                    exposed.computeIfAbsent(place, p -> new ArrayList<>())
                            .add(new ValueExposure(safe.getOrDefault(place, "$.*"), secret.type, secret.source, readBefore, readAfter));
                }
            }
        }
        return exposed;
    }

    /** Adds each value the detectors find in {@code leaf}'s text to {@code found}. */
    private static void detected(DetectorRegistry detectors, Leaf leaf, String safePath, List<Secret> found) {
        for (Span span : detectors.detect(leaf.text)) {
            int from = leaf.alnumIndex(span.start());
            int to = leaf.alnumIndex(span.end());
            if (to > from) {
                found.add(new Secret(leaf.alnum.substring(from, to), span.type().name(), safePath).at(leaf, from, to));
            }
        }
    }

    /** One text of the input: its letters and digits, lower-cased, and where each sits in the text. */
    private static final class Leaf {

        final String path;
        final String text;
        final String alnum;
        final int[] positions;

        Leaf(String path, String text) {
            this.path = path;
            this.text = text;
            StringBuilder letters = new StringBuilder(text.length());
            int[] at = new int[text.length()];
            int n = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isLetterOrDigit(c)) {
                    letters.append(Character.toLowerCase(c));
                    at[n++] = i;
                }
            }
            this.alnum = letters.toString();
            this.positions = java.util.Arrays.copyOf(at, n);
        }

        /** How many letters and digits stand before {@code offset}. */
        int alnumIndex(int offset) {
            int index = java.util.Arrays.binarySearch(positions, offset);
            return index >= 0 ? index : -index - 1;
        }

        /** Whether the letters and digits {@code from} to {@code to} stand alone, not inside a longer word or number. */
        boolean bounded(int from, int to) {
            int start = positions[from];
            int end = positions[to - 1] + 1;
            return (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
        }
    }

    /** A personal-data value: its letters and digits, type, where it was named, and every place in the input it stands. */
    private static final class Secret {

        final String alnum;
        final String type;
        final String source;
        /** Per occurrence: the input path, and for each letter or digit of the value its offset there (or -1). */
        final List<Occurrence> occurrences = new ArrayList<>();

        Secret(String alnum, String type, String source) {
            this.alnum = alnum;
            this.type = type;
            this.source = source;
        }

        Secret at(Leaf leaf, int from, int to) {
            occurrences.add(Occurrence.of(alnum.length(), leaf, from, to, 0));
            return this;
        }

        /**
         * How many characters of the value the place shows as copies of its occurrences, each input
         * character counted once (a name part that recurs twice in the value is still one word shown).
         */
        int visible(Place place) {
            if (place == null || place.copied.isEmpty()) {
                return 0;
            }
            Map<String, BitSet> shown = new HashMap<>();
            for (Occurrence o : occurrences) {
                BitSet copied = place.copied.get(o.path);
                if (copied == null) {
                    continue;
                }
                for (int offset : o.offsets) {
                    if (offset >= 0 && copied.get(offset)) {
                        shown.computeIfAbsent(o.path, p -> new BitSet()).set(offset);
                    }
                }
            }
            int count = 0;
            for (BitSet bits : shown.values()) {
                count += bits.cardinality();
            }
            return Math.min(count, alnum.length());
        }
    }

    private record Occurrence(String path, int[] offsets) {

        /** The value's letters and digits {@code first} onwards found at the leaf's letters and digits {@code from} to {@code to}. */
        static Occurrence of(int length, Leaf leaf, int from, int to, int first) {
            int[] offsets = new int[length];
            java.util.Arrays.fill(offsets, -1);
            for (int k = from; k < to; k++) {
                offsets[first + k - from] = leaf.positions[k];
            }
            return new Occurrence(leaf.path, offsets);
        }
    }

    private static void add(Map<String, Secret> secrets, Secret candidate, Leaf leaf, int from, int to) {
        if (to <= from) {
            return;
        }
        secrets.computeIfAbsent(candidate.alnum, a -> candidate).at(leaf, from, to);
    }

    /** Adds where the value, or a word of it long enough, recurs in any text (a propagated copy, a name in a sign-off). */
    private static void recurrences(Secret secret, List<Leaf> texts) {
        List<int[]> parts = new ArrayList<>(); // {first letter index in the value, length}
        if (secret.alnum.length() >= MIN_RECURRING) {
            parts.add(new int[] {0, secret.alnum.length()});
        }
        Occurrence named = secret.occurrences.get(0);
        Leaf home = texts.stream().filter(t -> t.path.equals(named.path())).findFirst().orElse(null);
        if (home != null && words(home, named) <= MAX_WORDS) {
            // words of the value as it was written, with a letter in them: a first name alone in "Thanks, Dana"
            int first = -1;
            for (int k = 0; k <= secret.alnum.length(); k++) {
                boolean breaks = k == secret.alnum.length() || first >= 0 && named.offsets()[k] != named.offsets()[k - 1] + 1;
                if (first >= 0 && breaks) {
                    if (k - first >= MIN_RECURRING && k - first < secret.alnum.length()
                            && secret.alnum.substring(first, k).chars().anyMatch(Character::isLetter)) {
                        parts.add(new int[] {first, k - first});
                    }
                    first = -1;
                }
                if (k < secret.alnum.length() && first < 0 && named.offsets()[k] >= 0) {
                    first = k;
                }
            }
        }
        Set<String> seen = new java.util.HashSet<>();
        secret.occurrences.forEach(o -> seen.add(o.path() + "@" + firstOffset(o)));
        for (int[] part : parts) {
            String needle = secret.alnum.substring(part[0], part[0] + part[1]);
            for (Leaf leaf : texts) {
                for (int at = leaf.alnum.indexOf(needle); at >= 0; at = leaf.alnum.indexOf(needle, at + 1)) {
                    if (!leaf.bounded(at, at + part[1])) {
                        continue;
                    }
                    Occurrence o = Occurrence.of(secret.alnum.length(), leaf, at, at + part[1], part[0]);
                    if (seen.add(o.path() + "@" + firstOffset(o) + "/" + part[0])) {
                        secret.occurrences.add(o);
                    }
                }
            }
        }
    }

    private static int words(Leaf home, Occurrence named) {
        int words = 0;
        int previous = -2;
        for (int offset : named.offsets()) {
            if (offset >= 0 && offset != previous + 1) {
                words++;
            }
            previous = offset >= 0 ? offset : previous;
        }
        return words;
    }

    private static int firstOffset(Occurrence o) {
        for (int offset : o.offsets()) {
            if (offset >= 0) {
                return offset;
            }
        }
        return -1;
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

    /** What a place of the expert's view shows: its text, and which input characters it copies (input path to offsets). */
    private static final class Place {
        final StringBuilder text = new StringBuilder();
        final Map<String, BitSet> copied = new HashMap<>();
    }

    private static String text(Place place) {
        return place == null ? "" : place.text.toString();
    }

    /** Every leaf of the expert's view by the input path it came from. */
    private static Map<String, Place> view(TracedResult traced, Map<String, String> safe) {
        SanitizeResult result = traced.result();
        Map<String, String> inputOf = new HashMap<>();
        own(result).values().forEach(touch -> {
            if (touch.outputPath() != null) {
                inputOf.put(touch.outputPath(), touch.path());
            }
        });
        Map<String, Place> view = new LinkedHashMap<>();
        leaves(result.document(), JsonPath.root(), "$", (path, safePath, value) -> {
            String key = placeOf(path, inputOf);
            safe.putIfAbsent(key, safePath);
            String text = value.isTextual() ? value.textValue() : value.isValueNode() ? value.asText() : value.toString();
            shown(view, key, text, traced.provenance().copies(path.toString()));
        });
        names(result.document(), JsonPath.root(), "$", (path, safePath, value) -> {
            String key = placeOf(path, inputOf) + Provenance.NAME;
            safe.putIfAbsent(key, safePath + " (name)");
            shown(view, key, value.textValue(), traced.provenance().copies(path.toString() + Provenance.NAME));
        });
        return view;
    }

    /** Adds a text of the view, and the input characters it copies, to the place {@code key}. */
    private static void shown(Map<String, Place> view, String key, String text, List<Provenance.Copy> copies) {
        Place place = view.computeIfAbsent(key, k -> new Place());
        place.text.append(text).append('\u0000');
        for (Provenance.Copy copy : copies) {
            place.copied.computeIfAbsent(copy.inputPath(), p -> new BitSet()).set(copy.inStart(), copy.inStart() + copy.length());
        }
    }

    /** The input path an output path came from, by the touches that moved it (arrays close up, names are replaced). */
    private static String placeOf(JsonPath path, Map<String, String> inputOf) {
        String key = path.toString();
        for (JsonPath at = path; at != null; at = at.parent()) {
            String from = inputOf.get(at.toString());
            if (from != null) {
                return from + key.substring(at.toString().length());
            }
        }
        return key;
    }

    /** Visits every member name, as a text node, with the member's path. */
    private static void names(JsonNode node, JsonPath path, String safePath, LeafVisitor visitor) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                String safeName = safePath + "." + (PLAIN_NAME.matcher(name).matches() ? name : "*");
                visitor.leaf(path.member(name), safeName, com.fasterxml.jackson.databind.node.TextNode.valueOf(name));
                names(node.get(name), path.member(name), safeName, visitor);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                names(node.get(i), path.element(i), safePath + "[" + i + "]", visitor);
            }
        }
    }

    /** Visited with a node's path, its path as reports may show it (member names not plain shown as {@code *}), and the node. */
    interface LeafVisitor {
        void leaf(JsonPath path, String safePath, JsonNode value);
    }

    /** Visits every leaf (scalar, or empty object or array) of {@code node}, in document order. */
    static void leaves(JsonNode node, JsonPath path, String safePath, LeafVisitor visitor) {
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
