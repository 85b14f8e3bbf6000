package dev.veil.tokenizer.vault.hashicorp;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The child JVM of {@link RewrapperCrashTest}: runs a {@link Rewrapper} against the parent's
 * {@link FakeVault} (address in {@code args[0]}) over HTTP and prints {@code <done> <moved> <total>}
 * after every token, until the parent kills it.
 */
public final class RewrapMain {

    private RewrapMain() {}

    public static void main(String[] args) {
        VaultSettings settings = VaultSettings.builder(URI.create(args[0]), new VaultAuth.Token(FakeVault.ROOT_TOKEN))
                .timeout(java.time.Duration.ofSeconds(5))
                .backoff(java.time.Duration.ofMillis(2), java.time.Duration.ofMillis(10))
                .build();
        try (VaultClient client = VaultClient.open(settings, Clock.systemUTC(), VaultClient.Listener.NONE)) {
            VaultKeyProvider keys = VaultKeyProvider.transit(client, Clock.systemUTC());
            VaultKvTokenStore store = VaultKvTokenStore.open(client);
            Rewrapper.of(store, keys, client, new SecureRandom()).run(p -> {
                System.out.println(p.done() + " " + p.moved() + " " + p.total());
                System.out.flush();
            });
        }
    }
}
