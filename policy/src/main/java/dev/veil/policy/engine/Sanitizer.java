package dev.veil.policy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.CompiledProfile;
import dev.veil.policy.compile.CompiledRule;
import dev.veil.policy.compile.Plan;
import dev.veil.policy.compile.Scanner;
import dev.veil.policy.compile.SpanRule;
import dev.veil.policy.model.Action;
import dev.veil.policy.model.Defaults;
import dev.veil.policy.path.PathMatcher;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import dev.veil.tokenizer.token.Token;
import dev.veil.tokenizer.token.TokenFormat;
import dev.veil.tokenizer.token.TokenizationException;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks one document under one plan and builds the sanitized copy. Default-deny by construction:
 * a value reaches the output only through a rule (or below a keep, scan or mask rule); everything
 * else is dropped or redacted. One instance per document; not thread-safe.
 */
final class Sanitizer {

    private static final String DEFAULT_RULE = "default";
    /** Stands for a member name that holds personal data, in the report. */
    private static final String HIDDEN_NAME = "*";
    private static final String HIDDEN_NOTE = "member name holds personal data; dropped";
    /** The rule name under which member names replaced under {@code pii_keys: replace} are reported. */
    static final String PII_KEYS_RULE = "pii_keys";
    /** The rule name under which values a subtree keep let through are reported when the safety net replaced something. */
    static final String SAFETY_NET = "safety net";
    /** What a base64 blob becomes under {@code on_encoded: drop}. */
    static final String ENCODED = "[ENCODED]";
    private static final PiiType ENCODED_TYPE = PiiType.of("ENCODED");
    /** The start of a propagated value's note, joined by {@link String#concat} (see {@link #reportSpans}). */
    private static final String PROPAGATED_FROM = "propagated from ";
    /** Numbers with an exponent are expanded for scanning up to this many digits (1e999999999 never is). */
    private static final int MAX_PLAIN_DIGITS = 64;

    private final CompiledPolicy policy;
    private final Plan plan;
    private final PathMatcher matcher;
    private final EngineLimits limits;
    private final JsonNodeFactory nodes;
    private final ReportBuilder report = new ReportBuilder();
    /** Values replaced in structured fields, when the policy propagates them into free text; else {@code null}. */
    private final KnownValues known;
    /** Scans waiting for every structured value to be known, in document order. */
    private final List<Pending> pending = new ArrayList<>();
    /** The length of the longest text among {@link #pending}'s, kept as they are added (a loop over them afterwards read every one again). */
    private int longestPending;
    /** Placeholders a later member of the same output name replaced (identity; rare: only replaced member names collide so). */
    private final Map<JsonNode, Boolean> displaced = new IdentityHashMap<>(1);
    /** Where output characters come from, when the caller asked ({@code veil policy diff}); else {@code null}. */
    private final Provenance trace;
    /**
     * Spans already found in this document's texts (and its deterministic tokens and clean member
     * names): shared with the other views of the document when the caller applies several, else
     * this walk's own (a text that recurs in a document, a quoted reply or a repeated signature, is
     * scanned once).
     */
    private final Detections detections;

    Sanitizer(CompiledPolicy policy, Plan plan, EngineLimits limits, JsonNodeFactory nodes) {
        this(policy, plan, limits, nodes, null, null);
    }

    Sanitizer(CompiledPolicy policy, Plan plan, EngineLimits limits, JsonNodeFactory nodes, Provenance trace) {
        this(policy, plan, limits, nodes, trace, null);
    }

    Sanitizer(CompiledPolicy policy, Plan plan, EngineLimits limits, JsonNodeFactory nodes, Detections detections) {
        this(policy, plan, limits, nodes, null, detections);
    }

    private Sanitizer(CompiledPolicy policy, Plan plan, EngineLimits limits, JsonNodeFactory nodes, Provenance trace, Detections detections) {
        this.trace = trace;
        this.detections = detections == null ? new Detections() : detections;
        this.policy = policy;
        this.plan = plan;
        this.matcher = plan.matcher();
        this.limits = limits;
        this.nodes = nodes;
        this.known = policy.propagate() ? new KnownValues(this.detections.knownScans()) : null;
    }

