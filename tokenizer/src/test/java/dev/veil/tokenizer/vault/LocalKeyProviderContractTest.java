package dev.veil.tokenizer.vault;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyProviderContractTest extends KeyProviderContract {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private int count;

    @Override
    protected KeyProvider newProvider() {
        return LocalKeyProvider.open(dir.resolve("keyring-" + ++count), MasterKey.generate(RANDOM), RANDOM);
    }

    @Override
    protected boolean createsOnFirstUse() {
        return false;
    }
}
