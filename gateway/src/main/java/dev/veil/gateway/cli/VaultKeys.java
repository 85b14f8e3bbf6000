package dev.veil.gateway.cli;

import dev.veil.gateway.config.KeysConfig;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.config.VeilConfigLoader;
import dev.veil.gateway.server.VaultBackends;
import dev.veil.tokenizer.vault.hashicorp.Rewrapper;
import dev.veil.tokenizer.vault.hashicorp.VaultClient;
import dev.veil.tokenizer.vault.hashicorp.VaultKeyProvider;
import dev.veil.tokenizer.vault.hashicorp.VaultKvTokenStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The keys and token store of a {@code veil.yaml} that keeps them in HashiCorp Vault, for the
 * {@code veil keys} commands, and the Vault-only subcommands {@code retire} and {@code rewrap}.
 */
final class VaultKeys implements AutoCloseable {

    private final KeysConfig config;
    private final VaultClient client;

    private VaultKeys(KeysConfig config) {
        this.config = config;
        this.client = VaultClient.open(config.vault().orElseThrow(), Clock.systemUTC(), VaultClient.Listener.NONE);
    }

    /** The Vault keys of {@code configFile}, or {@code null} when there is no file or its keys are local. */
    static VaultKeys of(Path configFile) {
        if (configFile == null) {
            return null;
        }
        VeilConfig config = VeilConfigLoader.of(System.getenv()).load(configFile);
        return config.keys().usesVault() ? new VaultKeys(config.keys()) : null;
    }

    /** The key provider in Vault, on this object's client. */
    VaultKeyProvider keys() {
        return VaultBackends.keyProvider(config, client, Clock.systemUTC(), new SecureRandom()).orElseThrow(() -> UsageException.usage(
                "keys.provider is local: this command needs keys in HashiCorp Vault (vault-transit or vault-kv)"));
    }

    /** Closes the Vault client, so its call threads end with the command. */
    @Override
    public void close() {
        client.close();
    }

    private static VaultKeys required(Path configFile) {
        VaultKeys vault = of(configFile);
        if (vault == null) {
            throw UsageException.usage("--config FILE is required and its keys must live in HashiCorp Vault (docs/vault.md)");
        }
        return vault;
    }

    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = {"Retires the versions of KEY_ID below --min-version, which refuse to decrypt from now on.",
                "Transit's min_decryption_version is raised too. Run 'veil keys rewrap' first, so no token still needs them."})
    static final class Retire implements Callable<Integer> {

        @Parameters(paramLabel = "KEY_ID", description = "For example acme/vault.")
        String keyId;

        @Option(names = "--min-version", required = true, paramLabel = "N", description = "The oldest version that may still decrypt.")
        int minVersion;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "The gateway's veil.yaml (keys in HashiCorp Vault).")
        Path config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (VaultKeys vault = required(config)) {
                vault.keys().retire(keyId, minVersion);
            }
            spec.commandLine().getOut().println(keyId + ": versions below " + minVersion + " are retired");
            return 0;
        }
    }

    @Command(name = "rewrap", mixinStandardHelpOptions = true,
            description = {"Moves every vaulted token in HashiCorp Vault's KV store to the newest version of its key, with a progress bar.",
                "Resumable: a run that stops (a crash, Ctrl-C, Vault down) continues where it was when started again."})
    static final class Rewrap implements Callable<Integer> {

        @Option(names = "--config", required = true, paramLabel = "FILE",
                description = "The gateway's veil.yaml (keys in HashiCorp Vault, keys.tokenStore vault-kv).")
        Path config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (VaultKeys vault = required(config)) {
                return rewrap(vault);
            }
        }

        private int rewrap(VaultKeys vault) {
            if (!vault.config.tokenStore().equals(KeysConfig.VAULT_KV)) {
                throw UsageException.usage("keys.tokenStore is " + vault.config.tokenStore() + ": rewrap works on the vault-kv token store");
            }
            PrintWriter err = spec.commandLine().getErr();
            Rewrapper rewrapper = Rewrapper.of(VaultKvTokenStore.open(vault.client), vault.keys(), vault.client, new SecureRandom());
            rewrapper.checkpoint().ifPresent(at -> err.println("resuming an interrupted re-wrap"));
            long[] shown = {-1};
            Rewrapper.Progress end = rewrapper.run(progress -> {
                long percent = progress.total() == 0 ? 100 : progress.done() * 100 / progress.total();
                if (percent != shown[0] || progress.remaining() == 0) {
                    shown[0] = percent;
                    err.print("\r" + bar(percent) + " " + progress.done() + "/" + progress.total() + " (" + progress.moved() + " moved)");
                    err.flush();
                }
            });
            err.println();
            spec.commandLine().getOut().println("re-wrapped " + end.moved() + " of " + end.total() + " tokens; "
                    + (end.total() - end.moved()) + " already used the newest key version");
            return 0;
        }

        static String bar(long percent) {
            int filled = (int) (percent * 30 / 100);
            return "[" + "#".repeat(filled) + " ".repeat(30 - filled) + "] " + percent + "%";
        }
    }
}