    SanitizeResult run(JsonNode root) {
        JsonNode out = walk(root, matcher.root(), null, At.ROOT, 0);
        if (out == null) {
            out = root.isArray() ? nodes.arrayNode() : root.isObject() ? nodes.objectNode() : nodes.nullNode();
        }
        reserveLongestPending();
        JsonNode[] results = new JsonNode[pending.size()];
        for (int k = 0; k < results.length; k++) {
            Pending scan = pending.get(k);
            report.into(scan.slot);
            results[k] = scanNow(scan.rule, scan.node, scan.text, scan.at);
        }
        report.into(ReportBuilder.MAIN);
        // the results go in place only once every scan is done: one after another, the output
        // objects they go into (made one after another by the walk) are read in the order they lie
        // in memory, where a put after each scan found them long out of the cache
        for (int k = 0; k < results.length; k++) {
            Pending scan = pending.get(k);
            if (scan.placeholder == out) {
                out = results[k];
            } else {
                scan.fill(results[k], displaced);
            }
        }
        return new SanitizeResult(out, report.build(policy.name(), policy.version(), plan.view()));
    }

    /**
     * Sizes the maps by text for the scans waiting, and the known values' walking buffer for the
     * longest of their texts, once.
     */
    private void reserveLongestPending() {
        if (pending.isEmpty()) {
            return;
        }
        detections.expectTexts(pending.size());
        if (known.isEmpty()) {
            return; // known is not null when a scan waits
        }
        detections.knownScans().reserve(longestPending);
    }

    /**
     * A scan put off until the walk has seen every structured value, and where its placeholder was
     * put, so that its result goes there without walking the output again.
     */
    private static final class Pending {

        final JsonNode placeholder;
        final CompiledRule rule;
        final JsonNode node;
        /** The node's text as it is scanned ({@link #scannedText}), taken while the walk has the node at hand. */
        final String text;
        final At at;
        final int slot;
        private ObjectNode object;
        private String name;
        private ArrayNode array;
        private int index;

        Pending(JsonNode placeholder, CompiledRule rule, JsonNode node, String text, At at, int slot) {
            this.placeholder = placeholder;
            this.rule = rule;
            this.node = node;
            this.text = text;
            this.at = at;
            this.slot = slot;
        }

        void placedIn(ObjectNode object, String name) {
            this.object = object;
            this.name = name;
        }

        void placedIn(ArrayNode array, int index) {
            this.array = array;
            this.index = index;
        }

        /** Puts {@code result} where the placeholder is, unless a later member of the same name took its place ({@code displaced}). */
        void fill(JsonNode result, Map<JsonNode, Boolean> displaced) {
            if (object != null && !displaced.containsKey(placeholder)) {
                object.set(name, result);
            } else if (array != null) {
                array.set(index, result);
            }
        }
    }

    /** The put-off scan whose placeholder {@code child} is, if it is the last one made; else {@code null}. */
    private Pending pendingOf(JsonNode child) {
        if (pending.isEmpty()) {
            return null;
        }
        Pending last = pending.get(pending.size() - 1);
        return last.placeholder == child ? last : null;
    }

    /** {@code inherited} is the keep, scan or mask rule above that covers values no rule names. */
    private JsonNode walk(JsonNode node, PathMatcher.State state, CompiledRule inherited, At path, int depth) {
        CompiledRule rule = plan.winner(state);
        if (rule != null) {
            return apply(rule, node, state, path, depth);
        }
        if (inherited != null) {
            return node.isContainerNode() ? container(node, state, inherited, path, depth) : inheritedScalar(inherited, node, path);
        }
        if (node.isContainerNode() && state.canMatchBelow() && !node.isEmpty()) {
            JsonNode out = container(node, state, null, path, depth);
            // children no rule kept were reported one by one; an emptied container goes too
            return out.isEmpty() ? null : out;
        }
        return unknown(node, path);
    }

