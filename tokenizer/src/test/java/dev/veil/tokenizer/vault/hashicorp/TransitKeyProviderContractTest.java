package dev.veil.tokenizer.vault.hashicorp;

import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyProviderContract;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/** The Transit envelope provider, through the real driver against {@link FakeVault}, keeps every key provider promise. */
class TransitKeyProviderContractTest extends KeyProviderContract {

    private FakeVault vault;

    @Override
    protected KeyProvider newProvider() {
        if (vault != null) {
            vault.close();
        }
        vault = FakeVault.start();
        return VaultKeyProvider.transit(VaultClient.open(vault.settings(new VaultAuth.Token(FakeVault.ROOT_TOKEN)).build(),
                Clock.systemUTC(), VaultClient.Listener.NONE), Clock.systemUTC());
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
