package dev.veil.gateway.cli;

import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where a policy command takes its keys from: throwaway keys unless {@code --keyring} names a real keyring. */
final class KeyOptions {

    @Option(names = "--keyring", paramLabel = "FILE",
            description = "Use the keys of this keyring (never changed: missing keys are an error) instead of throwaway keys.")
    Path keyring;

    @Option(names = "--master-key-file", paramLabel = "FILE",
            description = "The keyring's master key; default: the VEIL_MASTER_KEY environment variable.")
    Path masterKeyFile;

    /** Whether tokens are made with throwaway keys. */
    boolean ephemeral() {
        return keyring == null;
    }

    /**
     * The key provider these options name.
     *
     * @throws KeyUnavailableException if the keyring or its master key cannot be had
     */
    KeyProvider keys(SecureRandom random, Map<String, String> env) {
        if (keyring == null) {
            return new EphemeralKeyProvider(random);
        }
        if (!Files.exists(keyring)) {
            throw new KeyUnavailableException("keyring " + keyring + " does not exist (create one with veil keys init, or leave out --keyring)");
        }
        return new ExistingKeysOnly(LocalKeyProvider.open(keyring, MasterKey.load(masterKeyFile, env), random));
    }
}