    private JsonNode apply(CompiledRule rule, JsonNode node, PathMatcher.State state, At path, int depth) {
        String type = rule.type() == null ? null : rule.type().name();
        switch (rule.action()) {
            case DROP -> {
                report.touch(path, rule.source(), Action.DROP, type, null, 1, null);
                if (known != null && (node.isTextual() || node.isNumber())) {
                    for (String value : withNameParts(rule, Values.text(node))) {
                        if (known.isNew(value)) {
                            known.add(value, new KnownValues.Known(fallback(""), type, Action.REDACT, null, rule.source(),
                                    policy.unknownRedaction(), value));
                        }
                    }
                }
                return null;
            }
            case KEEP -> {
                report.touch(path, rule.source(), Action.KEEP, type, null, 1, null);
                return node.isContainerNode() ? container(node, state, rule, path, depth) : checked(node, path);
            }
            case SCAN, MASK -> {
                return node.isContainerNode() ? container(node, state, rule, path, depth) : inheritedScalar(rule, node, path);
            }
            default -> {
                return replace(rule, node, path);
            }
        }
    }

    private JsonNode inheritedScalar(CompiledRule rule, JsonNode node, At path) {
        return switch (rule.action()) {
            // a keep that covers a whole object or array: its values pass the safety net unless the rule trusts them
            case KEEP -> rule.trust() ? checked(node, path) : netted(node, path);
            case SCAN -> scan(rule, node, path);
            case MASK -> replace(rule, node, path);
            default -> throw new IllegalStateException("not inherited: " + rule.action());
        };
    }

