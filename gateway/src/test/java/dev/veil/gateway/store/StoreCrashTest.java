package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.testing.ChildJvm;
import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import java.io.IOException;
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
        Path keyring = dir.resolve("keyring");
        Path master = dir.resolve("master.key");
        MasterKey.generate(RANDOM).writeTo(master);
        LocalKeyProvider.open(keyring, MasterKey.fromFile(master), RANDOM).createIfAbsent(StoreCipher.DEFAULT_KEY_ID); // keys are created explicitly, never by current()
        Path data = dir.resolve("data");

        List<String[]> acknowledged = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            try (ChildJvm writer = start(keyring, master, data, round * 1_000_000L, round == 0 ? 1 : 4)) {
                acknowledged.addAll(split(writer.readLines(120)));
                acknowledged.addAll(split(writer.killAndDrain())); // SIGKILL, most likely in the middle of a write
            }
        }

        LocalKeyProvider keys = LocalKeyProvider.open(keyring, MasterKey.fromFile(master), RANDOM);
        StoreCipher cipher = StoreCipher.of(keys, RANDOM);
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

    private ChildJvm start(Path keyring, Path master, Path data, long first, int threads) throws IOException {
        return ChildJvm.start(StoreWriterMain.class, dir.resolve("writer-" + first + ".err"), keyring.toString(),
                master.toString(), data.toString(), Long.toString(first), Integer.toString(threads));
    }

    private static List<String[]> split(List<String> lines) {
        return lines.stream().map(line -> line.split(" ")).toList();
    }
}
