package dev.veil.gateway.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.veil.gateway.auth.AdminAuthenticator;
import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.gateway.core.CoreFixtures;
import dev.veil.gateway.core.GatewayCore;
import dev.veil.gateway.ops.AuditLog;
import dev.veil.gateway.ops.MemoryAuditSink;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docs/openapi-admin.yaml names exactly the admin routes, with their methods, and every $ref resolves. */
class AdminOpenApiTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @Test
    void theOpenApiPathsAreTheLiveRoutes() throws Exception {
        Path file = CoreFixtures.examples().getParent().resolve("docs/openapi-admin.yaml");
        JsonNode api = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        assertThat(api.get("openapi").asText()).isEqualTo("3.1.0");
        Map<String, Set<String>> documented = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = api.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            Set<String> methods = new TreeSet<>();
            path.getValue().fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    methods.add(m.toUpperCase(Locale.ROOT));
                }
            });
            documented.put(path.getKey(), methods);
        }
        try (GatewayCore core = CoreFixtures.core(null, new EphemeralKeyProvider(new SecureRandom()), Clock.systemUTC()).build()) {
            AdminAuthenticator auth = AdminAuthenticator.builder().tokenSha256(AdminAuthenticator.sha256Hex("t")).build();
            var routes = AdminRoutes.of(AdminContext.of(core, new EphemeralKeyProvider(new SecureRandom()), auth,
                    AuditLog.of(new MemoryAuditSink(), Clock.systemUTC()), Clock.systemUTC()));
            assertThat(documented).isEqualTo(new TreeMap<>(routes.patterns()));
        }
        assertRefsResolve(api, api);
    }

    private static void assertRefsResolve(JsonNode root, JsonNode node) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null) {
                assertThat(ref.asText()).startsWith("#/");
                assertThat(root.at(ref.asText().substring(1)).isMissingNode()).as(ref.asText()).isFalse();
            }
            node.elements().forEachRemaining(child -> assertRefsResolve(root, child));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> assertRefsResolve(root, child));
        }
    }
}
