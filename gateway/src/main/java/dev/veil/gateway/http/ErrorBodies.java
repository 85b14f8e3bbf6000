package dev.veil.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** The one shape of every error the server sends: {@code {"error": code, "detail": detail}}. */
final class ErrorBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ErrorBodies() {}

    static HttpResponse response(int status, String code, String detail) {
        return response(status, code, detail, Map.of());
    }

    static HttpResponse response(int status, String code, String detail, Map<String, String> headers) {
        HttpResponse response = HttpResponse.json(status, bytes(code, detail));
        for (Map.Entry<String, String> header : headers.entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return response;
    }

    static byte[] bytes(String code, String detail) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("error", code);
        node.put("detail", detail);
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("error body cannot be written");
        }
    }
}
