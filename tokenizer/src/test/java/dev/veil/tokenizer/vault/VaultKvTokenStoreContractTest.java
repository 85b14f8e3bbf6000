package dev.veil.tokenizer.vault;

import dev.veil.tokenizer.vault.hashicorp.FakeVault;
import dev.veil.tokenizer.vault.hashicorp.VaultAuth;
import dev.veil.tokenizer.vault.hashicorp.VaultClient;
import dev.veil.tokenizer.vault.hashicorp.VaultKvTokenStore;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/** Vaulted tokens in KV v2, through the real driver against the fake Vault, keep every token store promise. */
class VaultKvTokenStoreContractTest extends TokenStoreContract {

    private FakeVault vault;
    private VaultClient client;

    @Override
    TokenStore newStore() {
        vault = FakeVault.start();
        client = VaultClient.open(vault.settings(new VaultAuth.Token(FakeVault.ROOT_TOKEN)).build(), Clock.systemUTC(), VaultClient.Listener.NONE);
        return VaultKvTokenStore.open(client);
    }

    @Override
    long size(TokenStore store) {
        return vault.kvPaths("secret").stream().filter(p -> p.startsWith("veil/tokens/")).count();
    }

    @AfterEach
    void stopVault() {
        client.close();
        vault.close();
    }
}
