package dev.veil.policy.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.veil.policy.compile.CompiledPolicy;
import java.io.IOException;

/**
 * Applies compiled policies to JSON documents within {@link EngineLimits}: returns the document
 * as an expert may see it and a report of what was done. Immutable and thread-safe; the same
 * input with the same keys and token store gives the same output.
 */
public final class PolicyEngine {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final EngineLimits limits;
    private final ObjectMapper mapper;

    private PolicyEngine(EngineLimits limits) {
        this.limits = limits;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNameLength(limits.maxStringLength())
                        .build())
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .nodeFactory(NODES)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    public static PolicyEngine of(EngineLimits limits) {
        requireNonNull(limits, "limits");
        return new PolicyEngine(limits);
    }

    public EngineLimits limits() {
        return limits;
    }

    /**
     * Parses {@code json} within the limits, keeping numbers exact.
     *
     * @throws LimitExceededException naming the limit exceeded
     * @throws InvalidDocumentException if it is not one well-formed JSON value
     */
    public JsonNode parse(byte[] json) {
        requireNonNull(json, "json");
        if (json.length > limits.maxDocumentBytes()) {
            throw new LimitExceededException("maxDocumentBytes",
                    "document of " + json.length + " bytes exceeds maxDocumentBytes = " + limits.maxDocumentBytes());
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (StreamConstraintsException e) {
            throw constraint(e);
        } catch (JsonProcessingException e) {
            throw new InvalidDocumentException("document: not well-formed JSON" + where(e.getLocation()));
        } catch (IOException e) {
            throw new InvalidDocumentException("document: unreadable");
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidDocumentException("document: empty (expected: one JSON value)");
        }
        return root;
    }

    /** Parses {@code json} and applies {@code policy} under {@code view} ({@code null} for the base policy). */
    public SanitizeResult apply(CompiledPolicy policy, String view, byte[] json) {
        requireNonNull(policy, "policy");
        policy.plan(view); // an unknown view is the caller's error, before any parsing
        return apply(policy, view, parse(json));
    }

    /**
     * Applies {@code policy} under {@code view} ({@code null} for the base policy) to a parsed
     * document; the input is not modified.
     *
     * @throws IllegalArgumentException if the policy has no such view
     * @throws LimitExceededException if the document nests too deeply or holds too long a string
     * @throws dev.veil.tokenizer.token.TokenizationException if a key or the token store is unavailable
     */
    public SanitizeResult apply(CompiledPolicy policy, String view, JsonNode document) {
        requireNonNull(policy, "policy");
        requireNonNull(document, "document");
        return new Sanitizer(policy, policy.plan(view), limits, NODES).run(document);
    }

    /** Compact JSON of {@code node}. */
    public String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private LimitExceededException constraint(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return new LimitExceededException("maxDepth", "document nests deeper than maxDepth = " + limits.maxDepth() + where(e.getLocation()));
        }
        if (message.contains("length")) {
            return new LimitExceededException("maxStringLength",
                    "document holds a string longer than maxStringLength = " + limits.maxStringLength() + where(e.getLocation()));
        }
        return new LimitExceededException("document", "document exceeds a parser limit" + where(e.getLocation()));
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
