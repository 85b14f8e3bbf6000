package dev.veil.gateway.cli;

import dev.veil.policy.compile.PolicyCompiler;
import dev.veil.policy.compile.PolicyKeys;
import dev.veil.policy.load.PolicyException;
import dev.veil.policy.model.PolicySpec;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.vault.InMemoryTokenStore;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyVersion;
import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code veil keys}: creates the local keyring, rotates keys and lists them (never their material). */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = {"Manages the local keyring: init [--policy FILE], create KEY_ID, rotate KEY_ID, list, upgrade.",
            "With --config veil.yaml whose keys live in HashiCorp Vault: create, rotate, list, retire and rewrap work there."},
        subcommands = {KeysCommand.Init.class, KeysCommand.Create.class, KeysCommand.Rotate.class, KeysCommand.ListKeys.class,
            KeysCommand.Upgrade.class, VaultKeys.Retire.class, VaultKeys.Rewrap.class})
final class KeysCommand {

    /** Where the keyring and its master key are: shared by every {@code keys} subcommand. */
    static final class Keyring {

        static final Path DEFAULT = Path.of(".veil", "keyring");

        @Option(names = "--keyring", paramLabel = "FILE", description = "The keyring (default: ${DEFAULT-VALUE}).")
        Path keyring = DEFAULT;

        @Option(names = "--master-key-file", paramLabel = "FILE",
                description = "The master key file (default: the VEIL_MASTER_KEY environment variable).")
        Path masterKeyFile;

        @Option(names = "--config", paramLabel = "FILE",
                description = "The gateway's veil.yaml: when its keys live in HashiCorp Vault (keys.provider vault-transit or vault-kv),"
                        + " manage them there instead of in a keyring.")
        Path config;

        /**
         * What {@code work} makes of the keys to manage: those of {@code --config} when it keeps them in
         * Vault (whose client is closed after), else the local keyring.
         */
        <T> T apply(Function<KeyProvider, T> work) {
            try (VaultKeys vault = VaultKeys.of(config)) {
                return work.apply(vault != null ? vault.keys() : open());
            }
        }

        LocalKeyProvider open() {
            return LocalKeyProvider.open(checked(keyring), MasterKey.load(masterKeyFile, System.getenv()), new SecureRandom());
        }

        /** {@code keyring} if it exists; never creates one, which is what {@code veil keys init} is for. */
        static Path checked(Path keyring) {
            if (!Files.exists(keyring)) {
                throw UsageException.usage("keyring " + keyring + " does not exist (create it with: veil keys init)");
            }
            return keyring;
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Creates a keyring (and, with --policy FILE, every key the policy needs).",
                "With --master-key-file FILE and no such file, first writes a new random master key there (owner-only);",
                "otherwise the master key comes from VEIL_MASTER_KEY.",
                "With --policy FILE, also creates every key the policy's tokens need (in an existing keyring too).",
                "Tokenizing never creates keys: this, 'keys create' and 'keys rotate' do."})
    static final class Init implements Callable<Integer> {

        @Mixin
        Keyring options;

        @Option(names = "--policy", paramLabel = "FILE",
                description = "Create every key this policy needs (repeatable); keys that exist are left as they are.")
        List<Path> policies = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SecureRandom random = new SecureRandom();
            PrintWriter out = spec.commandLine().getOut();
            List<SortedSet<String>> needed = new ArrayList<>();
            for (Path policy : policies) {
                SortedSet<String> keyIds = policyKeys(policy);
                if (keyIds == null) {
                    return 1;
                }
                needed.add(keyIds);
            }
            if (policies.isEmpty() && Files.exists(options.keyring)) {
                throw UsageException.usage("keyring " + options.keyring + " already exists (refusing to replace it)");
            }
            Path masterKeyFile = options.masterKeyFile;
            if (masterKeyFile != null && !Files.exists(masterKeyFile)) {
                MasterKey.generate(random).writeTo(masterKeyFile);
                out.println("created master key file " + masterKeyFile + " (keep it apart from the keyring, and back it up)");
            }
            MasterKey master = MasterKey.load(masterKeyFile, System.getenv());
            LocalKeyProvider keys;
            if (policies.isEmpty() || !Files.exists(options.keyring)) {
                keys = LocalKeyProvider.create(options.keyring, master, random);
                out.println("created keyring " + options.keyring);
            } else {
                keys = LocalKeyProvider.open(Keyring.checked(options.keyring), master, random);
            }
            for (int i = 0; i < policies.size(); i++) {
                create(keys, needed.get(i), out);
                out.println(policies.get(i) + ": every key it needs is in " + options.keyring);
            }
            return 0;
        }

