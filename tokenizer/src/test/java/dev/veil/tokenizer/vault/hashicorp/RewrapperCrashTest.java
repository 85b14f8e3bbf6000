package dev.veil.tokenizer.vault.hashicorp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-wrap SIGKILLed in a child JVM mid-run resumes from its checkpoint: the child works against
 * this JVM's {@link FakeVault} over HTTP, the fake holds its 41st token write (so the kill lands
 * with a write in flight and exactly 40 applied), and a second run here finishes the job.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class RewrapperCrashTest {

    private static final int TOKENS = 90;
    private static final int MOVED_BEFORE_KILL = 40;
    private static final String TOKEN_PATHS = "secret/veil/tokens/";

    @TempDir
    Path dir;

    private final RewrapFixture fixture = new RewrapFixture();
    private final FakeVault vault = fixture.vault;
    private final VaultKvTokenStore store = fixture.store;

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aRewrapKilledMidRunResumesAfterItsCheckpointAndMovesEveryTokenExactlyOnce() throws Exception {
        Map<String, String> values = fixture.tokenizeThenRotate(TOKENS);
        List<String> sorted = store.tokens();
        assertThat(sorted).hasSize(TOKENS);
        long created = total(vault.kvWrites(TOKEN_PATHS));
        assertThat(created).isEqualTo(TOKENS);

        vault.holdKvWritesAfter(TOKEN_PATHS, created + MOVED_BEFORE_KILL);
        Path stderr = dir.resolve("rewrap.err");
        List<String> printed;
        try (ChildJvm child = ChildJvm.start(RewrapMain.class, stderr, vault.address().toString())) {
            boolean held = vault.awaitHeld(Duration.ofSeconds(30));
            assertThat(held).as("the child reached its %sth write; its stderr:%n%s", MOVED_BEFORE_KILL + 1,
                    Files.exists(stderr) ? Files.readString(stderr) : "").isTrue();
            printed = child.killAndDrain(); // SIGKILL with the 41st write in flight
        }
        vault.dropHeld(); // the in-flight write never reaches the store

        Map<String, Long> afterKill = vault.kvWrites(TOKEN_PATHS);
        assertThat(total(afterKill) - created).isEqualTo(MOVED_BEFORE_KILL);
        assertThat(printed).last().isEqualTo(MOVED_BEFORE_KILL + " " + MOVED_BEFORE_KILL + " " + TOKENS);
        for (int i = 0; i < TOKENS; i++) { // the killed run moved the first 40 in token order, and only those
            assertThat(afterKill.get(TOKEN_PATHS + sorted.get(i))).as("writes of token %s", i).isEqualTo(i < MOVED_BEFORE_KILL ? 2L : 1L);
            assertThat(store.get(sorted.get(i)).orElseThrow().keyVersion()).isEqualTo(i < MOVED_BEFORE_KILL ? 2 : 1);
        }
        Rewrapper rewrapper = fixture.rewrapper();
        assertThat(rewrapper.checkpoint()).contains(sorted.get(Rewrapper.CHECKPOINT_EVERY - 1)); // 40 done, last checkpoint at 25

        List<Rewrapper.Progress> resumed = new ArrayList<>();
        Rewrapper.Progress end = rewrapper.run(resumed::add);

        assertThat(resumed.get(0).done()).isEqualTo(Rewrapper.CHECKPOINT_EVERY); // resumed after the checkpoint, not from zero
        // tokens 26..40 were looked at again but found on the newest version: skipped without a write
        assertThat(end.moved()).isEqualTo(TOKENS - MOVED_BEFORE_KILL);
        assertThat(end.done()).isEqualTo(TOKENS);
        assertThat(end.remaining()).isZero();
        Map<String, Long> afterResume = vault.kvWrites(TOKEN_PATHS);
        assertThat(total(afterResume) - total(afterKill)).isEqualTo(TOKENS - MOVED_BEFORE_KILL);
        assertThat(afterResume).hasSize(TOKENS).allSatisfy((path, writes) -> assertThat(writes).as(path).isEqualTo(2L));
        assertThat(store.tokens()).isEqualTo(sorted); // nothing lost, nothing added
        assertThat(rewrapper.checkpoint()).isEmpty();
        values.forEach((token, value) -> {
            assertThat(store.get(token).orElseThrow().keyVersion()).isEqualTo(2);
            assertThat(fixture.format.detokenize(token, 0)).isEqualTo(value);
        });
    }

    private static long total(Map<String, Long> writes) {
        return writes.values().stream().mapToLong(Long::longValue).sum();
    }
}
