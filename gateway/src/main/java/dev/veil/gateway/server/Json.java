package dev.veil.gateway.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.veil.gateway.http.HttpException;
import dev.veil.gateway.http.HttpRequest;
import dev.veil.gateway.http.HttpResponse;
import dev.veil.gateway.http.JsonBodies;

/** JSON for the gateway's own answers (times as ISO-8601 text) and small request bodies. */
public final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    /** Bodies of expert and admin calls are small: 64 KiB of JSON, 16 levels, strings of 32 Ki characters. */
    private static final JsonBodies SMALL_BODIES = JsonBodies.of(16, 32 * 1024);

    private Json() {}

    /** {@code value} as a JSON answer with {@code status}. */
    public static HttpResponse answer(int status, Object value) {
        try {
            return HttpResponse.json(status, MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written as JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A new empty object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The request's body as a JSON object, within small-body limits; 400 otherwise. */
    public static ObjectNode objectBody(HttpRequest request) {
        JsonNode node = SMALL_BODIES.read(request);
        if (!(node instanceof ObjectNode object)) {
            throw HttpException.badRequest("invalid_json", "the body must be a JSON object");
        }
        return object;
    }

    /** The text member {@code name} of {@code body}; 400 naming the member (a name we chose) when absent. */
    public static String text(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || !value.isTextual()) {
            throw HttpException.badRequest("bad_request", "expected a string member '" + name + "'");
        }
        return value.textValue();
    }
}
