package dev.veil.tokenizer.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.tokenizer.testing.ChildJvm;
import dev.veil.tokenizer.token.VaultedTokenFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    @BeforeEach
    void masterKey() {
        keyring = dir.resolve("keyring");
        masterKeyFile = dir.resolve("master.key");
        storeFile = dir.resolve("tokens.mv.db");
        MasterKey.generate(RANDOM).writeTo(masterKeyFile);
    }

    @Test
    void everyTokenAcknowledgedBeforeAKillSurvivesIt() throws Exception {
        List<String[]> acknowledged = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            // one writer thread, then four, whose concurrent writes share commits, then four writing
            // batches of eight tokens with one commit each (as intake writes a ticket's tokens)
            try (ChildJvm writer = startWriter(round * 1_000_000L, round == 0 ? 1 : 4, round == 3 ? 8 : 0)) {
                acknowledged.addAll(split(writer.readLines(150)));
                // SIGKILL, most likely in the middle of a put; through the handle, which unlike
                // Process.destroyForcibly leaves the pipe open for what the writer printed before dying
                acknowledged.addAll(split(writer.killAndDrain())); // what it printed up to its death counts too
            }
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
        try (ChildJvm writer = startWriter(0, 1, 0)) {
            writer.readLines(1);

            assertThatThrownBy(() -> MvStoreTokenStore.open(storeFile))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(storeFile.toString())
                    .hasMessageContaining("in use by another process");
        }
    }

    private ChildJvm startWriter(long firstValue, int threads, int batch) throws IOException {
        return ChildJvm.start(TokenWriterMain.class, dir.resolve("writer-" + firstValue + ".err"), keyring.toString(),
                masterKeyFile.toString(), storeFile.toString(), Long.toString(firstValue), Integer.toString(threads), Integer.toString(batch));
    }

    /** A writer's line is {@code <value> <token> <plain|convergent>}. */
    private static List<String[]> split(List<String> lines) {
        return lines.stream().map(line -> line.split(" ")).toList();
    }
}
