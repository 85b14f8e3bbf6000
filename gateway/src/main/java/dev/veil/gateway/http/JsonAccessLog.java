package dev.veil.gateway.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * An access log with one JSON object per line: time, listener, method, route pattern, status,
 * duration and sizes. Never a raw path, query string, header or body.
 */
public final class JsonAccessLog implements RequestObserver {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Consumer<String> sink;
    private final Clock clock;

    private JsonAccessLog(Consumer<String> sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** Lines appended to {@code out}, each ending with a newline; writes are serialized. */
    public static JsonAccessLog to(Appendable out, Clock clock) {
        requireNonNull(out, "out");
        return new JsonAccessLog(line -> {
            synchronized (out) {
                try {
                    out.append(line).append('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }, requireNonNull(clock, "clock"));
    }

    /** Lines handed to {@code sink} (a logger's {@code info}, say), without a newline. */
    public static JsonAccessLog to(Consumer<String> sink, Clock clock) {
        return new JsonAccessLog(requireNonNull(sink, "sink"), requireNonNull(clock, "clock"));
    }

    @Override
    public void onResponse(RequestLog log) {
        sink.accept(line(log));
    }

    String line(RequestLog log) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("ts", clock.instant().toString());
        node.put("listener", log.listener());
        node.put("method", log.method());
        node.put("route", log.route());
        node.put("status", log.status());
        node.put("duration_ms", log.durationNanos() / 1_000_000.0);
        node.put("request_bytes", log.requestBytes());
        node.put("response_bytes", log.responseBytes());
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("access log line cannot be written");
        }
    }
}
