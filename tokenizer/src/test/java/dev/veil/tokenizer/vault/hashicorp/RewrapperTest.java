package dev.veil.tokenizer.vault.hashicorp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.tokenizer.token.Token;
import dev.veil.tokenizer.token.VaultedTokenFormat;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rotation then re-wrap: new tokens use the new version, old ones still resolve, a re-wrap moves them and resumes after a crash. */
class RewrapperTest {

    private final RewrapFixture fixture = new RewrapFixture();
    private final VaultKeyProvider keys = fixture.keys;
    private final VaultKvTokenStore store = fixture.store;
    private final VaultedTokenFormat format = fixture.format;

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void rotationThenAResumedRewrapMovesEveryTokenAndLetsTheOldVersionRetire() {
        Map<String, String> values = fixture.tokenizeThenRotate(60);
        Token fresh = format.tokenize("after-rotation@example.com");
        assertThat(store.get(fresh.text()).orElseThrow().keyVersion()).isEqualTo(2);
        values.put(fresh.text(), "after-rotation@example.com");
        values.forEach((token, value) -> assertThat(format.detokenize(token, 0)).isEqualTo(value)); // old ones still resolve

        Rewrapper rewrapper = fixture.rewrapper();
        List<Rewrapper.Progress> seen = new ArrayList<>();
        assertThatThrownBy(() -> rewrapper.run(progress -> {
            seen.add(progress);
            if (progress.done() == 40) {
                throw new IllegalStateException("crash");
            }
        })).hasMessage("crash");
        assertThat(rewrapper.checkpoint()).isPresent();

        List<Rewrapper.Progress> resumed = new ArrayList<>();
        Rewrapper.Progress end = rewrapper.run(resumed::add);

        assertThat(resumed.get(0).done()).isEqualTo(Rewrapper.CHECKPOINT_EVERY); // resumed after the checkpoint, not from zero
        assertThat(end.remaining()).isZero();
        assertThat(end.total()).isEqualTo(61);
        assertThat(rewrapper.checkpoint()).isEmpty();
        for (String token : values.keySet()) {
            assertThat(store.get(token).orElseThrow().keyVersion()).isEqualTo(2);
        }
        keys.retire("acme/vault", 2);
        assertThatThrownBy(() -> keys.version("acme/vault", 1)).isInstanceOf(KeyUnavailableException.class).hasMessageContaining("retired");
        values.forEach((token, value) -> assertThat(format.detokenize(token, 0)).isEqualTo(value));
    }
}
