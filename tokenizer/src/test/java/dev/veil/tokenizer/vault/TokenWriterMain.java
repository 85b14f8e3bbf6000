package dev.veil.tokenizer.vault;

import dev.veil.tokenizer.token.VaultedTokenFormat;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * A child process for {@link MvStoreTokenStoreCrashTest}: tokenizes made-up values as fast as it
 * can and prints {@code <value> <token>} for each one only after {@code tokenize} returned, that
 * is after the store acknowledged it, until it is killed.
 *
 * <p>Arguments: keyring, master key file, store file, first value number.
 */
public final class TokenWriterMain {

    private TokenWriterMain() {}

    public static void main(String[] args) {
        SecureRandom random = new SecureRandom();
        LocalKeyProvider keys = LocalKeyProvider.open(Path.of(args[0]), MasterKey.fromFile(Path.of(args[1])), random);
        MvStoreTokenStore store = MvStoreTokenStore.open(Path.of(args[2]));
        long first = Long.parseLong(args[3]);
        VaultedTokenFormat plain = formats(keys, store, random, false);
        VaultedTokenFormat convergent = formats(keys, store, random, true);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        for (long i = first; ; i++) {
            // every third value repeats an earlier convergent one, which must keep its token
            String value = "value-" + (i % 3 == 2 && i - 1 > first ? i - 1 : i);
            VaultedTokenFormat format = i % 3 == 0 ? plain : convergent;
            out.println(value + " " + format.tokenize(value).text() + " " + (format == plain ? "plain" : "convergent"));
            out.flush();
        }
    }

    static VaultedTokenFormat formats(KeyProvider keys, TokenStore store, SecureRandom random, boolean convergent) {
        VaultedTokenFormat.Builder builder = VaultedTokenFormat.builder(keys, store).namespace("crash").random(random);
        return (convergent ? builder.convergent() : builder).build();
    }
}
