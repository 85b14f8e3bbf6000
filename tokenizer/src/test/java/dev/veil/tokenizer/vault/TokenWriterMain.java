package dev.veil.tokenizer.vault;

import dev.veil.tokenizer.token.VaultedTokenFormat;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A child process for {@link MvStoreTokenStoreCrashTest}: tokenizes made-up values as fast as it
 * can from several threads, printing {@code <value> <token> <mode>} for each one only after
 * {@code tokenize} returned, that is after the store acknowledged it, until it is killed.
 *
 * <p>Arguments: keyring, master key file, store file, first value number, threads, and optionally
 * a batch size: then each thread tokenizes that many values in a {@link DurableBatch} and prints
 * their lines only after the batch committed.
 */
public final class TokenWriterMain {

    private TokenWriterMain() {}

    public static void main(String[] args) {
        SecureRandom random = new SecureRandom();
        LocalKeyProvider keys = LocalKeyProvider.open(Path.of(args[0]), MasterKey.fromFile(Path.of(args[1])), random);
        keys.createIfAbsent("crash/vault");
        keys.createIfAbsent("crash/fingerprint");
        MvStoreTokenStore store = MvStoreTokenStore.open(Path.of(args[2]));
        long first = Long.parseLong(args[3]);
        int threads = Integer.parseInt(args[4]);
        VaultedTokenFormat plain = format(keys, store, random, false);
        VaultedTokenFormat convergent = format(keys, store, random, true);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        AtomicLong next = new AtomicLong(first);
        int batch = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                while (true) {
                    List<String> lines = new ArrayList<>();
                    try (DurableBatch unit = batch > 0 ? DurableBatch.open() : null) {
                        for (int n = 0; n < Math.max(1, batch); n++) {
                            long i = next.getAndIncrement();
                            // every third value repeats an earlier convergent one, which must keep its token
                            String value = "value-" + (i % 3 == 2 && i - 1 > first ? i - 1 : i);
                            VaultedTokenFormat format = i % 3 == 0 ? plain : convergent;
                            lines.add(value + " " + format.tokenize(value).text() + " " + (format == plain ? "plain" : "convergent"));
                        }
                        if (unit != null) {
                            unit.commit();
                        }
                    }
                    synchronized (out) {
                        lines.forEach(out::println);
                        out.flush();
                    }
                }
            }).start();
        }
    }

    static VaultedTokenFormat format(KeyProvider keys, TokenStore store, SecureRandom random, boolean convergent) {
        VaultedTokenFormat.Builder builder = VaultedTokenFormat.builder(keys, store).namespace("crash").random(random);
        return (convergent ? builder.convergent() : builder).build();
    }
}
