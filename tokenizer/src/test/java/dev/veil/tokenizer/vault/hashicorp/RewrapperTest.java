package dev.veil.tokenizer.vault.hashicorp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.tokenizer.token.Token;
import dev.veil.tokenizer.token.VaultedTokenFormat;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rotation then re-wrap: new tokens use the new version, old ones still resolve, a re-wrap moves them and resumes after a crash. */
class RewrapperTest {

    private final FakeVault vault = FakeVault.start();
    private final VaultClient client = VaultClient.open(vault.settings(new VaultAuth.Token(FakeVault.ROOT_TOKEN)).build(),
            Clock.systemUTC(), VaultClient.Listener.NONE);
    private final VaultKeyProvider keys = VaultKeyProvider.transit(client, Clock.systemUTC());
    private final VaultKvTokenStore store = VaultKvTokenStore.open(client);
    private final SecureRandom random = new SecureRandom();

    @AfterEach
    void stop() {
        client.close();
        vault.close();
    }

    @Test
    void rotationThenAResumedRewrapMovesEveryTokenAndLetsTheOldVersionRetire() {
        keys.createIfAbsent("acme/vault");
        VaultedTokenFormat format = VaultedTokenFormat.builder(keys, store).namespace("acme").random(random).build();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            String value = "customer-" + i + "@example.com";
            values.put(format.tokenize(value).text(), value);
        }
        keys.rotate("acme/vault");
        Token fresh = format.tokenize("after-rotation@example.com");
        assertThat(store.get(fresh.text()).orElseThrow().keyVersion()).isEqualTo(2);
        values.put(fresh.text(), "after-rotation@example.com");
        values.forEach((token, value) -> assertThat(format.detokenize(token, 0)).isEqualTo(value)); // old ones still resolve

        Rewrapper rewrapper = Rewrapper.of(store, keys, client, random);
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
