package dev.veil.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.gateway.routing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JsonLogTest {

    private static final LogEvent STARTED = LogEvent.of("server_started", "Veil is listening");
    private static final LogEvent FAILED = LogEvent.of("intake_failed", "A ticket could not be stored");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final JsonLog log = JsonLog.to(new PrintStream(bytes, true, StandardCharsets.UTF_8), MutableClock.at("2026-03-01T10:00:00Z"));

    private JsonNode onlyLine() throws Exception {
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        return new ObjectMapper().readTree(text);
    }

    @Test
    void writesTypedFieldsAsOneJsonLine() throws Exception {
        log.info(STARTED, LogField.address("listen", new InetSocketAddress("127.0.0.1", 8080)), LogField.flag("dev_mode", true),
                LogField.count("brands", 1), LogField.millis("startup", Duration.ofMillis(420)), LogField.path("data", Path.of("veil-data")),
                LogField.code("mode", "dev"));
        JsonNode line = onlyLine();
        assertEquals("2026-03-01T10:00:00Z", line.get("ts").asText());
        assertEquals("info", line.get("level").asText());
        assertEquals("server_started", line.get("event").asText());
        assertEquals("Veil is listening", line.get("msg").asText());
        assertEquals("127.0.0.1:8080", line.get("listen").asText());
        assertEquals(true, line.get("dev_mode").asBoolean());
        assertEquals(1, line.get("brands").asInt());
        assertEquals(420, line.get("startup").asInt());
        assertEquals("veil-data", line.get("data").asText());
        assertEquals("dev", line.get("mode").asText());
    }

    @Test
    void errorsAreDescribedByTypeUnlessTheyAreVeilExceptions() throws Exception {
        log.error(FAILED, new IllegalStateException("customer maria.lopez@example.com, card 4111 1111 1111 1111"));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("maria"));
        assertFalse(text.contains("4111"));
        JsonNode line = onlyLine();
        assertEquals("internal_error", line.get("error").asText());
        assertEquals("error", line.get("level").asText());
    }

    @Test
    void urlsLoseQueryAndCredentials() throws Exception {
        log.info(STARTED, LogField.url("jwks", URI.create("https://user:pw@idp.example.test:8443/keys?email=maria@example.com#x")));
        assertEquals("https://idp.example.test:8443/keys", onlyLine().get("jwks").asText());
    }

    @Test
    void freeTextCannotGetIn() {
        assertThrows(IllegalArgumentException.class, () -> LogField.code("brand", "maria.lopez@example.com"));
        assertThrows(IllegalArgumentException.class, () -> LogField.code("brand", "Acme Corp"));
        assertThrows(IllegalArgumentException.class, () -> LogEvent.of("Started!", "x"));
        assertThrows(IllegalArgumentException.class, () -> LogEvent.of("started", "two\nlines"));
        assertThrows(IllegalArgumentException.class, () -> log.info(STARTED, LogField.count("msg", 1)));
        assertThrows(IllegalArgumentException.class, () -> log.info(STARTED, LogField.count("n", 1), LogField.count("n", 2)));
    }
}
