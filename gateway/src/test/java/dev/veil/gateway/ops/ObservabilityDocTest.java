package dev.veil.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.veil.gateway.routing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Checks docs/observability.md against what the code really writes. */
class ObservabilityDocTest {

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");

    private static String page() throws Exception {
        return Files.readString(Path.of("..", "docs", "observability.md"));
    }

    private static List<String> jsonExamples() throws Exception {
        Matcher m = Pattern.compile("```json\n(.*?)\n```", Pattern.DOTALL).matcher(page());
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void theMetricsTableListsExactlyTheMetricsAndLabels() throws Exception {
        String md = page();
        Map<String, String> documented = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `(veil_[a-z_]+)` \\| [a-z]+ \\| ([^|]*)\\|$").matcher(md);
        while (row.find()) {
            documented.put(row.group(1), row.group(2).replace("`", "").replace(" ", ""));
        }
        VeilMetrics m = VeilMetrics.create();
        // one observation of each labelled metric, so every family shows its label names
        m.request("GET /v1/offers", 200, Duration.ZERO);
        m.piiFindings("EMAIL", "scan", 1);
        m.tokensIssued("random", 1);
        m.tokensRevealed("random", 1);
        m.storeOperation("tickets", "read", Duration.ZERO, true);
        m.vaultOperation("decrypt", Duration.ZERO, true);
        m.claim("won");
        DeliveryMetrics deliveries = DeliveryMetrics.register(m, Map.of("acme", "zendesk"), clock, Map::of);
        dev.veil.gateway.store.OutboxMessage message = new dev.veil.gateway.store.OutboxMessage("msg_1", "acme", new byte[0],
                clock.instant(), 0, clock.instant(), null, dev.veil.gateway.store.OutboxMessage.State.PENDING);
        deliveries.attempted(message, dev.veil.gateway.intake.ReplyTransport.Delivery.delivered(), false, Duration.ZERO);
        deliveries.attempted(message, dev.veil.gateway.intake.ReplyTransport.Delivery.permanent("zendesk_404"), true, Duration.ZERO);
        deliveries.slowedDown("acme");
        DurabilityMetrics.register(m, JsonLog.to(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), clock))
                .logForced(4_096, 1_000_000);
        Map<String, String> actual = new TreeMap<>();
        Matcher sample = Pattern.compile("(?m)^(veil_[a-z_]+?)(_bucket|_count|_sum)?(\\{([^}]*)\\})? ").matcher(m.scrape());
        while (sample.find()) {
            String labels = sample.group(4) == null ? "" : sample.group(4).replaceAll("=\"[^\"]*\"", "").replace("le,", "").replace(",le", "").replace("le", "");
            String name = sample.group(1);
            actual.merge(name, labels, (a, b) -> a.length() >= b.length() ? a : b);
        }
        // the writer sorts label names; the page lists them in the order the API takes them
        Map<String, String> documentedSorted = new TreeMap<>();
        documented.forEach((k, v) -> documentedSorted.put(k, String.join(",", new java.util.TreeSet<>(List.of(v.isEmpty() ? new String[0] : v.split(","))))));
        assertEquals(documentedSorted, actual);
    }

    @Test
    void theAuditExampleIsWhatAuditLogWrites() throws Exception {
        MemoryAuditSink sink = new MemoryAuditSink();
        AuditLog log = AuditLog.of(sink, clock);
        log.record(AuditActor.crm("acme"), "detokenize", "acme", "vt_01J9", List.of("tok-1", "tok-2"), AuditLog.Outcome.ALLOWED);
        log.record(AuditActor.expert("exp-7"), dev.veil.gateway.intake.Audit.REPLY_REVEAL, "acme", "vt_01J9",
                List.of("ctc_4fK2pQ9xLm3Zt7VbN1rW8y"), AuditLog.Outcome.ALLOWED);
        assertEquals(jsonExamples().get(0), String.join("\n", sink.lines()));
    }

    @Test
    void theServerLogExampleIsWhatJsonLogWrites() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonLog.to(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock).info(LogEvent.of("server_started", "Veil is listening"),
                LogField.address("listen", new InetSocketAddress("127.0.0.1", 8080)), LogField.flag("dev_mode", true));
        assertEquals(jsonExamples().get(1), bytes.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void theCheckpointLineIsWhatDurabilityMetricsWrites() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DurabilityMetrics.register(VeilMetrics.create(), JsonLog.to(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock))
                .checkpointed(new dev.veil.tokenizer.vault.DurabilityListener.Checkpoint(clock.instant(), 4_194_488, 5_636_096,
                        1_240_000, 61_300_000));
        assertEquals(jsonExamples().get(2), bytes.toString(StandardCharsets.UTF_8).trim());
    }
}
