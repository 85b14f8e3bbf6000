package dev.veil.gateway.config;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.hashicorp.VaultSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The key provider and where vaulted tokens live. {@code local} (the default) is a keyring file
 * sealed under a master key read from {@code masterKeyFile} when given, else from
 * {@code VEIL_MASTER_KEY}, as the {@code veil keys} commands do; {@code vault-transit} and
 * {@code vault-kv} keep keys in HashiCorp Vault (Transit envelope encryption, or key material in
 * KV v2), configured by {@code vault}. {@code tokenStore} is {@code embedded} (the file store in the
 * data directory, the default) or {@code vault-kv} (KV v2 of the same Vault).
 */
public record KeysConfig(String provider, Path keyring, Optional<Path> masterKeyFile, String tokenStore,
        Optional<VaultSettings> vault) {

    /** The local keyring. */
    public static final String LOCAL = "local";
    /** HashiCorp Vault Transit: data keys wrapped by {@code transit/datakey/wrapped}. */
    public static final String VAULT_TRANSIT = "vault-transit";
    /** HashiCorp Vault KV v2 holding the key material. */
    public static final String VAULT_KV = "vault-kv";
    /** Every provider. */
    public static final List<String> PROVIDERS = List.of(LOCAL, VAULT_TRANSIT, VAULT_KV);
    /** Vaulted tokens in the embedded file store. */
    public static final String TOKENS_EMBEDDED = "embedded";
    /** Every token store this section can choose. */
    public static final List<String> TOKEN_STORES = List.of(TOKENS_EMBEDDED, VAULT_KV);

    public KeysConfig {
        requireNonNull(provider, "provider");
        requireNonNull(keyring, "keyring");
        requireNonNull(masterKeyFile, "masterKeyFile");
        requireNonNull(tokenStore, "tokenStore");
        requireNonNull(vault, "vault");
        if (!PROVIDERS.contains(provider) || !TOKEN_STORES.contains(tokenStore)) {
            throw new IllegalArgumentException("keys: provider " + provider + ", tokenStore " + tokenStore
                    + " (expected: provider one of " + PROVIDERS + ", tokenStore one of " + TOKEN_STORES + ")");
        }
        if ((!provider.equals(LOCAL) || tokenStore.equals(VAULT_KV)) && vault.isEmpty()) {
            throw new IllegalArgumentException("keys.vault: missing (expected: address and auth when Vault keeps keys or tokens)");
        }
    }

    /** The local keyring, tokens embedded. */
    public KeysConfig(String provider, Path keyring, Optional<Path> masterKeyFile) {
        this(provider, keyring, masterKeyFile, TOKENS_EMBEDDED, Optional.empty());
    }

    /** Whether keys or tokens live in HashiCorp Vault. */
    public boolean usesVault() {
        return !provider.equals(LOCAL) || tokenStore.equals(VAULT_KV);
    }
}
