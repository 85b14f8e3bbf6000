package dev.veil.gateway.server;

import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.gateway.config.BrandConfig;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.store.StoreCipher;
import dev.veil.policy.compile.PolicyCompiler;
import dev.veil.policy.compile.PolicyKeys;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.vault.InMemoryTokenStore;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Opens the key provider the gateway runs on and makes sure every key it needs exists: the
 * brands' policy keys and the store key. Dev mode creates what is missing (master key file,
 * keyring, keys); otherwise a missing key stops start-up with the command that creates it, since
 * creating keys is an operator's explicit act (fail closed).
 */
final class GatewayKeys {

    private GatewayKeys() {}

    static KeyProvider open(VeilConfig config, SecureRandom random) {
        return open(config, random, null);
    }

    /** The keys in HashiCorp Vault when {@code vault} holds them, else the local keyring. */
    static KeyProvider open(VeilConfig config, SecureRandom random, VaultBackends vault) {
        Optional<dev.veil.tokenizer.vault.hashicorp.VaultKeyProvider> inVault = vault == null ? Optional.empty() : vault.keys();
        if (inVault.isPresent()) {
            return withNeededKeys(config, inVault.get(), "HashiCorp Vault", "veil keys create KEY --config veil.yaml, once per key");
        }
        Path keyring = config.keys().keyring();
        Path masterFile = config.keys().masterKeyFile().orElse(null);
        if (config.dev() && masterFile != null && !Files.exists(masterFile)) {
            MasterKey.generate(random).writeTo(masterFile);
        }
        MasterKey master = MasterKey.load(masterFile, System.getenv());
        LocalKeyProvider keys;
        if (Files.exists(keyring)) {
            keys = LocalKeyProvider.open(keyring, master, random);
        } else if (config.dev()) {
            keys = LocalKeyProvider.create(keyring, master, random);
        } else {
            throw new StartupException("keyring_missing", "keyring " + keyring
                    + " does not exist (create it with: veil keys init --keyring " + keyring + " --policy POLICY.yaml ...)");
        }
        return withNeededKeys(config, keys, "keyring " + keyring,
                "veil keys init --policy POLICY.yaml and veil keys create " + StoreCipher.DEFAULT_KEY_ID);
    }

    /**
     * {@code keys} holding every key {@code config} needs: dev mode creates the missing ones;
     * otherwise a missing key stops start-up, naming {@code where} it is missing and {@code create},
     * the command that creates it.
     */
    private static KeyProvider withNeededKeys(VeilConfig config, KeyProvider keys, String where, String create) {
        SortedSet<String> needed = needed(config);
        if (config.dev()) {
            needed.forEach(keys::createIfAbsent);
            return keys;
        }
        List<String> present = keys.keys().stream().map(KeyProvider.KeyInfo::keyId).toList();
        List<String> missing = needed.stream().filter(id -> !present.contains(id)).toList();
        if (!missing.isEmpty()) {
            throw new StartupException("keys_missing", where + " lacks " + String.join(", ", missing) + " (create them with: " + create + ")");
        }
        return keys;
    }

    /** Every key the brands' policies and the stores need. */
    static SortedSet<String> needed(VeilConfig config) {
        PolicyCompiler reader = PolicyCompiler.builder().keys(new EphemeralKeyProvider(new SecureRandom()))
                .tokenStore(InMemoryTokenStore.of()).random(new SecureRandom()).detectors(DetectorRegistry.defaults()).build();
        SortedSet<String> needed = new TreeSet<>();
        needed.add(StoreCipher.DEFAULT_KEY_ID);
        for (BrandConfig brand : config.brands().values()) {
            needed.addAll(PolicyKeys.required(reader.loader().load(brand.policy())));
        }
        return needed;
    }
}
