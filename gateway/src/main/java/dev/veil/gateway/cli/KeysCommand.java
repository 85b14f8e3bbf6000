package dev.veil.gateway.cli;

import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyVersion;
import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
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
        description = "Manages the local keyring: init, rotate KEY_ID, list.",
        subcommands = {KeysCommand.Init.class, KeysCommand.Rotate.class, KeysCommand.ListKeys.class})
final class KeysCommand {

    /** Where the keyring and its master key are: shared by every {@code keys} subcommand. */
    static final class Keyring {

        static final Path DEFAULT = Path.of(".veil", "keyring");

        @Option(names = "--keyring", paramLabel = "FILE", description = "The keyring (default: ${DEFAULT-VALUE}).")
        Path keyring = DEFAULT;

        @Option(names = "--master-key-file", paramLabel = "FILE",
                description = "The master key file (default: the VEIL_MASTER_KEY environment variable).")
        Path masterKeyFile;

        LocalKeyProvider open() {
            if (!Files.exists(keyring)) {
                throw UsageException.usage("keyring " + keyring + " does not exist (create it with: veil keys init)");
            }
            return LocalKeyProvider.open(keyring, MasterKey.load(masterKeyFile, System.getenv()), new SecureRandom());
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Creates an empty keyring. With --master-key-file FILE and no such file, first writes a new",
                "random master key there (owner-only); otherwise the master key comes from VEIL_MASTER_KEY."})
    static final class Init implements Callable<Integer> {

        @Mixin
        Keyring options;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SecureRandom random = new SecureRandom();
            PrintWriter out = spec.commandLine().getOut();
            if (Files.exists(options.keyring)) {
                throw UsageException.usage("keyring " + options.keyring + " already exists (refusing to replace it)");
            }
            Path masterKeyFile = options.masterKeyFile;
            if (masterKeyFile != null && !Files.exists(masterKeyFile)) {
                MasterKey.generate(random).writeTo(masterKeyFile);
                out.println("created master key file " + masterKeyFile + " (keep it apart from the keyring, and back it up)");
            }
            LocalKeyProvider.create(options.keyring, MasterKey.load(masterKeyFile, System.getenv()), random);
            out.println("created keyring " + options.keyring);
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Adds a version to KEY_ID and makes it current; tokens made before still resolve.")
    static final class Rotate implements Callable<Integer> {

        @Parameters(paramLabel = "KEY_ID", description = "For example acme/card (<brand>/<profile>).")
        String keyId;

        @Mixin
        Keyring keyring;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            KeyVersion version = keyring.open().rotate(keyId);
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
            for (KeyProvider.KeyInfo info : keyring.open().keys()) {
                out.println(info.keyId() + "\tv" + info.currentVersion());
            }
            return 0;
        }
    }
}
