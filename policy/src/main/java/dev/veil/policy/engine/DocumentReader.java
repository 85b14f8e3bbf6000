package dev.veil.policy.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.tokenizer.io.UnicodeText;
import java.io.IOException;

/**
 * Builds a document tree from JSON bytes with every {@link EngineLimits} applied while reading:
 * depth, string, member name and number length are Jackson's {@link StreamReadConstraints}; numbers
 * are kept as their text ({@link TextNumberNode}), never turned into a {@link java.math.BigDecimal};
 * a member name twice in one object and a lone surrogate are refused. Errors carry positions and
 * {@link JsonPath#toSafeString() safe paths} only. Thread-safe.
 */
final class DocumentReader {

    private final EngineLimits limits;
    private final JsonFactory factory;
    private final JsonNodeFactory nodes;

    DocumentReader(EngineLimits limits, JsonNodeFactory nodes) {
        this.limits = limits;
        this.nodes = nodes;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNameLength(limits.maxStringLength())
                        .maxNumberLength(limits.maxStringLength())
                        .maxDocumentLength(limits.maxDocumentBytes())
                        .build())
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    /**
     * One JSON value, read from UTF-8 bytes (a leading byte order mark is skipped).
     *
     * @throws LimitExceededException naming the limit exceeded
     * @throws InvalidDocumentException if it is not one well-formed JSON value of Unicode text
     */
    JsonNode read(byte[] json) {
        if (json.length > limits.maxDocumentBytes()) {
            throw LimitExceededException.documentTooLarge(json.length, limits);
        }
        try (JsonParser parser = factory.createParser(json)) {
            try {
                return root(parser);
            } catch (StreamConstraintsException e) {
                throw constraint(e, lastTokenIsNumber(json, parser.currentLocation().getByteOffset()));
            }
        } catch (StreamConstraintsException e) {
            throw constraint(e, false);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input; say only where it broke
            if (String.valueOf(e.getOriginalMessage()).contains("surrogate")) {
                // Jackson checks surrogates in member names itself
                throw new InvalidDocumentException(InvalidDocumentException.INVALID_TEXT,
                        "document: a member name holds a lone surrogate (expected: Unicode text)" + where(e.getLocation()));
            }
            throw new InvalidDocumentException(InvalidDocumentException.INVALID_JSON, "document: not well-formed JSON" + where(e.getLocation()));
        } catch (IOException e) {
            throw new InvalidDocumentException(InvalidDocumentException.INVALID_JSON, "document: unreadable (" + e.getClass().getSimpleName() + ")");
        }
    }

    private JsonNode root(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new InvalidDocumentException(InvalidDocumentException.EMPTY_DOCUMENT, "document: empty (expected: one JSON value)");
        }
        JsonNode root = value(parser, first);
        if (parser.nextToken() != null) {
            throw new InvalidDocumentException(InvalidDocumentException.INVALID_JSON,
                    "document: not well-formed JSON: more than one value" + where(parser.currentLocation()));
        }
        return root;
    }

    private JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> nodes.textNode(checked(parser.getText(), parser));
            case VALUE_NUMBER_INT -> new TextNumberNode(parser.getText(), true);
            case VALUE_NUMBER_FLOAT -> new TextNumberNode(parser.getText(), false);
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> throw new InvalidDocumentException(InvalidDocumentException.INVALID_JSON,
                    "document: not well-formed JSON" + where(parser.currentLocation()));
        };
    }

    private ObjectNode object(JsonParser parser) throws IOException {
        ObjectNode object = nodes.objectNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = checked(parser.currentName(), parser);
            JsonNode child = value(parser, parser.nextToken());
            if (object.replace(name, child) != null) {
                // last-wins would let one parser see a value another never checked
                throw new InvalidDocumentException(InvalidDocumentException.DUPLICATE_KEY, "document: a member name appears twice in the object at "
                        + pathOf(parser.getParsingContext().getParent()).toSafeString() + where(parser.currentLocation()));
            }
        }
        return object;
    }

    private ArrayNode array(JsonParser parser) throws IOException {
        ArrayNode array = nodes.arrayNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            array.add(value(parser, token));
        }
        return array;
    }

    /** Refuses a lone surrogate: written out as UTF-8 it would silently become '?'. */
    private static String checked(String text, JsonParser parser) {
        if (!UnicodeText.isWellFormed(text)) {
            throw new InvalidDocumentException(InvalidDocumentException.INVALID_TEXT, "document: a string or member name at "
                    + pathOf(parser.getParsingContext()).toSafeString() + " holds a lone surrogate (expected: Unicode text)");
        }
        return text;
    }

    /**
     * The path of the entry the parser is at in {@code context} (the member whose name or value it
     * read, or the element): made from the parser's own record only when an error names it, so
     * that no path is made per value read.
     */
    private static JsonPath pathOf(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return JsonPath.ROOT;
        }
        JsonPath container = pathOf(context.getParent());
        return context.inObject() ? container.member(context.getCurrentName()) : container.element(context.getCurrentIndex());
    }

    /**
     * @param inNumber whether the parser stopped in (or just after) a number: Jackson checks a long
     *     number against its text buffer's string limit before the number ends, so its message then
     *     speaks of a string
     */
    private LimitExceededException constraint(StreamConstraintsException e, boolean inNumber) {
        String message = String.valueOf(e.getOriginalMessage());
        String where = where(e.getLocation());
        if (message.contains("nesting depth")) {
            return new LimitExceededException("maxDepth", LimitExceededException.TOO_DEEP,
                    "document nests deeper than maxDepth = " + limits.maxDepth() + where);
        }
        if (message.contains("Number value length") || message.contains("number value length")
                || (inNumber && (message.contains("String value length") || message.contains("string value length")))) {
            return new LimitExceededException("maxStringLength", LimitExceededException.NUMBER_TOO_LONG,
                    "document holds a number longer than maxStringLength = " + limits.maxStringLength() + where);
        }
        if (message.contains("Document length") || message.contains("document length")) {
            return LimitExceededException.documentTooLarge(-1, limits);
        }
        if (message.contains("length")) {
            return new LimitExceededException("maxStringLength", LimitExceededException.STRING_TOO_LONG,
                    "document holds a string longer than maxStringLength = " + limits.maxStringLength() + where);
        }
        return new LimitExceededException("document", "limit_exceeded", "document exceeds a parser limit" + where);
    }

    /**
     * Whether the last string or number token that begins before {@code offset} is a number. A
     * length limit fails inside the token being read or right after it, never past the start of the
     * next one, so this names the token that broke it. Scans at most the document once; only
     * failures call it.
     */
    static boolean lastTokenIsNumber(byte[] json, long offset) {
        int end = (int) Math.min(Math.max(offset, 0), json.length);
        boolean inString = false;
        boolean number = false;
        for (int i = 0; i < end; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++; // the escaped byte cannot end the string
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
                number = false;
            } else if (b == '-' || (b >= '0' && b <= '9')) {
                number = true; // outside strings only numbers hold digits or '-' (true, false, null do not)
            }
        }
        return number;
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
