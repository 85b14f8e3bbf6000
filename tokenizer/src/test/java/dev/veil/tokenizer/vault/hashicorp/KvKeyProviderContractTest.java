package dev.veil.tokenizer.vault.hashicorp;

import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyProviderContract;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/** Key material in KV v2, through the real driver against {@link FakeVault}, keeps every key provider promise. */
class KvKeyProviderContractTest extends KeyProviderContract {

    private FakeVault vault;

    @Override
    protected KeyProvider newProvider() {
        if (vault != null) {
            vault.close();
        }
        vault = FakeVault.start();
        return VaultKeyProvider.kv(VaultClient.open(vault.settings(new VaultAuth.AppRole("approle", FakeVault.ROLE_ID, FakeVault.SECRET_ID)).build(),
                Clock.systemUTC(), VaultClient.Listener.NONE), Clock.systemUTC(), new SecureRandom());
    }

    @Override
    protected boolean createsOnFirstUse() {
        return false;
    }

    @AfterEach
    void stop() {
        if (vault != null) {
            vault.close();
        }
    }
}
