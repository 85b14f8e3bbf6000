package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.cli.EphemeralKeyProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvOutboxTest extends OutboxContract {

    @TempDir
    Path dir;

    final EphemeralKeyProvider keys = new EphemeralKeyProvider(new SecureRandom());
    final List<Outbox> open = new ArrayList<>();

    @Override
    Outbox outbox(SecureRandom random) {
        Outbox o = MvOutbox.open(dir.resolve("outbox.mv.db"), StoreCipher.of(keys, new SecureRandom()), RETRY, clock, random);
        open.add(o);
        return o;
    }

    @AfterEach
    void close() {
        open.forEach(Outbox::close);
    }

    @Test
    void aRestartLosesNothingAndKeepsIdsAttemptsAndDeadLetters() throws Exception {
        Outbox o = outbox(new SecureRandom());
        o.enqueue("msg_1", "acme", bytes("{\"body\":\"card 4111111111111111\"}"));
        o.enqueue("msg_2", "acme", bytes("{}"));
        o.lease(10);
        o.failed("msg_1", "http_503");
        o.deadLetter("msg_2", "http_400");
        o.close();
        open.clear();
        assertThat(new String(Files.readAllBytes(dir.resolve("outbox.mv.db")), StandardCharsets.ISO_8859_1)).doesNotContain("4111111111111111");

        Outbox again = outbox(new SecureRandom());
        assertThat(again.get("msg_1").orElseThrow().attempts()).isEqualTo(1);
        assertThat(again.deadLetters(10)).extracting(OutboxMessage::id).containsExactly("msg_2");
        clock.advance(Duration.ofSeconds(2));
        // a lease does not survive a restart: the message is simply due again, under the same id
        List<OutboxMessage> due = again.lease(10);
        assertThat(due).extracting(OutboxMessage::id).containsExactly("msg_1");
        assertThat(due.get(0).payload()).isEqualTo(bytes("{\"body\":\"card 4111111111111111\"}"));
    }
}
