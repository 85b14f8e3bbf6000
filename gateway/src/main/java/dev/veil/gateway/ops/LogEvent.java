package dev.veil.gateway.ops;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A kind of log line: a stable snake_case code and a fixed sentence, declared once as a constant
 * (e.g. {@code static final LogEvent STARTED = LogEvent.of("server_started", "Veil is listening")}).
 * The message must never be built from a value, a header or a body; varying facts go in typed
 * {@link LogField}s.
 */
public record LogEvent(String code, String message) {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    static final int MAX_MESSAGE = 200;

    public LogEvent {
        requireNonNull(code, "code");
        requireNonNull(message, "message");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code: expected snake_case of at most 64 characters");
        }
        if (message.length() > MAX_MESSAGE || message.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("message: expected one line of at most " + MAX_MESSAGE + " characters");
        }
    }

    public static LogEvent of(String code, String message) {
        return new LogEvent(code, message);
    }
}
