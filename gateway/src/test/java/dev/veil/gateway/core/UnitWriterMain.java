package dev.veil.gateway.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.intake.IntakeResult;
import dev.veil.gateway.store.StoredAnswer;
import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link OneCommitCrashTest}: several threads deliver example tickets with
 * fresh CRM ids and webhook ids the way the server does (intake inside {@code webhooks().answer}),
 * until killed. Each prints {@code START crmId webhookId} before a delivery and {@code ACK ticketId
 * crmId webhookId} once it returned (where the server would answer 202). Arguments: keyring, master
 * key file, data directory, first CRM id, threads.
 */
public final class UnitWriterMain {

    private UnitWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        SecureRandom random = new SecureRandom();
        LocalKeyProvider keys = LocalKeyProvider.open(Path.of(args[0]), MasterKey.fromFile(Path.of(args[1])), random);
        GatewayCore core = CoreFixtures.core(Path.of(args[2]), keys, Clock.systemUTC()).build();
        ObjectMapper json = new ObjectMapper();
        ObjectNode template = (ObjectNode) json.readTree(CoreFixtures.ticket("zendesk-en"));
        long first = Long.parseLong(args[3]);
        int threads = Integer.parseInt(args[4]);
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
                    var outcome = core.webhooks().answer("acme", webhookId, () -> {
                        IntakeResult r = core.intake().submit("acme", body);
                        return new StoredAnswer(202, r.ticketId().getBytes(StandardCharsets.UTF_8), Clock.systemUTC().instant());
                    });
                    System.out.println("ACK " + new String(outcome.answer().body(), StandardCharsets.UTF_8) + " " + n + " " + webhookId);
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
