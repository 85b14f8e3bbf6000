package dev.veil.tokenizer.vault.hashicorp;

import dev.veil.tokenizer.token.VaultedTokenFormat;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a re-wrap test starts from: a {@link FakeVault}, a root-token client, Transit keys with
 * {@code acme/vault}, the KV v2 token store and acme's vaulted token format over them.
 */
final class RewrapFixture implements AutoCloseable {

    static final String KEY = "acme/vault";

    final FakeVault vault = FakeVault.start();
    final VaultClient client = VaultClient.open(vault.settings(new VaultAuth.Token(FakeVault.ROOT_TOKEN)).build(),
            Clock.systemUTC(), VaultClient.Listener.NONE);
    final VaultKeyProvider keys = VaultKeyProvider.transit(client, Clock.systemUTC());
    final VaultKvTokenStore store = VaultKvTokenStore.open(client);
    final SecureRandom random = new SecureRandom();
    final VaultedTokenFormat format;

    RewrapFixture() {
        keys.createIfAbsent(KEY);
        format = VaultedTokenFormat.builder(keys, store).namespace("acme").random(random).build();
    }

    /** Tokenizes {@code count} e-mail addresses under the key's version 1, then rotates it: token to value, in making order. */
    Map<String, String> tokenizeThenRotate(int count) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String value = "customer-" + i + "@example.com";
            values.put(format.tokenize(value).text(), value);
        }
        keys.rotate(KEY);
        return values;
    }

    Rewrapper rewrapper() {
        return Rewrapper.of(store, keys, client, random);
    }

    @Override
    public void close() {
        client.close();
        vault.close();
    }
}
