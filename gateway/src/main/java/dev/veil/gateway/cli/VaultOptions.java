package dev.veil.gateway.cli;

import dev.veil.policy.model.FormatKind;
import dev.veil.tokenizer.vault.InMemoryTokenStore;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.MvStoreTokenStore;
import dev.veil.tokenizer.vault.TokenStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The keyring and, for vaulted tokens, the token store that {@code tokenize} and {@code detokenize} use. */
final class VaultOptions {

    @Mixin
    KeysCommand.Keyring keyring;

    @Option(names = "--store", paramLabel = "FILE",
            description = "Token store: random tokens, and the key versions of format-preserving ones (default: ${DEFAULT-VALUE}).")
    Path store = Path.of(".veil", "tokens.db");

    /** The keyring; masks and redactions use no key, so they get throwaway keys and need no keyring. */
    KeyProvider keys(FormatKind kind, SecureRandom random) {
        boolean keyed = kind.reversible() || kind == FormatKind.HASH;
        return keyed ? keyring.open() : new EphemeralKeyProvider(random);
    }

    /**
     * The embedded store: vaulted tokens and the key versions of format-preserving tokens live
     * there; formats that keep nothing get an empty in-memory one.
     */
    TokenStore store(FormatKind kind) {
        return kind.reversible() ? MvStoreTokenStore.open(store) : InMemoryTokenStore.of();
    }

    /**
     * The store to read tokens' records from: the embedded one when it exists; when it does not, an
     * empty one (nothing is recorded, so only versions given on the command line can be used), so
     * that reading never creates a store file.
     */
    TokenStore existingStore(FormatKind kind) {
        return kind.reversible() && Files.exists(store) ? MvStoreTokenStore.open(store) : InMemoryTokenStore.of();
    }
}
