package dev.veil.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.gateway.auth.AdminAuthenticator;
import dev.veil.tokenizer.vault.hashicorp.VaultAuth;
import dev.veil.tokenizer.vault.hashicorp.VaultSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/vault.md shows examples/veil-vault.yaml as it is; it loads; keys.vault's problems are reported by position. */
class VaultDocTest {

    private static final Path DOC = Path.of("..", "docs", "vault.md");
    private static final Path EXAMPLE = Path.of("..", "examples", "veil-vault.yaml");

    @TempDir
    Path dir;

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(VeilConfigLoaderTest.exampleEnv());
        env.put("VEIL_VAULT_ROLE_ID", "6d2c1e0a-role");
        env.put("VEIL_VAULT_SECRET_ID", "a7f1-secret");
        return env;
    }

    @Test
    void theDocShowsTheExampleAndTheExampleLoads() throws Exception {
        String md = Files.readString(DOC);
        String marker = "```yaml\n";
        int start = md.indexOf(marker) + marker.length();
        assertThat(md.substring(start, md.indexOf("```", start))).isEqualTo(Files.readString(EXAMPLE));

        VeilConfig config = VeilConfigLoader.of(env()).load(EXAMPLE);

        KeysConfig keys = config.keys();
        assertThat(keys.provider()).isEqualTo(KeysConfig.VAULT_TRANSIT);
        assertThat(keys.tokenStore()).isEqualTo(KeysConfig.VAULT_KV);
        VaultSettings vault = keys.vault().orElseThrow();
        assertThat(vault.address().toString()).isEqualTo("https://vault.internal:8200");
        assertThat(vault.auth()).isEqualTo(new VaultAuth.AppRole("approle", "6d2c1e0a-role", "a7f1-secret"));
        assertThat(vault.auth().toString()).doesNotContain("a7f1-secret");
        assertThat(vault.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(vault.breakerFailures()).isEqualTo(5);
        assertThat(vault.breakerOpenFor()).isEqualTo(Duration.ofSeconds(10));
        assertThat(vault.cacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(vault.cacheMaxEntries()).isEqualTo(1000);
        assertThat(vault.transitMount()).isEqualTo("transit");
        assertThat(vault.prefix()).isEqualTo("veil");
        assertThat(AdminAuthenticator.class).isNotNull();
    }

    @Test
    void vaultProblemsArePositionedAndNeverQuoteSecrets() throws Exception {
        String base = Files.readString(EXAMPLE).replace("policies/acme.yaml", EXAMPLE.toAbsolutePath().getParent().resolve("policies/acme.yaml").toString());
        String broken = base.replace("address: https://vault.internal:8200", "address: http://vault.internal:8200")
                .replace("method: approle", "method: ldap")
                .replace("timeout: 2s", "timeout: soon");
        Path file = dir.resolve("veil.yaml");
        Files.writeString(file, broken);

        assertThatThrownBy(() -> VeilConfigLoader.of(env()).load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("keys.vault.address: plain http to another machine")
                .hasMessageContaining("keys.vault.auth.method")
                .hasMessageNotContaining("a7f1-secret");

        Files.writeString(file, base.replace("  provider: vault-transit", "  provider: local").replace("  tokenStore: vault-kv", "  tokenStore: embedded"));
        assertThatThrownBy(() -> VeilConfigLoader.of(env()).load(file)).hasMessageContaining("keys.vault: set but unused");
    }
}
