package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kills a process writing tickets and outbox messages with SIGKILL; every write it acknowledged must survive. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StoreCrashTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedTicketVersionAndOutboxMessageSurvivesAKill() throws Exception {
        CrashRounds rounds = CrashRounds.create(dir, keys -> keys.createIfAbsent(StoreCipher.DEFAULT_KEY_ID));
        Path data = dir.resolve("data");

        List<String[]> acknowledged = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            acknowledged.addAll(rounds.killedRun(StoreWriterMain.class, 120, data.toString(), Long.toString(round * 1_000_000L),
                    Integer.toString(round == 0 ? 1 : 4)));
        }

        StoreCipher cipher = StoreCipher.of(rounds.keys(), RANDOM);
        int tickets = 0;
        int messages = 0;
        try (MvTicketStore store = MvTicketStore.open(data.resolve("tickets.mv.db"), cipher);
                MvOutbox outbox = MvOutbox.open(data.resolve("outbox.mv.db"), cipher, RetryPolicy.defaults(), Clock.systemUTC(), RANDOM)) {
            for (String[] line : acknowledged) {
                if (line[0].equals("T")) {
                    long version = Long.parseLong(line[2]);
                    StoredTicket t = store.get(line[1]).orElseThrow(() -> new AssertionError("acknowledged ticket lost: " + line[1]));
                    assertThat(t.version()).as("version of %s", line[1]).isGreaterThanOrEqualTo(version);
                    assertThat(t.view(StoredTicket.BASE_VIEW).json()).isEqualTo(StoreWriterMain.viewJson(line[1], t.version()));
                    assertThat(store.find("acme", "crm-" + line[1])).contains(line[1]);
                    tickets++;
                } else {
                    OutboxMessage m = outbox.get(line[1]).orElseThrow(() -> new AssertionError("acknowledged message lost: " + line[1]));
                    assertThat(m.payload()).isEqualTo(StoreWriterMain.payload(line[1]));
                    messages++;
                }
            }
        }
        assertThat(tickets).isGreaterThan(100);
        assertThat(messages).isGreaterThan(30);
    }
}
