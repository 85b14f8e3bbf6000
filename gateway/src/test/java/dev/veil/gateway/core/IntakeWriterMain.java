package dev.veil.gateway.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.intake.IntakeResult;
import dev.veil.gateway.store.CrashRounds;
import dev.veil.gateway.store.StoredAnswer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link IntakeCrashTest}: several threads submit example tickets with fresh
 * CRM ids to a core on a data directory until killed, either the way the server does (mode {@code
 * webhook}: intake inside {@code webhooks().answer}, under a fresh webhook id) or by intake alone
 * (mode {@code intake}). Each prints {@code START crmId webhookId} before a delivery and {@code ACK
 * ticketId crmId webhookId} once it returned (where the server would answer 202). Arguments:
 * keyring, master key file, data directory, first CRM id, threads, mode.
 */
public final class IntakeWriterMain {

    private IntakeWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        GatewayCore core = CoreFixtures.core(Path.of(args[2]), CrashRounds.childKeys(args), Clock.systemUTC()).build();
        ObjectMapper json = new ObjectMapper();
        ObjectNode template = (ObjectNode) json.readTree(CoreFixtures.ticket("zendesk-en"));
        long first = Long.parseLong(args[3]);
        int threads = Integer.parseInt(args[4]);
        boolean webhook = switch (args[5]) {
            case "webhook" -> true;
            case "intake" -> false;
            default -> throw new IllegalArgumentException("mode: expected webhook or intake");
        };
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long start = first + t * 1_000_000L;
            Thread writer = new Thread(() -> {
                for (long n = start; ; n++) {
                    ObjectNode ticket = template.deepCopy();
                    ((ObjectNode) ticket.get("ticket")).put("id", n);
                    byte[] body;
                    try {
                        body = json.writeValueAsBytes(ticket);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    String webhookId = "wh_" + n;
                    System.out.println("START " + n + " " + webhookId);
                    String ticketId = webhook
                            ? new String(core.webhooks().answer("acme", webhookId, () -> {
                                IntakeResult r = core.intake().submit("acme", body);
                                return new StoredAnswer(202, r.ticketId().getBytes(StandardCharsets.UTF_8), Clock.systemUTC().instant());
                            }).answer().body(), StandardCharsets.UTF_8)
                            : core.intake().submit("acme", body).ticketId();
                    System.out.println("ACK " + ticketId + " " + n + " " + webhookId);
                }
            });
            writer.start();
            writers.add(writer);
        }
        for (Thread w : writers) {
            w.join();
        }
    }
}
