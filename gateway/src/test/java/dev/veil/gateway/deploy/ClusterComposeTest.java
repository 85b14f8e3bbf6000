package dev.veil.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.policy.yaml.Problems;
import dev.veil.policy.yaml.YamlNode;
import dev.veil.policy.yaml.YamlNode.ListNode;
import dev.veil.policy.yaml.YamlNode.MapNode;
import dev.veil.policy.yaml.YamlNode.Scalar;
import dev.veil.policy.yaml.YamlTreeReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.cluster.yaml, linted by its structure: two Veil nodes built from
 * docker/Dockerfile with stores: postgres, PostgreSQL, Vault in dev mode, nginx balancing both
 * nodes, Prometheus scraping both; published ports on loopback only; the files it mounts exist.
 */
class ClusterComposeTest {

    private static final Path DOCKER = Path.of("..", "docker");

    @Test
    void composeClusterHasTwoNodesPostgresVaultNginxAndPrometheus() throws Exception {
        MapNode root = (MapNode) read(DOCKER.resolve("compose.cluster.yaml"));
        MapNode services = (MapNode) root.get("services");
        List<String> names = services.entries().stream().map(YamlNode.Entry::key).toList();
        assertThat(names).contains("postgres", "vault", "veil-1", "veil-2", "nginx", "prometheus");
        assertThat(text(((MapNode) services.get("postgres")).get("image"))).startsWith("postgres:");
        assertThat(text(((MapNode) services.get("vault")).get("image"))).startsWith("hashicorp/vault:");
        assertThat(strings(((MapNode) services.get("vault")).get("command"))).contains("-dev");
        for (String node : List.of("veil-1", "veil-2")) {
            MapNode s = (MapNode) services.get(node);
            MapNode build = (MapNode) s.get("build");
            assertThat(text(build.get("dockerfile"))).isEqualTo("docker/Dockerfile");
            assertThat(strings(s.get("volumes"))).contains("./cluster/veil.yaml:/etc/veil/veil.yaml:ro");
            assertThat(text(((MapNode) s.get("environment")).get("VEIL_NODE"))).isEqualTo(node);
            assertThat(text(s.get("read_only"))).isEqualTo("true");
        }
        // every published port is on loopback only
        for (YamlNode.Entry e : services.entries()) {
            YamlNode ports = ((MapNode) e.value()).get("ports");
            if (ports != null) {
                assertThat(strings(ports)).as(e.key()).allMatch(p -> p.startsWith("127.0.0.1:"));
            }
        }
        // the files mounted from docker/cluster exist
        for (YamlNode.Entry e : services.entries()) {
            YamlNode volumes = ((MapNode) e.value()).get("volumes");
            if (volumes != null) {
                for (String v : strings(volumes)) {
                    if (v.startsWith("./cluster/")) {
                        assertThat(DOCKER.resolve(v.substring(2, v.indexOf(':')))).as(e.key()).exists();
                    }
                }
            }
        }
    }

    @Test
    void theNodesAreBalancedScrapedAndConfiguredForPostgres() throws Exception {
        String nginx = Files.readString(DOCKER.resolve("cluster/nginx.conf"));
        assertThat(nginx).contains("server veil-1:8080").contains("server veil-2:8080").contains("proxy_pass http://veil_public");
        MapNode prometheus = (MapNode) read(DOCKER.resolve("cluster/prometheus.yml"));
        assertThat(prometheus.toString()).contains("veil-1:8081").contains("veil-2:8081");
        MapNode veil = (MapNode) read(DOCKER.resolve("cluster/veil.yaml"));
        MapNode stores = (MapNode) veil.get("stores");
        assertThat(text(stores.get("kind"))).isEqualTo("postgres");
        assertThat(text(stores.get("url"))).startsWith("jdbc:postgresql://postgres:5432/");
        assertThat(text(stores.get("password"))).isEqualTo("${VEIL_DB_PASSWORD}");
        assertThat(text(stores.get("node"))).isEqualTo("${VEIL_NODE}");
    }

    private static YamlNode read(Path file) throws Exception {
        Problems problems = new Problems(file.toString());
        YamlNode node = YamlTreeReader.of("one YAML document").read(Files.readString(file), problems);
        assertThat(problems.isEmpty()).as(file + ": " + problems).isTrue();
        assertThat(node).isInstanceOf(MapNode.class);
        return node;
    }

    private static String text(YamlNode n) {
        assertThat(n).isInstanceOf(Scalar.class);
        return ((Scalar) n).text();
    }

    private static List<String> strings(YamlNode n) {
        assertThat(n).isInstanceOf(ListNode.class);
        List<String> out = new ArrayList<>();
        ((ListNode) n).items().forEach(i -> out.add(text(i)));
        return out;
    }
}
