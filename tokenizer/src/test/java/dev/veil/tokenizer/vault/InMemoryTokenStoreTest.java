package dev.veil.tokenizer.vault;

class InMemoryTokenStoreTest extends TokenStoreContract {

    @Override
    TokenStore newStore() {
        return InMemoryTokenStore.of();
    }

    @Override
    long size(TokenStore store) {
        return ((InMemoryTokenStore) store).size();
    }
}
