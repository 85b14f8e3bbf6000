package dev.veil.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.veil.gateway.auth.AuthException;
import dev.veil.gateway.config.KeysConfig;
import dev.veil.gateway.config.ListenerConfig;
import dev.veil.gateway.config.ServerConfig;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.core.GatewayException;
import dev.veil.policy.engine.InvalidDocumentException;
import dev.veil.policy.engine.LimitExceededException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/openapi.yaml} describes exactly the routes a running dev-mode gateway serves, on the
 * listener each is served on ({@code x-listeners} of each operation); {@code docs/api.md} names
 * every one of them and lists every error code with the status it is answered with.
 */
class OpenApiRoutesTest {

    private static final Path ROOT = repositoryRoot();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern ERROR_ROW = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| (\\d{3}) \\|");
    private static final Pattern API_MD_ROUTE = Pattern.compile("`(GET|PUT|POST|DELETE|PATCH) (/[^`?\\s]*)");

    @TempDir
    Path dir;

    @Test
    void openApiDescribesEveryRouteOfEachListenerAndNoOther() throws IOException {
        Map<String, Set<String>> live = liveRoutes();
        assertThat(live.keySet()).containsExactlyInAnyOrder("public", "admin");
        assertThat(documentedRoutes(openApi())).isEqualTo(new TreeMap<>(live));
    }

    @Test
    void everyReferenceResolvesAndEveryOperationAnswersErrorsInTheErrorShape() throws IOException {
        JsonNode api = openApi();
        assertThat(api.path("openapi").asText()).startsWith("3.1.");
        List<String> refs = new ArrayList<>();
        collectRefs(api, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).as("a local reference").startsWith("#/");
            assertThat(api.at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
        }
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                assertThat(op.getValue().path("responses").size()).as("%s %s has responses", op.getKey(), path.getKey()).isPositive();
                assertThat(op.getValue().path("summary").asText()).as("%s %s has a summary", op.getKey(), path.getKey()).isNotBlank();
            }
        }
    }

    @Test
    void theApiPageNamesEveryLiveRoute() throws IOException {
        String page = Files.readString(ROOT.resolve("docs/api.md"));
        Set<String> named = new TreeSet<>();
        Matcher matcher = API_MD_ROUTE.matcher(page);
        while (matcher.find()) {
            named.add(matcher.group(1) + " " + matcher.group(2));
        }
        Set<String> all = new TreeSet<>();
        liveRoutes().values().forEach(all::addAll);
        assertThat(named).as("routes named in docs/api.md").containsAll(all);
    }

    @Test
    void theApiPageListsEveryErrorCodeWithTheStatusItIsAnsweredWith() throws IOException {
        Map<String, Integer> table = new TreeMap<>();
        Matcher row = ERROR_ROW.matcher(Files.readString(ROOT.resolve("docs/api.md")));
        while (row.find()) {
            assertThat(table.put(row.group(1), Integer.parseInt(row.group(2)))).as("%s listed once", row.group(1)).isNull();
        }
        ErrorStatus.STATUS.forEach((code, status) -> assertThat(table).as("docs/api.md error table").containsEntry(code, status));
        for (Class<?> codes : List.of(GatewayException.class, LimitExceededException.class, InvalidDocumentException.class)) {
            for (String code : constants(codes)) {
                assertThat(table).as("docs/api.md error table, %s", codes.getSimpleName())
                        .containsEntry(code, ErrorStatus.STATUS.getOrDefault(code, 400));
            }
        }
        assertThat(table).as("docs/api.md error table, AuthException").containsKeys(constants(AuthException.class).toArray(String[]::new));
    }

    private static List<String> constants(Class<?> type) {
        List<String> out = new ArrayList<>();
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    out.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertThat(out).as("codes of %s", type.getSimpleName()).isNotEmpty();
        return out;
    }

    private Map<String, Set<String>> liveRoutes() {
        VeilConfig defaults = VeilConfig.defaults(ROOT); // the brand acme with the repository's examples/policies/acme.yaml
        Path data = dir.resolve("veil-data");
        VeilConfig config = new VeilConfig(true,
                new ServerConfig(ListenerConfig.of("127.0.0.1", 0, 64), ListenerConfig.of("127.0.0.1", 0, 16), 2, 16),
                defaults.limits(), data,
                new KeysConfig(KeysConfig.LOCAL, data.resolve("keyring"), Optional.of(data.resolve("dev-master.key"))),
                defaults.identity(), defaults.admin(), defaults.outbox(), defaults.routing(), defaults.brands(), "OpenApiRoutesTest");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Gateway gateway = Gateway.start(config, Clock.systemUTC(), new PrintStream(log, true, StandardCharsets.UTF_8))) {
            assertThat(gateway.port("public")).isPositive();
            assertThat(gateway.port("admin")).isPositive();
            Map<String, Set<String>> routes = new TreeMap<>();
            gateway.routes().forEach((listener, names) -> routes.put(listener, new TreeSet<>(names)));
            return routes;
        }
    }

    /** Listener to {@code METHOD /path} from each operation's {@code x-listeners}. */
    private static Map<String, Set<String>> documentedRoutes(JsonNode api) {
        Map<String, Set<String>> routes = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey()) || op.getValue().path("x-configured").asBoolean()) {
                    continue; // x-configured: served only when veil.yaml configures it (the dev gateway does not)
                }
                JsonNode listeners = op.getValue().path("x-listeners");
                assertThat(listeners.isArray() && !listeners.isEmpty())
                        .as("%s %s says which listeners serve it (x-listeners)", op.getKey(), path.getKey()).isTrue();
                for (JsonNode listener : listeners) {
                    routes.computeIfAbsent(listener.asText(), l -> new TreeSet<>())
                            .add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return routes;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    private static JsonNode openApi() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docs/openapi.yaml").toFile());
    }

    private static Path repositoryRoot() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve("docs")) && Files.isDirectory(at.resolve("examples/policies"))) {
                return at;
            }
        }
        throw new IllegalStateException("no docs/ and examples/ above the working directory");
    }
}
