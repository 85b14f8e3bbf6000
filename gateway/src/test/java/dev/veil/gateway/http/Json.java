package dev.veil.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads JSON in tests. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The error code of a Veil error body, after checking it has exactly the two members. */
    static String errorCode(String body) {
        JsonNode node = parse(body);
        if (node.size() != 2 || !node.has("error") || !node.has("detail")) {
            throw new AssertionError("not a Veil error body: " + body);
        }
        return node.get("error").asText();
    }
}
