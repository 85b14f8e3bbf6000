package dev.veil.gateway.cli;

import dev.veil.policy.compile.TokenFormatFactory;
import dev.veil.policy.model.TokenProfile;
import dev.veil.tokenizer.token.ReversibleTokenFormat;
import dev.veil.tokenizer.token.TokenFormat;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.TokenStore;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code veil detokenize}: turns tokens read one per line back into their values. */
@Command(name = "detokenize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reads tokens on standard input, one per line, and writes their values, one per line.",
            "Takes the same --format, --brand, --profile and format options as tokenize; never creates keys.",
            "A format-preserving token turns back with the key version recorded for it in --store, or --key-version N;",
            "a token whose version is unknown, or recorded differently, is refused rather than decrypted under a guess.",
            "Exit code 0 when every line was turned back, 1 when some line failed (each named on standard error)."})
final class DetokenizeCommand implements Callable<Integer> {

    @Mixin
    FormatOptions format;

    @Mixin
    VaultOptions vault;

    @Option(names = "--key-version", paramLabel = "N",
            description = "Key version the format-preserving tokens were made with (default: the version recorded in --store).")
    Integer keyVersion;

    @Spec
    CommandSpec spec;

    @ParentCommand
    VeilCommand veil;

    @Override
    public Integer call() throws IOException {
        TokenProfile profile = format.profile();
        if (!profile.format().reversible()) {
            throw UsageException.usage("--format: " + format.format + " tokens never turn back (expected: fpe-card, fpe-digits, fpe-alnum or random)");
        }
        KeyProvider keys = new ExistingKeysOnly(vault.keyring.open());
        if (keyVersion != null && keyVersion < 1) {
            throw UsageException.usage("--key-version: " + keyVersion + " (expected: >= 1)");
        }
        try (TokenStore store = vault.existingStore(profile.format())) {
            TokenFormat tokens = format.build(new TokenFormatFactory(keys, store, new SecureRandom()), profile);
            ReversibleTokenFormat reversible = (ReversibleTokenFormat) tokens;
            int version = keyVersion != null ? keyVersion : 0; // 0: the version recorded for each token, never a guess
            int failed = ValueLines.transform(veil.stdin(), spec.commandLine().getOut(), spec.commandLine().getErr(),
                    token -> reversible.detokenize(token, version));
            return failed == 0 ? 0 : 1;
        }
    }
}