        /** The keys a policy needs, or {@code null} after printing why the policy does not load. */
        private SortedSet<String> policyKeys(Path policy) {
            PolicySpec parsed;
            try {
                parsed = PolicyCompiler.builder().keys(new EphemeralKeyProvider(new SecureRandom()))
                        .tokenStore(InMemoryTokenStore.of()).random(new SecureRandom())
                        .detectors(DetectorRegistry.defaults()).build().loader().load(policy);
            } catch (PolicyException e) {
                PolicyTools.printProblems(e, policy, spec.commandLine().getErr());
                return null;
            }
            return PolicyKeys.required(parsed);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates version 1 of each KEY_ID that does not exist yet; existing keys are left as they are.")
    static final class Create implements Callable<Integer> {

        @Parameters(paramLabel = "KEY_ID", arity = "1..*", description = "For example acme/card (<brand>/<profile>).")
        List<String> keyIds;

        @Mixin
        Keyring keyring;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return keyring.apply(keys -> {
                create(keys, keyIds, spec.commandLine().getOut());
                return 0;
            });
        }
    }

    @Command(name = "upgrade", mixinStandardHelpOptions = true,
            description = {"Rewrites a keyring of format 1 (authenticated line by line only) with a MAC over the whole keyring.",
                "Run it once, on a keyring you know to be complete: format 1 cannot show that keys were removed."})
    static final class Upgrade implements Callable<Integer> {

        @Mixin
        Keyring keyring;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            LocalKeyProvider upgraded = LocalKeyProvider.upgrade(Keyring.checked(keyring.keyring),
                    MasterKey.load(keyring.masterKeyFile, System.getenv()), new SecureRandom());
            spec.commandLine().getOut().println("upgraded keyring " + keyring.keyring + " (" + upgraded.keys().size() + " keys)");
            return 0;
        }
    }

    /** Creates each missing key, saying which were created and which existed. */
    private static void create(KeyProvider keys, Collection<String> keyIds, PrintWriter out) {
        Set<String> existing = new HashSet<>();
        keys.keys().forEach(info -> existing.add(info.keyId()));
        for (String keyId : keyIds) {
            KeyVersion version = keys.createIfAbsent(keyId);
            out.println(existing.contains(keyId) ? keyId + " exists (version " + version.version() + ")" : "created " + keyId);
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Adds a version to KEY_ID (version 1 for a new key) and makes it current; tokens made before still resolve.")
    static final class Rotate implements Callable<Integer> {

        @Parameters(paramLabel = "KEY_ID", description = "For example acme/card (<brand>/<profile>).")
        String keyId;

        @Mixin
        Keyring keyring;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            KeyVersion version = keyring.apply(keys -> keys.rotate(keyId));
            spec.commandLine().getOut().println(version.keyId() + " is now at version " + version.version());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists key ids and current versions.")
    static final class ListKeys implements Callable<Integer> {

        @Mixin
        Keyring keyring;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (KeyProvider.KeyInfo info : keyring.apply(KeyProvider::keys)) {
                out.println(info.keyId() + "\tv" + info.currentVersion());
            }
            return 0;
        }
    }
}
