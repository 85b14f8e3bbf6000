package dev.veil.gateway.ops;

import java.io.IOException;

/** Where audit lines go: each call appends one complete JSON line (without its newline). */
@FunctionalInterface
public interface AuditSink {

    /** Appends {@code jsonLine}; returns only once the line is as durable as the sink promises. */
    void append(String jsonLine) throws IOException;

    /**
     * The last lines appended, oldest first, at most {@code max}; a sink that cannot read back
     * answers an empty list.
     */
    default java.util.List<String> tail(int max) throws IOException {
        return java.util.List.of();
    }
}
