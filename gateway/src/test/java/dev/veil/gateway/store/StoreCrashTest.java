package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kills a process writing tickets and outbox messages with SIGKILL; every write it acknowledged must survive. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StoreCrashTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyAcknowledgedTicketVersionAndOutboxMessageSurvivesAKill() throws Exception {
        Path keyring = dir.resolve("keyring");
        Path master = dir.resolve("master.key");
        MasterKey.generate(RANDOM).writeTo(master);
        LocalKeyProvider.open(keyring, MasterKey.fromFile(master), RANDOM).createIfAbsent(StoreCipher.DEFAULT_KEY_ID); // keys are created explicitly, never by current()
        Path data = dir.resolve("data");

        List<String[]> acknowledged = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            Process writer = start(keyring, master, data, round * 1_000_000L, round == 0 ? 1 : 4);
            acknowledged.addAll(readLines(writer, 120));
            writer.toHandle().destroyForcibly(); // SIGKILL, most likely in the middle of a write
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            acknowledged.addAll(drain(writer));
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

    private Process start(Path keyring, Path master, Path data, long first, int threads) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                StoreWriterMain.class.getName(), keyring.toString(), master.toString(), data.toString(),
                Long.toString(first), Integer.toString(threads));
        builder.redirectError(dir.resolve("writer-" + first + ".err").toFile());
        Process process = builder.start();
        children.add(process);
        return process;
    }

    private List<String[]> readLines(Process writer, int count) throws IOException {
        List<String[]> lines = new ArrayList<>();
        BufferedReader out = writer.inputReader(StandardCharsets.UTF_8);
        while (lines.size() < count) {
            String line = out.readLine();
            if (line == null) {
                throw new AssertionError("writer ended early: " + errors());
            }
            lines.add(line.split(" "));
        }
        return lines;
    }

    /** The complete lines left in the dead writer's output; a line cut by the kill is dropped. */
    private static List<String[]> drain(Process writer) throws IOException {
        StringWriter rest = new StringWriter();
        writer.inputReader(StandardCharsets.UTF_8).transferTo(rest);
        String text = rest.toString();
        List<String[]> lines = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            lines.add(text.substring(start, end).split(" "));
            start = end + 1;
        }
        return lines;
    }

    private String errors() throws IOException {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".err")).toList()) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }
}
