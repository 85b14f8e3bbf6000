package dev.veil.tokenizer.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.tokenizer.token.VaultedTokenFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kills a writing process with SIGKILL and checks that every token it acknowledged survived. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MvStoreTokenStoreCrashTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private Path keyring;
    private Path masterKeyFile;
    private Path storeFile;
    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void masterKey() {
        keyring = dir.resolve("keyring");
        masterKeyFile = dir.resolve("master.key");
        storeFile = dir.resolve("tokens.mv.db");
        MasterKey.generate(RANDOM).writeTo(masterKeyFile);
    }

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyTokenAcknowledgedBeforeAKillSurvivesIt() throws Exception {
        List<String[]> acknowledged = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            // one writer thread, then four, whose concurrent writes share commits
            Process writer = startWriter(round * 1_000_000L, round == 0 ? 1 : 4);
            acknowledged.addAll(readLines(writer, 150));
            // SIGKILL, most likely in the middle of a put; through the handle, which unlike
            // Process.destroyForcibly leaves the pipe open for what the writer printed before dying
            writer.toHandle().destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            acknowledged.addAll(drain(writer)); // what it printed up to its death counts too
        }

        try (MvStoreTokenStore store = MvStoreTokenStore.open(storeFile)) {
            LocalKeyProvider keys = LocalKeyProvider.open(keyring, MasterKey.fromFile(masterKeyFile), RANDOM);
            VaultedTokenFormat plain = TokenWriterMain.format(keys, store, RANDOM, false);
            VaultedTokenFormat convergent = TokenWriterMain.format(keys, store, RANDOM, true);
            Map<String, String> convergentTokens = new HashMap<>();
            for (String[] line : acknowledged) {
                String value = line[0];
                String token = line[1];
                assertThat(store.get(token)).as("acknowledged token of %s", value).isPresent();
                assertThat(plain.detokenize(token, 0)).isEqualTo(value);
                if (line[2].equals("convergent")) {
                    String earlier = convergentTokens.putIfAbsent(value, token);
                    assertThat(earlier == null ? token : earlier).as("convergent token of %s", value).isEqualTo(token);
                    assertThat(convergent.tokenize(value).text()).isEqualTo(token);
                }
            }
        }
    }

    @Test
    void aStoreInUseByAnotherProcessIsRefusedClearly() throws Exception {
        Process writer = startWriter(0, 1);
        readLines(writer, 1);

        assertThatThrownBy(() -> MvStoreTokenStore.open(storeFile))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(storeFile.toString())
                .hasMessageContaining("in use by another process");
    }

    private Process startWriter(long firstValue, int threads) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                TokenWriterMain.class.getName(), keyring.toString(), masterKeyFile.toString(), storeFile.toString(),
                Long.toString(firstValue), Integer.toString(threads));
        builder.redirectError(dir.resolve("writer-" + firstValue + ".err").toFile());
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
