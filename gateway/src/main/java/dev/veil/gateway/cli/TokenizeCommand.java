package dev.veil.gateway.cli;

import dev.veil.policy.compile.TokenFormatFactory;
import dev.veil.policy.model.FormatKind;
import dev.veil.policy.model.TokenProfile;
import dev.veil.tokenizer.token.Token;
import dev.veil.tokenizer.token.TokenFormat;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.TokenStore;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code veil tokenize}: turns values read one per line into tokens written one per line. */
@Command(name = "tokenize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reads values on standard input, one per line, and writes their tokens, one per line.",
            "Keys come from the keyring and are never created here: create them first with veil keys create <brand>/<profile>",
            "(format-preserving profiles also need <brand>/<profile>.index) or veil keys init --policy FILE.",
            "The key version of format-preserving tokens is recorded in the --store file, where detokenize finds it.",
            "Exit code 0 when every line was tokenized, 1 when some line failed (each named on standard error)."})
final class TokenizeCommand implements Callable<Integer> {

    @Mixin
    FormatOptions format;

    @Mixin
    VaultOptions vault;

    @Spec
    CommandSpec spec;

    @ParentCommand
    VeilCommand veil;

    @Override
    public Integer call() throws IOException {
        TokenProfile profile = format.profile();
        SecureRandom random = new SecureRandom();
        KeyProvider keys = vault.keys(profile.format(), random);
        try (TokenStore store = vault.store(profile.format())) {
            TokenFormat tokens = format.build(new TokenFormatFactory(keys, store, random), profile);
            AtomicInteger keyVersion = new AtomicInteger();
            int failed = ValueLines.transform(veil.stdin(), spec.commandLine().getOut(), spec.commandLine().getErr(), value -> {
                Token token = tokens.tokenize(value);
                keyVersion.set(token.keyVersion());
                return token.text();
            });
            if (keyVersion.get() > 0 && profile.format() != FormatKind.RANDOM) {
                spec.commandLine().getErr().println("key " + format.keyId() + " version " + keyVersion.get()
                        + " (recorded in " + vault.store + "; without that file, detokenize with --key-version " + keyVersion.get() + ")");
            }
            return failed == 0 ? 0 : 1;
        }
    }
}
