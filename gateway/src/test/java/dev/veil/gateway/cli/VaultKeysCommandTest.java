package dev.veil.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.config.VeilConfig;
import dev.veil.tokenizer.token.VaultedTokenFormat;
import dev.veil.tokenizer.vault.hashicorp.FakeVault;
import dev.veil.tokenizer.vault.hashicorp.VaultAuth;
import dev.veil.tokenizer.vault.hashicorp.VaultClient;
import dev.veil.tokenizer.vault.hashicorp.VaultKeyProvider;
import dev.veil.tokenizer.vault.hashicorp.VaultKvTokenStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code veil keys create|rotate|list|rewrap|retire --config veil.yaml} on keys and tokens in HashiCorp Vault. */
class VaultKeysCommandTest {

    private final FakeVault vault = FakeVault.start();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        vault.close();
    }

    private String config() throws Exception {
        Path policies = dir.resolve("policies");
        Files.createDirectories(policies);
        Files.copy(Path.of(PolicyCommandTest.example("examples/policies/acme.yaml")), policies.resolve("acme.yaml"));
        Path file = dir.resolve("veil.yaml");
        Files.writeString(file, """
                dev: true
                keys:
                  provider: vault-transit
                  tokenStore: vault-kv
                  vault:
                    address: %s
                    auth: { method: token, token: "${VAULT_TOKEN_FOR_TEST}" }
                    timeout: 5s
                identity: dev
                brands:
                  acme:
                    policy: policies/acme.yaml
                    webhookSecrets: [ "%s" ]
                    crm: { replyUrl: "http://127.0.0.1:9/replies", secret: "%s" }
                """.formatted(vault.address(), VeilConfig.DEV_WEBHOOK_SECRET, VeilConfig.DEV_CRM_SECRET)
                .replace("${VAULT_TOKEN_FOR_TEST}", FakeVault.ROOT_TOKEN));
        return file.toString();
    }

    @Test
    void createRotateListRewrapAndRetireWorkOnVault() throws Exception {
        String config = config();

        CliRun created = CliRun.of("", "keys", "create", "acme/vault", "--config", config);
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("created acme/vault");

        // tokens made with version 1
        List<String> tokens = new ArrayList<>();
        try (VaultClient client = VaultClient.open(vault.settings(new VaultAuth.Token(FakeVault.ROOT_TOKEN)).build(), Clock.systemUTC(),
                VaultClient.Listener.NONE)) {
            VaultedTokenFormat format = VaultedTokenFormat.builder(VaultKeyProvider.transit(client, Clock.systemUTC()),
                    VaultKvTokenStore.open(client)).namespace("acme").build();
            for (int i = 0; i < 30; i++) {
                tokens.add(format.tokenize("value-" + i).text());
            }
        }

        assertThat(CliRun.of("", "keys", "rotate", "acme/vault", "--config", config).out()).contains("acme/vault is now at version 2");
        assertThat(CliRun.of("", "keys", "list", "--config", config).out()).contains("acme/vault\tv2");

        CliRun rewrap = CliRun.of("", "keys", "rewrap", "--config", config);
        assertThat(rewrap.exitCode()).as(rewrap.err()).isZero();
        assertThat(rewrap.out()).contains("re-wrapped 30 of 30 tokens");
        assertThat(rewrap.err()).contains("100%");

        CliRun retire = CliRun.of("", "keys", "retire", "acme/vault", "--min-version", "2", "--config", config);
        assertThat(retire.exitCode()).as(retire.err()).isZero();

        try (VaultClient client = VaultClient.open(vault.settings(new VaultAuth.Token(FakeVault.ROOT_TOKEN)).build(), Clock.systemUTC(),
                VaultClient.Listener.NONE)) {
            VaultKeyProvider keys = VaultKeyProvider.transit(client, Clock.systemUTC());
            VaultKvTokenStore store = VaultKvTokenStore.open(client);
            VaultedTokenFormat format = VaultedTokenFormat.builder(keys, store).namespace("acme").random(new SecureRandom()).build();
            for (int i = 0; i < tokens.size(); i++) {
                assertThat(store.get(tokens.get(i)).orElseThrow().keyVersion()).isEqualTo(2);
                assertThat(format.detokenize(tokens.get(i), 0)).isEqualTo("value-" + i);
            }
            assertThat(keys.minDecryptionVersion("acme/vault")).isEqualTo(2);
        }
    }

    @Test
    void everyVaultCommandClosesItsClient() throws Exception {
        String config = config();
        List<String[]> commands = List.of(
                new String[] {"keys", "create", "acme/vault", "--config", config},
                new String[] {"keys", "rotate", "acme/vault", "--config", config},
                new String[] {"keys", "list", "--config", config},
                new String[] {"keys", "rewrap", "--config", config},
                new String[] {"keys", "retire", "acme/vault", "--min-version", "1", "--config", config});
        for (String[] command : commands) {
            Set<Thread> before = vaultCallThreads();
            CliRun run = CliRun.of("", command);
            assertThat(run.exitCode()).as(String.join(" ", command) + ": " + run.err()).isZero();
            Set<Thread> left = vaultCallThreads();
            left.removeAll(before);
            for (Thread thread : left) {
                // a closed client's pool ends its threads at once; an open one keeps them idle for a minute
                thread.join(Duration.ofSeconds(10).toMillis());
                assertThat(thread.isAlive()).as(String.join(" ", command) + " left a Vault call thread running").isFalse();
            }
        }
    }

    private static Set<Thread> vaultCallThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("veil-vault-call") && thread.isAlive()) {
                threads.add(thread);
            }
        }
        return threads;
    }
}