    private JsonNode container(JsonNode node, PathMatcher.State state, CompiledRule inherited, At path, int depth) {
        if (depth + 1 > limits.maxDepth()) {
            throw new LimitExceededException("maxDepth", LimitExceededException.TOO_DEEP,
                    "document nests deeper than maxDepth = " + limits.maxDepth() + " at " + path.input().toSafeString());
        }
        if (node.isObject()) {
            ObjectNode out = nodes.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                checkLength(key.length(), path);
                At at = path.member(key);
                String name = key;
                if (!isCleanName(key)) {
                    if (policy.spec().defaults().piiKeys() == Defaults.PiiKeys.DROP) {
                        // a member named after personal data goes, value and all; the report shows no name
                        report.touch(path.member(HIDDEN_NAME), DEFAULT_RULE, Action.DROP, null, null, 1, HIDDEN_NOTE);
                        continue;
                    }
                    // scanned once here for the new name and the report (isCleanName only asked whether anything is there)
                    List<Span> spans = detect(policy.scanner(), key);
                    List<java.util.function.Consumer<At>> traces = new ArrayList<>();
                    name = unique(out, replaceName(key, spans, traces));
                    // the report and errors never show the name: the input path names the member *
                    at = new At(path.input().member(HIDDEN_NAME), path.output().member(name), path.real().member(key));
                    report.touch(at, PII_KEYS_RULE, Action.SCAN, null, null, 1, null);
                    Tally<SpanRule> found = new Tally<>();
                    spans.forEach(span -> found.add(policy.spanRule(span.type())));
                    At reported = at;
                    found.forEach((spanRule, count) -> report.spans(reported, PII_KEYS_RULE, spanRule.action(), spanRule.type().name(),
                            spanRule.profile(), count, null));
                    At named = at;
                    traces.forEach(step -> step.accept(named));
                } else {
                    traceName(at, 0, 0, key.length());
                }
                JsonNode child = walk(field.getValue(), matcher.member(state, key), inherited, at, depth + 1);
                if (child != null) {
                    JsonNode before = out.replace(name, child);
                    if (before != null && !pending.isEmpty()) {
                        displaced.put(before, Boolean.TRUE); // a replaced name equal to a later member's: the later one wins
                    }
                    Pending scan = pendingOf(child);
                    if (scan != null) {
                        scan.placedIn(out, name);
                    }
                }
            }
            return out;
        }
        ArrayNode out = nodes.arrayNode();
        for (int i = 0; i < node.size(); i++) {
            JsonNode child = walk(node.get(i), matcher.element(state, i), inherited, path.element(i, out.size()), depth + 1);
            if (child != null) {
                out.add(child);
                Pending scan = pendingOf(child);
                if (scan != null) {
                    scan.placedIn(out, out.size() - 1);
                }
            }
        }
        return out;
    }

    /** A member name with {@code spans}, the personal data the policy's detectors find in it, replaced as {@code scan_actions} says. */
    private String replaceName(String key, List<Span> spans, List<java.util.function.Consumer<At>> traces) {
        StringBuilder out = new StringBuilder(key.length() + 16);
        int at = 0;
        for (Span span : spans) {
            int outStart = out.length();
            int inStart = at;
            int length = span.start() - at;
            traces.add(name -> traceName(name, outStart, inStart, length));
            out.append(key, at, span.start());
            SpanRule spanRule = policy.spanRule(span.type());
            String found = key.substring(span.start(), span.end());
            if (spanRule.action() == Action.KEEP) {
                int keptAt = out.length();
                traces.add(name -> traceName(name, keptAt, span.start(), found.length()));
                out.append(found);
            } else {
                Token token = tokenize(spanRule.format(), spanRule.profile(), found);
                TokenFormat format = token == null ? policy.unknownRedaction() : spanRule.format();
                String replacement = token == null ? fallback(found) : token.text();
                int replacedAt = out.length();
                traces.add(name -> traceNameReplaced(name, replacedAt, format, found, span.start(), replacement));
                out.append(replacement);
            }
            at = span.end();
        }
        int outStart = out.length();
        int inStart = at;
        traces.add(name -> traceName(name, outStart, inStart, key.length() - inStart));
        return out.append(key, at, key.length()).toString();
    }

    private void traceName(At member, int outStart, int inStart, int length) {
        if (trace != null) {
            trace.copy(member.output() + Provenance.NAME, outStart, member.real() + Provenance.NAME, inStart, length);
        }
    }

    private void traceNameReplaced(At member, int outStart, TokenFormat format, String original, int inStart, String replacement) {
        if (trace != null) {
            trace.replaced(member.output() + Provenance.NAME, outStart, member.real() + Provenance.NAME, inStart,
                    CopyTracker.copies(format, original, replacement));
        }
    }

    /** {@code name}, or {@code name~2}, {@code name~3}... when two replaced names come out the same. */
    private static String unique(ObjectNode out, String name) {
        String candidate = name;
        for (int n = 2; out.has(candidate); n++) {
            candidate = name + "~" + n;
        }
        return candidate;
    }

    /**
     * Whether a member name may reach the output: names are data too (a CRM may key a map by email
     * address), so the policy's detectors run on them as on free text.
     */
    private boolean isCleanName(String name) {
        return detections.isCleanName(policy.scanner(), name);
    }

    private JsonNode unknown(JsonNode node, At path) {
        if (policy.unknownFields() == Defaults.UnknownFields.DROP) {
            report.touch(path, DEFAULT_RULE, Action.DROP, null, null, 1, null);
            return null;
        }
        report.touch(path, DEFAULT_RULE, Action.REDACT, null, null, 1, null);
        String text = textOf(node);
        String redacted = policy.unknownRedaction().tokenize(text).text();
        traceReplaced(path, 0, policy.unknownRedaction(), text, 0, redacted);
        return nodes.textNode(redacted);
    }

    /** {@link Values#text}, an object's or array's canonical JSON written once for all views of the call. */
    private String textOf(JsonNode node) {
        return node.isContainerNode() ? detections.canonical(node) : Values.text(node);
    }

    /** Replaces a scalar, or an object or array whole, with the rule's format. */
    private JsonNode replace(CompiledRule rule, JsonNode node, At path) {
        String type = rule.type() == null ? null : rule.type().name();
        if (node.isNull()) {
            report.touch(path, rule.source(), rule.action(), type, rule.profile(), 1, null);
            return node;
        }
        String text = textOf(node);
        checkLength(text.length(), path);
        Token token = tokenize(rule.format(), rule.profile(), text);
        if (token == null) {
            report.touch(path, rule.source(), Action.REDACT, type, rule.profile(), 1, fallbackNote(rule.profile()));
            String redacted = fallback(text);
            traceReplaced(path, 0, policy.unknownRedaction(), text, 0, redacted);
            return nodes.textNode(redacted);
        }
        traceReplaced(path, 0, rule.format(), text, 0, token.text());
        report.touch(path, rule.source(), rule.action(), type, rule.profile(), 1, null);
        if (known != null && (node.isTextual() || node.isNumber())) {
            remember(rule, text, token.text());
        }
        CompiledProfile profile = rule.profile() == null ? null : policy.profiles().get(rule.profile());
        if (rule.action() == Action.TOKENIZE && profile != null && profile.reversible()) {
            report.token(new TokenRecord(path.output().toString(), profile.name(), token.keyVersion(), Values.kind(node)));
        }
        return nodes.textNode(token.text());
    }

    /** Remembers a replaced structured value (and, for a person, each part of the name) for free text. */
    private void remember(CompiledRule rule, String value, String replacement) {
        String type = rule.type() == null ? null : rule.type().name();
        // a value known already (an author id in every comment) makes no Known to be turned down
        if (known.isNew(value)) {
            known.add(value, new KnownValues.Known(replacement, type, rule.action(), rule.profile(), rule.source(), rule.format(), value));
        }
        List<String> all = withNameParts(rule, value);
        for (int i = 1; i < all.size(); i++) {
            String part = all.get(i);
            Token token = tokenize(rule.format(), rule.profile(), part); // made even for a part known already: the same token calls as ever
            if (token != null && known.isNew(part)) {
                known.add(part, new KnownValues.Known(token.text(), type, rule.action(), rule.profile(), rule.source(), rule.format(), part));
            }
        }
    }

    /**
     * The value and, for a person's name of several words, each word long enough to look for alone
     * (a first name in a sign-off), whether the name was replaced or dropped.
     */
    private static List<String> withNameParts(CompiledRule rule, String value) {
        if (!PiiType.PERSON.equals(rule.type())) {
            return List.of(value);
        }
        List<String> all = new ArrayList<>();
        all.add(value);
        List<String> parts = words(value.strip());
        for (int i = 0; parts.size() > 1 && i < parts.size(); i++) {
            if (parts.get(i).codePointCount(0, parts.get(i).length()) >= KnownValues.MIN_LENGTH) {
                all.add(parts.get(i));
            }
        }
        return all;
    }

    /**
     * The words of a stripped text, as {@code text.split("\\s+")} gives them (a regex per name was
     * a cost of its own): the runs between ASCII whitespace {@code [ \t\n\x0B\f\r]}, which
     * {@code strip} has taken from both ends.
     */
    static List<String> words(String stripped) {
        List<String> words = new ArrayList<>(4);
        int start = -1;
        for (int i = 0; i <= stripped.length(); i++) {
            boolean space = i == stripped.length() || isRegexSpace(stripped.charAt(i));
            if (!space && start < 0) {
                start = i;
            } else if (space && start >= 0) {
                words.add(stripped.substring(start, i));
                start = -1;
            }
        }
        return words;
    }

    /** Java regex's {@code \s}: {@code [ \t\n\x0B\f\r]}. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /**
     * Replaces every span the policy's detectors find (and, when the policy propagates, every
     * structured value that recurs); a value with none stays as it was.
     */
    private JsonNode scan(CompiledRule rule, JsonNode node, At path) {
        if (!node.isTextual() && !node.isNumber()) {
            return node; // null and booleans carry no personal data
        }
        checkLength(Values.text(node).length(), path);
        if (dropsEncoded() && node.isTextual() && EncodedBlobs.isWholly(node.textValue())) {
            report.touch(path, rule.source(), Action.DROP, ENCODED_TYPE.name(), null, 1, "a base64 blob; on_encoded: drop");
            return null;
        }
        if (known == null) {
            return scanNow(rule, node, scannedText(node), path);
        }
        JsonNode placeholder = new TextNode("");
        String text = scannedText(node);
        longestPending = Math.max(longestPending, text.length());
        pending.add(new Pending(placeholder, rule, node, text, path, report.reserve()));
        return placeholder;
    }

    /** Scans {@code node}, whose text is {@code text} ({@link #scannedText}). */
    private JsonNode scanNow(CompiledRule rule, JsonNode node, String text, At path) {
        List<Span> spans = detect(policy.scanner(), node, text);
        List<KnownValues.Hit> hits = known == null ? List.of() : known.find(text);
        List<Span> blobs = dropsEncoded() ? EncodedBlobs.find(text, ENCODED_TYPE) : List.of();
        if (!blobs.isEmpty()) {
            // a blob goes whole: what detectors or known values found inside it goes with it
            spans = EncodedBlobs.merge(blobs, spans);
            hits = hits.stream().filter(h -> blobs.stream().noneMatch(b -> h.start() < b.end() && b.start() < h.end())).toList();
        }
        String type = rule.type() == null ? null : rule.type().name();
        if (spans.isEmpty() && hits.isEmpty()) {
            report.touch(path, rule.source(), Action.SCAN, type, null, 0, null);
            traceCopy(path, 0, 0, text.length());
            return node;
        }
        StringBuilder out = new StringBuilder(text.length() + 16 * (spans.size() + hits.size()));
        Tally<SpanRule> replaced = new Tally<>();
        Tally<PiiType> fellBack = new Tally<>();
        Tally<KnownValues.Known> propagated = new Tally<>();
        int at = 0;
        int s = 0;
        int h = 0;
        while (s < spans.size() || h < hits.size()) {
            // a cluster: the next span or hit and everything overlapping it
            boolean hitFirst = s == spans.size() || (h < hits.size() && hits.get(h).start() <= spans.get(s).start());
            int start = hitFirst ? hits.get(h).start() : spans.get(s).start();
            int end = start;
            KnownValues.Hit firstHit = null;
            Span widest = null;
            int hitStart = Integer.MAX_VALUE;
            int hitEnd = -1;
            while ((s < spans.size() && spans.get(s).start() < Math.max(end, start + 1))
                    || (h < hits.size() && hits.get(h).start() < Math.max(end, start + 1))) {
                if (h < hits.size() && hits.get(h).start() < Math.max(end, start + 1)) {
                    KnownValues.Hit hit = hits.get(h++);
                    firstHit = firstHit == null ? hit : firstHit;
                    hitStart = Math.min(hitStart, hit.start());
                    hitEnd = Math.max(hitEnd, hit.end());
                    end = Math.max(end, hit.end());
                } else {
                    Span span = spans.get(s++);
                    widest = widest == null || span.length() > widest.length() ? span : widest;
                    end = Math.max(end, span.end());
                }
            }
            traceCopy(path, out.length(), at, start - at);
            out.append(text, at, start);
            boolean spanHoldsHits = widest != null && widest.start() == start && widest.end() == end
                    && (firstHit == null || hitStart > start || hitEnd < end);
            if (spanHoldsHits) {
                // a larger piece of personal data (an email holding the name) keeps its own treatment
                replaceSpan(widest, text, out, replaced, fellBack, path);
            } else {
                // a known value wins over spans it overlaps: the union goes, so nothing of either shows
                tracePropagated(path, out.length(), text, firstHit);
                out.append(firstHit.known().replacement());
                propagated.add(firstHit.known().reported());
            }
            at = end;
        }
        traceCopy(path, out.length(), at, text.length() - at);
        out.append(text, at, text.length());
        int found = replaced.total() + fellBack.total() + propagated.total();
        report.touch(path, rule.source(), Action.SCAN, type, null, found, null);
        reportSpans(path, rule.source(), replaced, fellBack, propagated);
        return nodes.textNode(out.toString());
    }

    /**
     * Reports one scanned text's spans by rule, by type fallen back, and by propagated value, in
     * that order. Plain loops in a method of their own: written as capturing lambdas at the end of
     * {@link #scanNow}, the last lambda's invokedynamic site was left out of line by the compiler
     * (the method had used its inlining budget), and making it cost more than the rest of the
     * report; so did the {@code +} of its note.
     */
    private void reportSpans(At path, String source, Tally<SpanRule> replaced, Tally<PiiType> fellBack,
            Tally<KnownValues.Known> propagated) {
        for (int i = 0; i < replaced.size(); i++) {
            SpanRule spanRule = replaced.key(i);
            report.spans(path, source, spanRule.action(), spanRule.type().name(), spanRule.profile(), replaced.count(i), null);
        }
        for (int i = 0; i < fellBack.size(); i++) {
            PiiType spanType = fellBack.key(i);
            boolean encoded = spanType.equals(ENCODED_TYPE);
            report.spans(path, source, encoded ? Action.DROP : Action.REDACT, spanType.name(), null, fellBack.count(i),
                    encoded ? "base64 blobs; on_encoded: drop" : null);
        }
        for (int i = 0; i < propagated.size(); i++) {
            KnownValues.Known value = propagated.key(i);
            report.spans(path, source, value.action(), value.type() == null ? SanitizeReport.UNTYPED : value.type(), value.profile(),
                    propagated.count(i), PROPAGATED_FROM.concat(value.rule()));
        }
    }

    private void replaceSpan(Span span, String text, StringBuilder out, Tally<SpanRule> replaced, Tally<PiiType> fellBack,
            At path) {
        String found = text.substring(span.start(), span.end());
        if (span.type().equals(ENCODED_TYPE)) {
            out.append(ENCODED);
            fellBack.add(span.type());
            return;
        }
        SpanRule spanRule = policy.spanRule(span.type());
        if (spanRule.action() == Action.KEEP) {
            traceCopy(path, out.length(), span.start(), found.length());
            out.append(found);
            replaced.add(spanRule);
            return;
        }
        Token token = tokenize(spanRule.format(), spanRule.profile(), found);
        if (token == null) {
            String redacted = fallback(found);
            traceReplaced(path, out.length(), policy.unknownRedaction(), found, span.start(), redacted);
            out.append(redacted);
            fellBack.add(span.type());
        } else {
            traceReplaced(path, out.length(), spanRule.format(), found, span.start(), token.text());
            out.append(token.text());
            replaced.add(spanRule);
        }
    }

    /**
     * The token for {@code text}, or {@code null} when a format-preserving format refuses the value's
     * shape (the caller then redacts it). Missing keys and store failures propagate: fail closed.
     */
    private Token tokenize(TokenFormat format, String profileName, String text) {
        try {
            if (format.deterministic()) {
                // the same author id or name part recurs all over a ticket (and in each of its views): one token per document
                Token token = detections.madeToken(format, text);
                if (token == null) {
                    token = format.tokenize(text);
                    detections.made(format, text, token);
                }
                return token;
            }
            return format.tokenize(text);
        } catch (KeyUnavailableException e) {
            throw e;
        } catch (TokenizationException e) {
            CompiledProfile profile = profileName == null ? null : policy.profiles().get(profileName);
            if (profile != null && profile.shapeSensitive()) {
                return null;
            }
            throw e;
        }
    }

    private String fallback(String text) {
        return policy.unknownRedaction().tokenize(text).text();
    }

    private static String fallbackNote(String profile) {
        return "value does not fit profile " + profile + "; redacted";
    }

    private boolean dropsEncoded() {
        return policy.spec().defaults().onEncoded() == Defaults.OnEncoded.DROP;
    }

    /**
     * The spans {@code scanner} finds in a value's text;
     * a number is also read with its decimal point, exponent and sign as separators, so that
     * {@code 4042371347694173.0} holds a card number as {@code 4042371347694173} does.
     */
    private List<Span> detect(Scanner scanner, JsonNode node, String text) {
        List<Span> spans = detect(scanner, text);
        if (spans.isEmpty() && node.isNumber() && !node.isTextual()) {
            spans = detect(scanner, numberView(text));
        }
        return spans;
    }

    /** {@code scanner.detect(text)}, found once per text of the document (and once for all its views when they share their scans). */
    private List<Span> detect(Scanner scanner, String text) {
        return detections.detect(scanner, text);
    }

    /**
     * The text a value is scanned as: as it was sent, except that a number written with an
     * exponent ({@code 4.042371347694173E15}) is scanned in plain digits, as its reader sees it.
     */
    private String scannedText(JsonNode node) {
        String text = Values.text(node);
        if (node.isNumber() && !node.isTextual() && (text.indexOf('e') >= 0 || text.indexOf('E') >= 0)) {
            try {
                java.math.BigDecimal decimal = new java.math.BigDecimal(text);
                if (Math.abs((long) decimal.scale()) <= MAX_PLAIN_DIGITS) {
                    return decimal.toPlainString();
                }
            } catch (NumberFormatException e) {
                return text;
            }
        }
        return text;
    }

    /** A number's text with everything but its digits turned into spaces; offsets stay the same. */
    private static String numberView(String text) {
        char[] view = text.toCharArray();
        for (int i = 0; i < view.length; i++) {
            if (view[i] < '0' || view[i] > '9') {
                view[i] = ' ';
            }
        }
        return new String(view);
    }

    /**
     * A value under a keep that covers a whole object or array: checksum-validated personal data of
     * the types the policy scans for is replaced as {@code scan_actions} says and reported under the
     * rule {@code safety net}; anything else passes as kept.
     */
    private JsonNode netted(JsonNode node, At path) {
        if (!node.isTextual() && !node.isNumber()) {
            return checked(node, path);
        }
        String text = scannedText(node);
        checkLength(text.length(), path);
        List<Span> spans = policy.safetyNet().types().isEmpty() ? List.of() : detect(policy.safetyNet(), node, text);
        if (spans.isEmpty()) {
            return checked(node, path);
        }
        StringBuilder out = new StringBuilder(text.length() + 16 * spans.size());
        Tally<SpanRule> replaced = new Tally<>();
        Tally<PiiType> fellBack = new Tally<>();
        int at = 0;
        for (Span span : spans) {
            traceCopy(path, out.length(), at, span.start() - at);
            out.append(text, at, span.start());
            replaceSpan(span, text, out, replaced, fellBack, path);
            at = span.end();
        }
        traceCopy(path, out.length(), at, text.length() - at);
        out.append(text, at, text.length());
        report.touch(path, SAFETY_NET, Action.SCAN, null, null, spans.size(), null);
        replaced.forEach((spanRule, count) -> report.spans(path, SAFETY_NET, spanRule.action(), spanRule.type().name(), spanRule.profile(), count, null));
        fellBack.forEach((spanType, count) -> report.spans(path, SAFETY_NET, Action.REDACT, spanType.name(), null, count, null));
        return nodes.textNode(out.toString());
    }

    private JsonNode checked(JsonNode node, At path) {
        if (node.isTextual()) {
            checkLength(node.textValue().length(), path);
        }
        if (trace != null && (node.isTextual() || node.isNumber())) {
            traceCopy(path, 0, 0, Values.text(node).length());
        }
        return node;
    }

    private void traceCopy(At path, int outStart, int inStart, int length) {
        if (trace != null) {
            trace.copy(path.output(), outStart, path.real(), inStart, length);
        }
    }

    private void traceReplaced(At path, int outStart, TokenFormat format, String original, int inStart, String replacement) {
        if (trace != null) {
            trace.replaced(path.output(), outStart, path.real(), inStart, CopyTracker.copies(format, original, replacement));
        }
    }

    /** A known value's replacement copies characters of the value, which recur here as the hit's letters and digits. */
    private void tracePropagated(At path, int outStart, String text, KnownValues.Hit hit) {
        if (trace == null) {
            return;
        }
        KnownValues.Known known = hit.known();
        int[] copies = CopyTracker.copies(known.format(), known.value(), known.replacement());
        int[] onto = CopyTracker.onto(known.value(), text, hit.start(), hit.end());
        for (int i = 0; i < copies.length; i++) {
            if (copies[i] >= 0 && onto[copies[i]] >= 0) {
                trace.copy(path.output(), outStart + i, path.real(), onto[copies[i]], 1);
            }
        }
    }

    private void checkLength(int length, At path) {
        if (length > limits.maxStringLength()) {
            throw new LimitExceededException("maxStringLength", LimitExceededException.STRING_TOO_LONG, "a string of " + length
                    + " characters at " + path.input().toSafeString() + " exceeds maxStringLength = " + limits.maxStringLength());
        }
    }

    /** Where a node is in the input and where its replacement goes in the output (arrays close up over dropped elements). */
    record At(JsonPath input, JsonPath output, JsonPath real) {

        static final At ROOT = new At(JsonPath.ROOT, JsonPath.ROOT, JsonPath.ROOT);

        /** {@code real} is the input path with every member name as it is; {@code input}, for reports, hides names that hold personal data. */
        At(JsonPath input, JsonPath output) {
            this(input, output, input);
        }

        At member(String key) {
            JsonPath in = input.member(key);
            // the real and output paths are other objects only below a hidden name or a closed-up
            // array: on the usual path one object, whose text the report then makes once, not twice
            return new At(in, output == input ? in : output.member(key), real == input ? in : real.member(key));
        }

        At element(int index, int outputIndex) {
            JsonPath in = input.element(index);
            return new At(in, output == input && index == outputIndex ? in : output.element(outputIndex),
                    real == input ? in : real.element(index));
        }
    }
}
