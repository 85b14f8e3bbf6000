package dev.veil.policy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.CompiledProfile;
import dev.veil.policy.compile.CompiledRule;
import dev.veil.policy.compile.Plan;
import dev.veil.policy.compile.SpanRule;
import dev.veil.policy.model.Action;
import dev.veil.policy.model.Defaults;
import dev.veil.policy.path.PathMatcher;
import dev.veil.tokenizer.detect.Span;
import dev.veil.tokenizer.token.Token;
import dev.veil.tokenizer.token.TokenFormat;
import dev.veil.tokenizer.token.TokenizationException;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import dev.veil.tokenizer.detect.PiiType;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks one document under one plan and builds the sanitized copy. Default-deny by construction:
 * a value reaches the output only through a rule (or below a keep, scan or mask rule); everything
 * else is dropped or redacted. One instance per document; not thread-safe.
 */
final class Sanitizer {

    private static final String DEFAULT_RULE = "default";

    private final CompiledPolicy policy;
    private final Plan plan;
    private final PathMatcher matcher;
    private final EngineLimits limits;
    private final JsonNodeFactory nodes;
    private final ReportBuilder report = new ReportBuilder();

    Sanitizer(CompiledPolicy policy, Plan plan, EngineLimits limits, JsonNodeFactory nodes) {
        this.policy = policy;
        this.plan = plan;
        this.matcher = plan.matcher();
        this.limits = limits;
        this.nodes = nodes;
    }

    SanitizeResult run(JsonNode root) {
        JsonNode out = walk(root, matcher.root(), null, At.ROOT, 0);
        if (out == null) {
            out = root.isArray() ? nodes.arrayNode() : root.isObject() ? nodes.objectNode() : nodes.nullNode();
        }
        return new SanitizeResult(out, report.build(policy.name(), policy.version(), plan.view()));
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
            case KEEP -> checked(node, path);
            case SCAN -> scan(rule, node, path);
            case MASK -> replace(rule, node, path);
            default -> throw new IllegalStateException("not inherited: " + rule.action());
        };
    }

    private JsonNode container(JsonNode node, PathMatcher.State state, CompiledRule inherited, At path, int depth) {
        if (depth + 1 > limits.maxDepth()) {
            throw new LimitExceededException("maxDepth", "document nests deeper than maxDepth = " + limits.maxDepth() + " at " + path.input());
        }
        if (node.isObject()) {
            ObjectNode out = nodes.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                checkLength(key.length(), path);
                JsonNode child = walk(field.getValue(), matcher.member(state, key), inherited, path.member(key), depth + 1);
                if (child != null) {
                    out.set(key, child);
                }
            }
            return out;
        }
        ArrayNode out = nodes.arrayNode();
        for (int i = 0; i < node.size(); i++) {
            JsonNode child = walk(node.get(i), matcher.element(state, i), inherited, path.element(i, out.size()), depth + 1);
            if (child != null) {
                out.add(child);
            }
        }
        return out;
    }

    private JsonNode unknown(JsonNode node, At path) {
        if (policy.unknownFields() == Defaults.UnknownFields.DROP) {
            report.touch(path, DEFAULT_RULE, Action.DROP, null, null, 1, null);
            return null;
        }
        report.touch(path, DEFAULT_RULE, Action.REDACT, null, null, 1, null);
        return nodes.textNode(policy.unknownRedaction().tokenize(Values.text(node)).text());
    }

    /** Replaces a scalar, or an object or array whole, with the rule's format. */
    private JsonNode replace(CompiledRule rule, JsonNode node, At path) {
        String type = rule.type() == null ? null : rule.type().name();
        if (node.isNull()) {
            report.touch(path, rule.source(), rule.action(), type, rule.profile(), 1, null);
            return node;
        }
        String text = Values.text(node);
        checkLength(text.length(), path);
        Token token = tokenize(rule.format(), rule.profile(), text);
        if (token == null) {
            report.touch(path, rule.source(), Action.REDACT, type, rule.profile(), 1, fallbackNote(rule.profile()));
            return nodes.textNode(fallback(text));
        }
        report.touch(path, rule.source(), rule.action(), type, rule.profile(), 1, null);
        CompiledProfile profile = rule.profile() == null ? null : policy.profiles().get(rule.profile());
        if (rule.action() == Action.TOKENIZE && profile != null && profile.reversible()) {
            report.token(new TokenRecord(path.output().toString(), profile.name(), token.keyVersion(), Values.kind(node)));
        }
        return nodes.textNode(token.text());
    }

    /** Replaces every span the policy's detectors find; a value with none stays as it was. */
    private JsonNode scan(CompiledRule rule, JsonNode node, At path) {
        if (!node.isTextual() && !node.isNumber()) {
            return node; // null and booleans carry no personal data
        }
        String text = Values.text(node);
        checkLength(text.length(), path);
        List<Span> spans = policy.scanner().detect(text);
        String type = rule.type() == null ? null : rule.type().name();
        report.touch(path, rule.source(), Action.SCAN, type, null, spans.size(), null);
        if (spans.isEmpty()) {
            return node;
        }
        StringBuilder out = new StringBuilder(text.length() + 16 * spans.size());
        Map<SpanRule, int[]> replaced = new LinkedHashMap<>();
        Map<PiiType, int[]> fellBack = new LinkedHashMap<>();
        int at = 0;
        for (Span span : spans) {
            out.append(text, at, span.start());
            SpanRule spanRule = policy.spanRule(span.type());
            String found = text.substring(span.start(), span.end());
            if (spanRule.action() == Action.KEEP) {
                out.append(found);
                replaced.computeIfAbsent(spanRule, r -> new int[1])[0]++;
            } else {
                Token token = tokenize(spanRule.format(), spanRule.profile(), found);
                if (token == null) {
                    out.append(fallback(found));
                    fellBack.computeIfAbsent(span.type(), t -> new int[1])[0]++;
                } else {
                    out.append(token.text());
                    replaced.computeIfAbsent(spanRule, r -> new int[1])[0]++;
                }
            }
            at = span.end();
        }
        out.append(text, at, text.length());
        replaced.forEach((spanRule, count) -> report.spans(path, rule.source(), spanRule.action(), spanRule.type().name(), spanRule.profile(), count[0]));
        fellBack.forEach((spanType, count) -> report.spans(path, rule.source(), Action.REDACT, spanType.name(), null, count[0]));
        return nodes.textNode(out.toString());
    }

    /**
     * The token for {@code text}, or {@code null} when a format-preserving format refuses the value's
     * shape (the caller then redacts it). Missing keys and store failures propagate: fail closed.
     */
    private Token tokenize(TokenFormat format, String profileName, String text) {
        try {
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

    private JsonNode checked(JsonNode node, At path) {
        if (node.isTextual()) {
            checkLength(node.textValue().length(), path);
        }
        return node;
    }

    private void checkLength(int length, At path) {
        if (length > limits.maxStringLength()) {
            throw new LimitExceededException("maxStringLength", "a string of " + length + " characters at " + path.input()
                    + " exceeds maxStringLength = " + limits.maxStringLength());
        }
    }

    /** Where a node is in the input and where its replacement goes in the output (arrays close up over dropped elements). */
    record At(JsonPath input, JsonPath output) {

        static final At ROOT = new At(JsonPath.ROOT, JsonPath.ROOT);

        At member(String key) {
            return new At(input.member(key), output.member(key));
        }

        At element(int index, int outputIndex) {
            return new At(input.element(index), output.element(outputIndex));
        }
    }
}
