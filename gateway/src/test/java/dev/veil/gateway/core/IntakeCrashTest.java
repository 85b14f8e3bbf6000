package dev.veil.gateway.core;

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

/** SIGKILLs a process right after tickets were accepted: each accepted ticket is stored, readable and routed after a restart. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class IntakeCrashTest {

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
    void everyAcceptedTicketSurvivesAKillWithItsViewsAndRoutingState() throws Exception {
        Path keyring = dir.resolve("keyring");
        Path master = dir.resolve("master.key");
        MasterKey.generate(RANDOM).writeTo(master);
        // keys are created explicitly before the gateway runs, never on first use
        CoreFixtures.createKeys(LocalKeyProvider.open(keyring, MasterKey.fromFile(master), RANDOM));
        Path data = dir.resolve("data");
        List<String[]> accepted = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            Process writer = start(keyring, master, data, 80_000L + round * 10_000L);
            accepted.addAll(readLines(writer, 15));
            writer.toHandle().destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            accepted.addAll(drain(writer));
        }
        LocalKeyProvider keys = LocalKeyProvider.open(keyring, MasterKey.fromFile(master), RANDOM);
        try (GatewayCore core = CoreFixtures.core(data, keys, Clock.systemUTC()).build()) {
            for (String[] line : accepted) {
                assertThat(core.tickets().find("acme", line[1])).as("CRM ticket %s", line[1]).contains(line[0]);
                assertThat(core.tickets().get(line[0]).orElseThrow().views()).containsKeys("", "senior");
                assertThat(core.routing().ticket(line[0])).as("routing state of %s", line[0]).isPresent();
            }
        }
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(30);
        assertThat(CoreFixtures.leaksInFiles(data)).isEmpty();
    }

    private Process start(Path keyring, Path master, Path data, long first) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                IntakeWriterMain.class.getName(), keyring.toString(), master.toString(), data.toString(), Long.toString(first));
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
