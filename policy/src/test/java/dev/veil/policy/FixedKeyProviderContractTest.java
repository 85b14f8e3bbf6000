package dev.veil.policy;

import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyProviderContract;

class FixedKeyProviderContractTest extends KeyProviderContract {

    @Override
    protected KeyProvider newProvider() {
        return new FixedKeyProvider();
    }

    @Override
    protected boolean createsOnFirstUse() {
        return true;
    }
}
