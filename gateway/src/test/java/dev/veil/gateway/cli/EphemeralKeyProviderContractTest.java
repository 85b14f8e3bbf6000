package dev.veil.gateway.cli;

import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyProviderContract;
import java.security.SecureRandom;

class EphemeralKeyProviderContractTest extends KeyProviderContract {

    @Override
    protected KeyProvider newProvider() {
        return new EphemeralKeyProvider(new SecureRandom());
    }

    @Override
    protected boolean createsOnFirstUse() {
        return true;
    }
}
