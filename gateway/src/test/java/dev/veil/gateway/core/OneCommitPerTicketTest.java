package dev.veil.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.intake.IntakeResult;
import dev.veil.gateway.store.StoredAnswer;
import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.tokenizer.vault.DurableMvStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A delivered ticket's tokens, views, routing record and idempotency answer cost one commit of the one store file. */
class OneCommitPerTicketTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong CRM_IDS = new AtomicLong(700_000);

    @TempDir
    Path dir;

    private GatewayCore core;
    private DurableMvStore file;
    private ObjectNode template;

    @BeforeEach
    void start() throws Exception {
        core = CoreFixtures.core(dir.resolve("data"), new EphemeralKeyProvider(new SecureRandom()), Clock.systemUTC()).build();
        file = core.embeddedFile().orElseThrow();
        template = (ObjectNode) JSON.readTree(CoreFixtures.ticket("zendesk-en"));
    }

    @AfterEach
    void stop() {
        core.close();
    }

    @Test
    void aDeliveryCostsOneCommitWhateverItWrites() throws Exception {
        deliver(); // the first ticket also writes routing's first records: not counted
        long before = file.commits();
        for (int i = 0; i < 5; i++) {
            deliver();
        }
        assertThat(file.commits() - before).as("commits for 5 deliveries, each writing tokens, views, routing and an answer").isEqualTo(5);
    }

    @Test
    void intakeAloneIsDurableWithOneCommitToo() throws Exception {
        core.intake().submit("acme", body());
        long before = file.commits();
        IntakeResult r = core.intake().submit("acme", body());
        assertThat(file.commits() - before).isEqualTo(1);
        assertThat(core.routing().ticket(r.ticketId())).isPresent();
    }

    @Test
    void concurrentDeliveriesShareCommits() throws Exception {
        deliver();
        long before = file.commits();
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            senders.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 5; i++) {
                    deliver();
                }
            }));
        }
        CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get();
        // never more than one per delivery (it was four or more: one per store file), fewer when they overlap
        assertThat(file.commits() - before).isBetween(1L, 20L);
    }

    private void deliver() {
        byte[] body = body();
        String webhookId = "wh_" + CRM_IDS.incrementAndGet();
        var outcome = core.webhooks().answer("acme", webhookId, () -> {
            IntakeResult r = core.intake().submit("acme", body);
            return new StoredAnswer(202, r.ticketId().getBytes(StandardCharsets.UTF_8), Clock.systemUTC().instant());
        });
        assertThat(outcome.replayed()).isFalse();
        assertThat(core.idempotency().find("acme", webhookId)).isPresent();
    }

    private byte[] body() {
        ObjectNode t = template.deepCopy();
        ((ObjectNode) t.get("ticket")).put("id", CRM_IDS.incrementAndGet());
        try {
            return JSON.writeValueAsBytes(t);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
