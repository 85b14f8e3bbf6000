package dev.veil.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.veil.gateway.config.KeysConfig;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.config.VeilConfigLoader;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/: the compose file is valid ({@code docker compose config} where docker exists, its YAML
 * structure otherwise), the gateway runs non-root on a read-only root filesystem, its veil.yaml
 * loads, Prometheus scrapes the admin listener, and the init script grants exactly the Vault
 * policy docs/vault.md documents.
 */
class DockerComposeTest {

    private static final Path DOCKER = Path.of("..", "docker");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    @Test
    void composeIsValidWhereDockerRuns() throws Exception {
        List<String> compose = onPath("docker") && exitsZero(List.of("docker", "compose", "version")) ? List.of("docker", "compose")
                : onPath("docker-compose") ? List.of("docker-compose") : List.of();
        if (compose.isEmpty()) {
            return; // no compose here: the YAML structure checks below stand in
        }
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-f", DOCKER.resolve("compose.yaml").toString(), "config", "-q"));
        Process check = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.exitValue()).as(output).isZero();
    }

    @Test
    void composeRunsVaultInDevModeTheInitScriptTheGatewayAndPrometheus() throws Exception {
        JsonNode compose = YAML.readTree(DOCKER.resolve("compose.yaml").toFile());
        JsonNode services = compose.get("services");
        assertThat(iterable(services.fieldNames())).containsExactlyInAnyOrder("vault", "vault-init", "veil", "prometheus");
        assertThat(services.at("/vault/image").asText()).startsWith("hashicorp/vault:");
        assertThat(services.at("/vault/command").toString()).contains("-dev");
        assertThat(services.at("/vault-init/entrypoint").toString()).contains("/vault-init.sh");
        assertThat(services.at("/vault-init/depends_on/vault/condition").asText()).isEqualTo("service_healthy");

        JsonNode veil = services.get("veil");
        assertThat(veil.at("/build/dockerfile").asText()).isEqualTo("docker/Dockerfile");
        assertThat(veil.at("/build/context").asText()).isEqualTo("..");
        assertThat(veil.get("read_only").asBoolean()).isTrue();
        assertThat(veil.get("user").asText()).doesNotStartWith("0").isNotEqualTo("root");
        assertThat(veil.get("cap_drop").toString()).contains("ALL");
        assertThat(veil.at("/depends_on/vault-init/condition").asText()).isEqualTo("service_completed_successfully");
        assertThat(veil.get("volumes").toString()).contains("approle:/run/veil:ro").contains("veil-data:/var/lib/veil");
        assertThat(veil.get("entrypoint").toString()).contains("/run/veil/role-id").contains("/etc/veil/veil.yaml");
        assertThat(iterable(compose.get("volumes").fieldNames())).contains("approle", "veil-data");
        for (JsonNode service : services) {
            for (JsonNode port : service.path("ports")) {
                assertThat(port.asText()).as("published to this machine only").startsWith("127.0.0.1:");
            }
        }

        JsonNode prometheus = YAML.readTree(DOCKER.resolve("prometheus.yml").toFile());
        assertThat(prometheus.at("/scrape_configs/0/static_configs/0/targets/0").asText()).isEqualTo("veil:8081");
        assertThat(prometheus.at("/scrape_configs/0/metrics_path").asText()).isEqualTo("/metrics");
    }

    @Test
    void theImageRunsAsAnUnprivilegedUser() throws Exception {
        List<String> lines = Files.readAllLines(DOCKER.resolve("Dockerfile"));
        String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        assertThat(user).isEqualTo("USER 10001:10001");
        assertThat(lines).anyMatch(l -> l.startsWith("ENTRYPOINT [\"/bin/sh\", \"-c\", \"exec java @/opt/veil/jvm.options ${VEIL_JAVA_OPTS:-} -jar /opt/veil/veil.jar serve"));
        assertThat(lines).noneMatch(l -> l.startsWith("ADD "));
    }

    @Test
    void theGatewaysConfigurationLoadsWithVaultTransitAndKvTokens() throws Exception {
        Path policies = dir.resolve("policies");
        Files.createDirectories(policies);
        Files.copy(Path.of("..", "examples", "policies", "acme.yaml"), policies.resolve("acme.yaml"));
        String yaml = Files.readString(DOCKER.resolve("veil.yaml")).replace("/etc/veil/policies/", "policies/")
                .replace("data: /var/lib/veil", "data: ./data");
        Path file = dir.resolve("veil.yaml");
        Files.writeString(file, yaml);

        VeilConfig config = VeilConfigLoader.of(Map.of("VEIL_VAULT_ROLE_ID", "role", "VEIL_VAULT_SECRET_ID", "secret")).load(file);

        assertThat(config.keys().provider()).isEqualTo(KeysConfig.VAULT_TRANSIT);
        assertThat(config.keys().tokenStore()).isEqualTo(KeysConfig.VAULT_KV);
        assertThat(config.keys().vault().orElseThrow().address().toString()).isEqualTo("http://vault:8200");
        assertThat(config.server().admin().port()).isEqualTo(8081);
    }

    @Test
    void theInitScriptGrantsExactlyThePolicyTheDocsShow() throws Exception {
        String script = Files.readString(DOCKER.resolve("vault-init.sh"));
        String doc = Files.readString(Path.of("..", "docs", "vault.md"));
        List<String> granted = rules(script);
        assertThat(granted).hasSizeGreaterThanOrEqualTo(9);
        assertThat(rules(doc)).containsExactlyElementsOf(granted);
        assertThat(script).contains("vault secrets enable transit").contains("-version=2 kv").contains("vault auth enable approle")
                .contains("token_policies=veil");
    }

    private static List<String> rules(String text) {
        Matcher m = Pattern.compile("path \"([^\"]+)\"\\s*\\{ capabilities = (\\[[^]]*])").matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2));
        }
        return out;
    }

    private static boolean exitsZero(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, program))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
