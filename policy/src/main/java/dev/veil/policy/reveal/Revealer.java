package dev.veil.policy.reveal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.CompiledProfile;
import dev.veil.policy.engine.JsonPath;
import dev.veil.policy.engine.TokenRecord;
import dev.veil.policy.path.Segment;
import dev.veil.policy.path.Selector;
import dev.veil.policy.path.SelectorSyntaxException;
import dev.veil.tokenizer.token.ReversibleTokenFormat;
import dev.veil.tokenizer.token.TokenizationException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns tokens back into values for an audience (such as the brand's CRM) as the policy's
 * {@code reveal} rules allow, leaving every other token in place. Structured fields are revealed
 * from the engine's {@link TokenRecord}s (which carry the key version that format-preserving tokens
 * need); vaulted tokens are recognised by their prefix anywhere in text. Format-preserving tokens in
 * free text cannot be told from other text and stay as they are. Immutable and thread-safe.
 */
public final class Revealer {

    /** Characters after a vaulted token's prefix: 128 bits in base 62. */
    private static final String VAULTED_BODY = "[0-9A-Za-z]{22}";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final CompiledPolicy policy;
    private final Pattern vaulted;
    private final Map<String, CompiledProfile> byPrefix;

    private Revealer(CompiledPolicy policy) {
        this.policy = policy;
        this.byPrefix = new HashMap<>();
        StringBuilder alternatives = new StringBuilder();
        for (CompiledProfile profile : policy.profiles().values()) {
            if (profile.prefix() != null && profile.reversible()) {
                byPrefix.put(profile.prefix(), profile);
                alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(profile.prefix()));
            }
        }
        this.vaulted = alternatives.length() == 0 ? null
                : Pattern.compile("(?<![0-9A-Za-z_])(" + alternatives + ")" + VAULTED_BODY + "(?![0-9A-Za-z])");
    }

    public static Revealer of(CompiledPolicy policy) {
        requireNonNull(policy, "policy");
        return new Revealer(policy);
    }

    /**
     * Reveals, in a copy of {@code document}, the structured tokens listed in {@code tokens} and the
     * vaulted tokens in any string, for {@code audience}.
     *
     * @throws IllegalArgumentException if no reveal rule names {@code audience}
     * @throws TokenizationException if a key or the token store is unavailable (nothing is revealed)
     */
    public RevealedDocument reveal(String audience, JsonNode document, List<TokenRecord> tokens) {
        requireNonNull(document, "document");
        requireNonNull(tokens, "tokens");
        Tally tally = new Tally(policy.revealable(audience));
        JsonNode copy = document.deepCopy();
        Set<String> handled = new HashSet<>();
        for (TokenRecord record : tokens) {
            revealField(copy, record, tally);
            handled.add(record.path());
        }
        // values the records covered were revealed, withheld or counted already
        JsonNode out = revealStrings(copy, JsonPath.root(), handled, tally);
        return new RevealedDocument(out, tally.report(audience));
    }

    /**
     * Reveals the vaulted tokens in {@code text} (for example an expert's reply) for {@code audience}.
     *
     * @throws IllegalArgumentException if no reveal rule names {@code audience}
     * @throws TokenizationException if a key or the token store is unavailable
     */
    public RevealedText revealText(String audience, String text) {
        requireNonNull(text, "text");
        Tally tally = new Tally(policy.revealable(audience));
        return new RevealedText(text(text, tally), tally.report(audience));
    }

    private void revealField(JsonNode root, TokenRecord record, Tally tally) {
        CompiledProfile profile = policy.profiles().get(record.profile());
        if (profile == null || !profile.reversible()) {
            tally.unresolved++;
            return;
        }
        if (!tally.allowed.contains(profile.name())) {
            tally.withheld++;
            return;
        }
        List<Segment> segments;
        try {
            segments = Selector.parse(record.path()).segments();
        } catch (SelectorSyntaxException e) {
            tally.unresolved++;
            return;
        }
        if (segments.isEmpty()) {
            tally.unresolved++; // the root is never a token
            return;
        }
        JsonNode parent = root;
        for (int i = 0; i < segments.size() - 1 && parent != null; i++) {
            parent = child(parent, segments.get(i));
        }
        Segment last = segments.get(segments.size() - 1);
        JsonNode token = parent == null ? null : child(parent, last);
        if (token == null || !token.isTextual()) {
            tally.unresolved++;
            return;
        }
        String value = detokenize(profile, token.textValue(), record.keyVersion(), tally);
        if (value == null) {
            return;
        }
        JsonNode restored = restore(value, record.kind());
        if (restored == null) {
            tally.unresolved++;
            return;
        }
        if (parent instanceof ObjectNode object) {
            object.set(last.name(), restored);
        } else if (parent instanceof ArrayNode array) {
            array.set(last.index(), restored);
        }
        tally.revealed(profile.name());
    }

    private JsonNode revealStrings(JsonNode node, JsonPath path, Set<String> handled, Tally tally) {
        if (vaulted == null || (!handled.isEmpty() && handled.contains(path.toString()))) {
            return node;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            String revealed = text(text, tally);
            return revealed.equals(text) ? node : NODES.textNode(revealed);
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new java.util.ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, revealStrings(object.get(name), path.member(name), handled, tally));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, revealStrings(array.get(i), path.element(i), handled, tally));
            }
        }
        return node;
    }

    private String text(String text, Tally tally) {
        if (vaulted == null) {
            return text;
        }
        Matcher matcher = vaulted.matcher(text);
        StringBuilder out = null;
        int at = 0;
        while (matcher.find()) {
            CompiledProfile profile = byPrefix.get(matcher.group(1));
            String value;
            if (!tally.allowed.contains(profile.name())) {
                tally.withheld++;
                value = null;
            } else {
                value = detokenize(profile, matcher.group(), 0, tally);
            }
            if (value == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 32);
            }
            out.append(text, at, matcher.start()).append(value);
            at = matcher.end();
            tally.revealed(profile.name());
        }
        if (out == null) {
            return text;
        }
        return out.append(text, at, text.length()).toString();
    }

    /** The value, or {@code null} (counted as unresolved) for a token this brand's store does not know. */
    private static String detokenize(CompiledProfile profile, String token, int keyVersion, Tally tally) {
        try {
            return ((ReversibleTokenFormat) profile.format()).detokenize(token, keyVersion);
        } catch (TokenizationException e) {
            if (TokenizationException.STORE_UNAVAILABLE.equals(e.code()) || e instanceof dev.veil.tokenizer.vault.KeyUnavailableException) {
                throw e; // the store or a key is down: fail rather than deliver tokens as if revealed
            }
            tally.unresolved++;
            return null;
        }
    }

    private static JsonNode child(JsonNode parent, Segment segment) {
        return switch (segment.kind()) {
            case NAME -> parent.isObject() ? parent.get(segment.name()) : null;
            case INDEX -> parent.isArray() ? parent.get(segment.index()) : null;
            case WILDCARD -> null;
        };
    }

    private static JsonNode restore(String value, TokenRecord.ValueKind kind) {
        try {
            return switch (kind) {
                case STRING -> NODES.textNode(value);
                case NUMBER -> number(value);
                case BOOLEAN -> NODES.booleanNode(Boolean.parseBoolean(value));
                case JSON -> MAPPER.readTree(value);
            };
        } catch (NumberFormatException | JsonProcessingException e) {
            return null;
        }
    }

    private static JsonNode number(String digits) {
        BigDecimal value = new BigDecimal(digits);
        boolean integral = digits.indexOf('.') < 0 && digits.indexOf('e') < 0 && digits.indexOf('E') < 0;
        return integral ? NODES.numberNode(value.toBigIntegerExact()) : DecimalNode.valueOf(value);
    }

    /** Counts for one reveal call. */
    private static final class Tally {

        final Set<String> allowed;
        final Map<String, Integer> revealed = new LinkedHashMap<>();
        int withheld;
        int unresolved;

        Tally(Set<String> allowed) {
            this.allowed = allowed;
        }

        void revealed(String profile) {
            revealed.merge(profile, 1, Integer::sum);
        }

        RevealReport report(String audience) {
            return new RevealReport(audience, revealed, withheld, unresolved);
        }
    }
}
