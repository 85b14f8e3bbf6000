package dev.veil.gateway.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A response as a handler returns it: status, headers and body bytes; immutable. */
public final class HttpResponse {

    static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] EMPTY = new byte[0];

    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;
    private final java.io.InputStream stream; // a streamed body instead of body, or null
    private final long streamLength;
    private final ResponseRelay relay; // an answer produced later on the event loop, or null

    private HttpResponse(int status, Map<String, String> headers, byte[] body) {
        this(status, headers, body, null, -1);
    }

    private HttpResponse(int status, Map<String, String> headers, byte[] body, java.io.InputStream stream, long streamLength) {
        this(status, headers, body, stream, streamLength, null);
    }

    private HttpResponse(int status, Map<String, String> headers, byte[] body, java.io.InputStream stream, long streamLength,
            ResponseRelay relay) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 200..599)");
        }
        this.status = status;
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body;
        this.stream = stream;
        this.streamLength = streamLength;
        this.relay = relay;
    }

    /** {@code value} serialized with Jackson (a POJO, a record, a map or a {@code JsonNode}). */
    public static HttpResponse json(int status, Object value) {
        requireNonNull(value, "value");
        if (value instanceof byte[] bytes) {
            return json(status, bytes);
        }
        try {
            return json(status, MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            // The message may quote the value: report the type only.
            throw new IllegalStateException("response: " + value.getClass().getSimpleName() + " cannot be written as JSON");
        }
    }

    /** Bytes that already are a JSON document. */
    public static HttpResponse json(int status, byte[] json) {
        return of(status, JSON, json);
    }

    /** UTF-8 plain text. */
    public static HttpResponse text(int status, String text) {
        return of(status, "text/plain; charset=utf-8", requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
    }

    /** 204 with no body. */
    public static HttpResponse noContent() {
        return new HttpResponse(204, Map.of(), EMPTY);
    }

    /** Any body with its content type; the array is taken over, not copied. */
    public static HttpResponse of(int status, String contentType, byte[] body) {
        requireNonNull(contentType, "contentType");
        requireNonNull(body, "body");
        return new HttpResponse(status, Map.of("Content-Type", contentType), body);
    }

    /**
     * A body the server copies to the client as it is read, a chunk at a time (never whole in
     * memory), then closes; {@code length} is its length, or -1 if unknown (sent chunked). A read
     * failure after the head is written closes the connection.
     */
    public static HttpResponse streamed(int status, String contentType, long length, java.io.InputStream body) {
        requireNonNull(contentType, "contentType");
        requireNonNull(body, "body");
        return new HttpResponse(status, Map.of("Content-Type", contentType), EMPTY, body, length < 0 ? -1 : length);
    }

    /**
     * An answer {@code relay} produces later on the connection's event loop (an upstream call that
     * needs no thread while it waits); the handler's thread is free as soon as it returns this.
     */
    public static HttpResponse relayed(ResponseRelay relay) {
        return new HttpResponse(200, Map.of(), EMPTY, null, -1, requireNonNull(relay, "relay"));
    }

    /** Whether the answer comes from a relay ({@link #relayed}). */
    public boolean isRelayed() {
        return relay != null;
    }

    ResponseRelay relay() {
        return relay;
    }

    /** Whether the body is streamed ({@link #streamed}). */
    public boolean isStreamed() {
        return stream != null;
    }

    java.io.InputStream stream() {
        return stream;
    }

    long streamLength() {
        return streamLength;
    }

    /** This response with header {@code name} set to {@code value} (replacing any before). */
    public HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
        return new HttpResponse(status, copy, body, stream, streamLength, relay);
    }

    public int status() {
        return status;
    }

    /** Headers by case-insensitive name. */
    public Map<String, String> headers() {
        return headers;
    }

    /** A copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    byte[] bodyUnsafe() {
        return body;
    }

    @Override
    public String toString() {
        return "HttpResponse[" + status + ", " + body.length + " bytes]";
    }
}
