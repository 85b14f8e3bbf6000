package dev.veil.tokenizer.token;

import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyProviderContract;

class TestKeysContractTest extends KeyProviderContract {

    @Override
    protected KeyProvider newProvider() {
        return new TestKeys();
    }

    @Override
    protected boolean createsOnFirstUse() {
        return true;
    }
}
