package dev.veil.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reads a request body as JSON within limits on nesting depth and string length, checked while
 * parsing, before anything is built from the document. Failures are 400s with stable codes
 * ({@code invalid_json}, {@code duplicate_key}, {@code empty_document}, {@code too_deep}, {@code string_too_long}, the codes the policy engine gives a ticket) and details that name
 * positions and limits, never content. A member name twice in one object is {@code duplicate_key}:
 * "last one wins" would let two readers of the same body disagree on what it says.
 */
public final class JsonBodies {

    private final ObjectMapper mapper;
    private final int maxDepth;
    private final int maxStringLength;

    private JsonBodies(int maxDepth, int maxStringLength) {
        if (maxDepth <= 0) {
            throw new IllegalArgumentException("maxDepth: " + maxDepth + " (expected: > 0)");
        }
        if (maxStringLength <= 0) {
            throw new IllegalArgumentException("maxStringLength: " + maxStringLength + " (expected: > 0)");
        }
        this.maxDepth = maxDepth;
        this.maxStringLength = maxStringLength;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxStringLength(maxStringLength)
                        .maxNameLength(maxStringLength)
                        .build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = new ObjectMapper(factory).enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Documents at most {@code maxDepth} arrays/objects deep with strings (values and names) of at most {@code maxStringLength} characters. */
    public static JsonBodies of(int maxDepth, int maxStringLength) {
        return new JsonBodies(maxDepth, maxStringLength);
    }

    /** 64 levels, 1 Mi characters per string. */
    public static JsonBodies defaults() {
        return of(64, 1024 * 1024);
    }

    /** The body of {@code request} as a tree. */
    public JsonNode read(HttpRequest request) {
        return read(request.body());
    }

    /** {@code body} as a tree. */
    public JsonNode read(byte[] body) {
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            // Streamed once for exact limits (Jackson checks string lengths per buffer segment).
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    break;
                }
                if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                    if (parser.getTextLength() > maxStringLength) {
                        throw tooLong(parser);
                    }
                }
            }
        } catch (StreamConstraintsException e) {
            String message = String.valueOf(e.getOriginalMessage());
            if (message.contains("NestingDepth")) {
                throw HttpException.badRequest("too_deep", "JSON nesting exceeds the limit of " + maxDepth);
            }
            throw HttpException.badRequest("string_too_long", "a JSON string exceeds the limit of " + maxStringLength + " characters");
        } catch (HttpException e) {
            throw e;
        } catch (IOException e) {
            // Jackson's message quotes the input (and a duplicate's name): only the position is kept.
            if (String.valueOf(e instanceof com.fasterxml.jackson.core.JsonProcessingException json ? json.getOriginalMessage() : "")
                    .startsWith("Duplicate field")) {
                throw HttpException.badRequest("duplicate_key", "a member name appears twice in one object" + position(e));
            }
            throw HttpException.badRequest("invalid_json", "the body is not valid JSON" + position(e));
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw HttpException.badRequest("empty_document", "the body is empty");
            }
            return node;
        } catch (IOException e) {
            throw HttpException.badRequest("invalid_json", "the body is not valid JSON" + position(e));
        }
    }

    private HttpException tooLong(JsonParser parser) {
        return HttpException.badRequest("string_too_long", "a JSON string exceeds the limit of " + maxStringLength
                + " characters (line " + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr() + ")");
    }

    private static String position(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json && json.getLocation() != null) {
            return " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")";
        }
        return "";
    }
}
