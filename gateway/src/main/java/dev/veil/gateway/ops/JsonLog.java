package dev.veil.gateway.ops;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The server's own log: one JSON line per event on standard error, made only of a
 * {@link LogEvent} constant and typed {@link LogField}s, so no value, header or body can get in.
 *
 * <p>Line shape: {@code {"ts":"...","level":"info","event":"server_started","msg":"Veil is listening","port":8080}}.
 */
public final class JsonLog {

    /** How serious an event is. */
    public enum Level {
        INFO,
        WARN,
        ERROR
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> RESERVED = Set.of("ts", "level", "event", "msg");

    private final PrintStream out;
    private final Clock clock;

    private JsonLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** A log on standard error. */
    public static JsonLog stderr(Clock clock) {
        return new JsonLog(System.err, requireNonNull(clock, "clock"));
    }

    /** A log on {@code out}, for tests. */
    public static JsonLog to(PrintStream out, Clock clock) {
        return new JsonLog(requireNonNull(out, "out"), requireNonNull(clock, "clock"));
    }

    public void info(LogEvent event, LogField... fields) {
        write(Level.INFO, event, fields);
    }

    public void warn(LogEvent event, LogField... fields) {
        write(Level.WARN, event, fields);
    }

    public void error(LogEvent event, LogField... fields) {
        write(Level.ERROR, event, fields);
    }

    /** An error line that also names {@code failure} by its safe code and detail only. */
    public void error(LogEvent event, Throwable failure, LogField... fields) {
        write(Level.ERROR, event, withFailure(failure, fields));
    }

    /** A warning line that also names {@code failure} by its safe code and detail only. */
    public void warn(LogEvent event, Throwable failure, LogField... fields) {
        write(Level.WARN, event, withFailure(failure, fields));
    }

    private static LogField[] withFailure(Throwable failure, LogField[] fields) {
        LogField[] safe = LogField.error(failure);
        LogField[] all = Arrays.copyOf(fields, fields.length + safe.length);
        System.arraycopy(safe, 0, all, fields.length, safe.length);
        return all;
    }

    /** Writes one line; a field named like a reserved key or twice is an error in the caller. */
    public void write(Level level, LogEvent event, LogField... fields) {
        requireNonNull(level, "level");
        requireNonNull(event, "event");
        requireNonNull(fields, "fields");
        StringWriter line = new StringWriter();
        Set<String> seen = new HashSet<>();
        try (JsonGenerator g = JSON.createGenerator(line)) {
            g.writeStartObject();
            g.writeStringField("ts", clock.instant().toString());
            g.writeStringField("level", level.name().toLowerCase(Locale.ROOT));
            g.writeStringField("event", event.code());
            g.writeStringField("msg", event.message());
            for (LogField field : fields) {
                requireNonNull(field, "field");
                if (RESERVED.contains(field.name()) || !seen.add(field.name())) {
                    throw new IllegalArgumentException("field " + field.name() + ": reserved or repeated");
                }
                Object v = field.value();
                if (v instanceof Long n) {
                    g.writeNumberField(field.name(), n);
                } else if (v instanceof Boolean b) {
                    g.writeBooleanField(field.name(), b);
                } else {
                    g.writeStringField(field.name(), (String) v);
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // one println per line keeps lines whole when several threads log
        out.println(line);
    }
}
