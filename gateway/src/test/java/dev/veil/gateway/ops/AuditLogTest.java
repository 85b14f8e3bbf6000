package dev.veil.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.gateway.routing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");

    @Test
    void writesOneJsonLinePerEvent() throws IOException {
        MemoryAuditSink sink = new MemoryAuditSink();
        AuditLog log = AuditLog.of(sink, clock);
        log.record(AuditActor.crm("acme"), "detokenize", "acme", "vt_01J9", List.of("tok-1", "tok-2"), AuditLog.Outcome.ALLOWED);
        log.record(AuditActor.expert("exp-1"), "ticket.read", null, "vt_01J9", List.of(), AuditLog.Outcome.DENIED);
        assertEquals(2, sink.lines().size());
        JsonNode first = MAPPER.readTree(sink.lines().get(0));
        assertEquals("2026-03-01T10:00:00Z", first.get("ts").asText());
        assertEquals("crm", first.get("actor").asText());
        assertEquals("acme", first.get("actor_id").asText());
        assertEquals("detokenize", first.get("action").asText());
        assertEquals("acme", first.get("brand").asText());
        assertEquals("vt_01J9", first.get("ticket").asText());
        assertEquals("[\"tok-1\",\"tok-2\"]", first.get("token_ids").toString());
        assertEquals(2, first.get("token_count").asInt());
        assertEquals("allowed", first.get("outcome").asText());
        JsonNode second = MAPPER.readTree(sink.lines().get(1));
        assertFalse(second.has("brand"));
        assertEquals("denied", second.get("outcome").asText());
    }

    @Test
    void valuesThatAreNotPlainIdsNeverReachTheLog() {
        MemoryAuditSink sink = new MemoryAuditSink();
        AuditLog log = AuditLog.of(sink, clock);
        List<String> hostile = List.of("4111 1111 1111 1111", "María López", "x\"}\n{\"y", "");
        log.record(AuditActor.expert("Juan Pérez"), "detokenize", "ac me", "a/b", hostile, AuditLog.Outcome.FAILED);
        String line = sink.lines().get(0);
        for (String h : List.of("4111", "María", "Juan", "ac me", "a/b")) {
            assertFalse(line.contains(h), h);
        }
        assertFalse(line.contains("\n"));
        assertTrue(line.contains("\"token_ids\":[\"invalid\",\"invalid\",\"invalid\",\"invalid\"]"));
        assertThrows(IllegalArgumentException.class,
                () -> log.record(AuditActor.system("outbox"), "reveal card 4111", null, null, List.of(), AuditLog.Outcome.ALLOWED));
    }

    @Test
    void longTokenListsAreCappedButCounted() throws IOException {
        MemoryAuditSink sink = new MemoryAuditSink();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add("tok-" + i);
        }
        AuditLog.of(sink, clock).record(AuditActor.admin("admin-token"), "detokenize", "acme", null, ids, AuditLog.Outcome.ALLOWED);
        JsonNode line = MAPPER.readTree(sink.lines().get(0));
        assertEquals(AuditLog.MAX_TOKEN_IDS, line.get("token_ids").size());
        assertEquals(1000, line.get("token_count").asInt());
    }

    @Test
    void aFailingSinkFailsTheAuditedAction() {
        AuditLog log = AuditLog.of(line -> {
            throw new IOException("disk full at /secret/path with 4111 1111 1111 1111");
        }, clock);
        AuditUnavailableException e = assertThrows(AuditUnavailableException.class,
                () -> log.record(AuditActor.crm("acme"), "detokenize", "acme", null, List.of(), AuditLog.Outcome.ALLOWED));
        assertEquals("audit_unavailable", e.code());
        assertFalse(e.detail().contains("4111"));
        assertEquals(null, e.getCause());
    }

    @Test
    void fileSinkAppendsOwnerOnlyAndKeepsEarlierLines(@TempDir Path data) throws IOException {
        try (FileAuditSink sink = FileAuditSink.open(data, true)) {
            AuditLog.of(sink, clock).record(AuditActor.crm("acme"), "detokenize", "acme", null, List.of("t1"), AuditLog.Outcome.ALLOWED);
        }
        Path file = data.resolve("audit").resolve("audit.jsonl");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        try (FileAuditSink sink = FileAuditSink.open(data, false)) {
            AuditLog.of(sink, clock).record(AuditActor.crm("acme"), "detokenize", "acme", null, List.of("t2"), AuditLog.Outcome.DENIED);
            assertThrows(IllegalArgumentException.class, () -> sink.append("{}\n{}"));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("\"t1\""));
        assertTrue(lines.get(1).contains("\"t2\""));
    }

    @Test
    void fileSinkTightensAFileMadeByHand(@TempDir Path data) throws IOException {
        Path dir = Files.createDirectories(data.resolve("audit"));
        Path file = Files.writeString(dir.resolve("audit.jsonl"), "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        FileAuditSink.open(data, false).close();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
