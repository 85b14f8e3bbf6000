package dev.veil.policy.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.Plan;
import dev.veil.tokenizer.io.LimitedInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies compiled policies to JSON documents within {@link EngineLimits}: returns the document
 * as an expert may see it and a report of what was done. Immutable and thread-safe; the same
 * input with the same keys and token store gives the same output.
 */
public final class PolicyEngine {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final EngineLimits limits;
    private final DocumentReader reader;
    private final ObjectMapper mapper;

    private PolicyEngine(EngineLimits limits) {
        this.limits = limits;
        this.reader = new DocumentReader(limits, NODES);
        this.mapper = JsonMapper.builder().nodeFactory(NODES).build();
    }

    public static PolicyEngine of(EngineLimits limits) {
        requireNonNull(limits, "limits");
        return new PolicyEngine(limits);
    }

    public EngineLimits limits() {
        return limits;
    }

    /**
     * Parses {@code json} within the limits, keeping numbers as the text they were sent as.
     *
     * @throws LimitExceededException naming the limit exceeded
     * @throws InvalidDocumentException if it is not one well-formed JSON value (or holds a member
     *     name twice in one object, or a lone surrogate)
     */
    public JsonNode parse(byte[] json) {
        requireNonNull(json, "json");
        return reader.read(json);
    }

    /**
     * Reads at most {@code maxDocumentBytes} from {@code in} and parses them: a larger input fails
     * as soon as the limit is passed, never read whole into memory. Does not close {@code in}.
     *
     * @throws LimitExceededException naming the limit exceeded
     * @throws InvalidDocumentException if it is not one well-formed JSON value
     * @throws IOException if {@code in} cannot be read
     */
    public JsonNode parse(InputStream in) throws IOException {
        requireNonNull(in, "in");
        return parse(LimitedInput.readAtMost(in, limits.maxDocumentBytes(),
                () -> LimitExceededException.documentTooLarge(-1, limits)));
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

    /**
     * Applies {@code policy} under each of {@code views} ({@code null} for the base policy) to one
     * parsed document, in list order, as that many {@link #apply(CompiledPolicy, String, JsonNode)}
     * calls in that order would (same documents, same reports, same token store calls), but running
     * the policy's detectors once per text of the document rather than once per view. What they
     * found is kept only for this call.
     *
     * @return each view's result, in list order (the base policy's under the key {@code null}); unmodifiable
     * @throws IllegalArgumentException if the policy has no such view or a view is listed twice, before any is applied
     * @throws LimitExceededException if the document nests too deeply or holds too long a string
     * @throws dev.veil.tokenizer.token.TokenizationException if a key or the token store is unavailable
     */
    public Map<String, SanitizeResult> applyViews(CompiledPolicy policy, List<String> views, JsonNode document) {
        requireNonNull(policy, "policy");
        requireNonNull(views, "views");
        requireNonNull(document, "document");
        Map<String, Plan> plans = new LinkedHashMap<>();
        for (String view : views) {
            if (plans.containsKey(view)) {
                throw new IllegalArgumentException("views: a view is listed twice");
            }
            plans.put(view, policy.plan(view));
        }
        Detections detections = new Detections();
        Map<String, SanitizeResult> results = new LinkedHashMap<>();
        plans.forEach((view, plan) -> results.put(view, new Sanitizer(policy, plan, limits, NODES, detections).run(document)));
        return Collections.unmodifiableMap(results);
    }

    /**
     * Applies {@code policy} as {@link #apply(CompiledPolicy, String, JsonNode)} does and also
     * records which output characters copy input characters. Slower (each replacement is made
     * again from altered values): for {@code veil policy diff}, never for live traffic.
     */
    public TracedResult trace(CompiledPolicy policy, String view, JsonNode document) {
        requireNonNull(policy, "policy");
        requireNonNull(document, "document");
        Provenance provenance = new Provenance();
        SanitizeResult result = new Sanitizer(policy, policy.plan(view), limits, NODES, provenance).run(document);
        return new TracedResult(result, provenance);
    }

    /** Compact JSON of {@code node}. */
    public String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written"); // never Jackson's exception as cause (error contract)
        }
    }
}
