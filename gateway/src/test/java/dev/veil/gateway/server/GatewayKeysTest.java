package dev.veil.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.config.VeilConfigLoader;
import dev.veil.gateway.ops.VeilMetrics;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import dev.veil.tokenizer.vault.hashicorp.FakeVault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up's keys: a keyring or a Vault without a key the policies need stops start-up, naming where and how to create it. */
class GatewayKeysTest {

    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path dir;

    private VeilConfig config(boolean dev, String keys) throws Exception {
        Path policies = dir.resolve("policies");
        Files.createDirectories(policies);
        Files.copy(examples().resolve("policies/acme.yaml"), policies.resolve("acme.yaml"), StandardCopyOption.REPLACE_EXISTING);
        Path file = dir.resolve("veil.yaml");
        Files.writeString(file, """
                dev: %s
                data: %s
                keys: %s
                identity: { issuer: "https://id.example/", audience: veil, jwksUrl: "https://id.example/jwks.json" }
                brands:
                  acme:
                    policy: policies/acme.yaml
                    webhookSecrets: [ "%s" ]
                    crm: { replyUrl: "https://crm.example/replies", secret: "%s" }
                """.formatted(dev, dir.resolve("data"), keys, VeilConfig.DEV_WEBHOOK_SECRET, VeilConfig.DEV_CRM_SECRET));
        return VeilConfigLoader.of(Map.of()).load(file);
    }

    private static Path examples() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve("examples/policies"))) {
                return at.resolve("examples");
            }
        }
        throw new IllegalStateException("no examples/ above the working directory");
    }

    @Test
    void aKeyringWithoutTheNeededKeysStopsStartUpAndDevModeCreatesThem() throws Exception {
        Path master = dir.resolve("master.key");
        MasterKey.generate(random).writeTo(master);
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider.create(keyring, MasterKey.load(master, Map.of()), random);
        String keys = "{ provider: local, keyring: \"" + keyring + "\", masterKeyFile: \"" + master + "\" }";

        assertThatThrownBy(() -> GatewayKeys.open(config(false, keys), random)).isInstanceOf(StartupException.class)
                .hasFieldOrPropertyWithValue("code", "keys_missing")
                .hasMessageContaining("keyring " + keyring + " lacks acme/")
                .hasMessageContaining("(create them with: veil keys init --policy POLICY.yaml and veil keys create ");

        VeilConfig dev = config(true, keys);
        KeyProvider created = GatewayKeys.open(dev, random);
        assertThat(created.keys()).extracting(KeyProvider.KeyInfo::keyId).containsAll(GatewayKeys.needed(dev));
    }

    @Test
    void aVaultWithoutTheNeededKeysStopsStartUpNamingTheCommand() throws Exception {
        try (FakeVault vault = FakeVault.start()) {
            String keys = "{ provider: vault-transit, vault: { address: \"" + vault.address() + "\", auth: { method: token, token: \""
                    + FakeVault.ROOT_TOKEN + "\" }, timeout: 5s } }";
            VeilConfig config = config(false, keys);
            try (VaultBackends backends = VaultBackends.open(config.keys(), VeilMetrics.create().registry(), Clock.systemUTC(), random)
                    .orElseThrow()) {
                assertThatThrownBy(() -> GatewayKeys.open(config, random, backends)).isInstanceOf(StartupException.class)
                        .hasFieldOrPropertyWithValue("code", "keys_missing")
                        .hasMessageContaining("HashiCorp Vault lacks acme/")
                        .hasMessageContaining("(create them with: veil keys create KEY --config veil.yaml, once per key)");
            }
        }
    }
}
