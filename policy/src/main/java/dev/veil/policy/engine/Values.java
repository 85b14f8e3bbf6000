package dev.veil.policy.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The text a format sees for a JSON value, and the canonical form of objects and arrays. */
final class Values {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_PLAIN_SCALE = 1000;

    private Values() {}

    /**
     * A string's text, a number's text as it was sent (parsed documents keep it, see
     * {@link TextNumberNode}; decimals built in memory in plain digits while short), a
     * boolean's {@code true} or {@code false}; for objects and arrays, {@link #canonical}.
     */
    static String text(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBigDecimal()) {
            // a tree built in memory: plain digits only while the exponent is small, 1e999999999 is never expanded
            BigDecimal decimal = node.decimalValue();
            return Math.abs((long) decimal.scale()) <= MAX_PLAIN_SCALE ? decimal.toPlainString() : decimal.toString();
        }
        if (node.isContainerNode()) {
            return canonical(node);
        }
        return node.asText();
    }

    static TokenRecord.ValueKind kind(JsonNode node) {
        if (node.isTextual()) {
            return TokenRecord.ValueKind.STRING;
        }
        if (node.isNumber()) {
            return TokenRecord.ValueKind.NUMBER;
        }
        if (node.isBoolean()) {
            return TokenRecord.ValueKind.BOOLEAN;
        }
        return TokenRecord.ValueKind.JSON;
    }

    /** Compact JSON with object members sorted by name at every level, so equal data gives equal text. */
    static String canonical(JsonNode node) {
        // a parsed document holds only the node kinds CanonicalJson writes itself; any other
        // (a tree built in memory) goes through Jackson, which the direct text was checked against
        String written = CanonicalJson.write(node);
        return written != null ? written : canonicalByJackson(node);
    }

    /** {@link #canonical} as Jackson writes it: a sorted copy of the tree, serialized. */
    static String canonicalByJackson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written"); // never Jackson's exception as cause (error contract)
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = MAPPER.createObjectNode();
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            var out = MAPPER.createArrayNode();
            node.forEach(child -> out.add(sorted(child)));
            return out;
        }
        return node;
    }
}
