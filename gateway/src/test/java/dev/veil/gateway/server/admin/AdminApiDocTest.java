package dev.veil.gateway.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.auth.AdminAuthenticator;
import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.gateway.core.CoreFixtures;
import dev.veil.gateway.core.GatewayCore;
import dev.veil.gateway.http.HttpServer;
import dev.veil.gateway.http.ListenerSettings;
import dev.veil.gateway.http.Routes;
import dev.veil.gateway.ops.AuditLog;
import dev.veil.gateway.ops.MemoryAuditSink;
import dev.veil.gateway.routing.MutableClock;
import dev.veil.gateway.server.ErrorStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs every curl example of docs/admin-api.md, in order, against a real admin listener, and checks every route is documented. */
@Timeout(60)
class AdminApiDocTest {

    @Test
    void everyCurlExampleOfTheDocAnswers2xxAndEveryRouteIsDocumented() throws Exception {
        String doc = Files.readString(docs().resolve("admin-api.md"));
        List<List<String>> commands = curls(doc);
        assertThat(commands).hasSizeGreaterThanOrEqualTo(14);

        MutableClock clock = new MutableClock(CoreFixtures.START);
        EphemeralKeyProvider keys = new EphemeralKeyProvider(new SecureRandom());
        MemoryAuditSink sink = new MemoryAuditSink();
        try (GatewayCore core = CoreFixtures.core(null, keys, clock).build()) {
            String ticket = core.intake().submit("acme", CoreFixtures.ticket("zendesk-en")).ticketId();
            core.outbox().enqueue("msg_doc", "acme", new byte[] {'{', '}'});
            core.outbox().deadLetter("msg_doc", "http_503");
            keys.createIfAbsent("acme/card");
            AdminAuthenticator auth = AdminAuthenticator.builder().tokenSha256(AdminAuthenticator.sha256Hex(AdminRoutesTest.TOKEN)).build();
            Routes routes = AdminRoutes.of(AdminContext.of(core, keys, auth, AuditLog.of(sink, clock), clock));
            routes.patterns().forEach((pattern, methods) ->
                    assertThat(doc).as("documented: " + pattern).contains("`" + methods.iterator().next() + " " + pattern));
            try (HttpServer server = HttpServer.builder().listener(ListenerSettings.builder("admin").build(), routes)
                    .statusMapper(ErrorStatus.mapper()).build().start()) {
                Map<String, String> env = Map.of("$VEIL_ADMIN_TOKEN", AdminRoutesTest.TOKEN, "$TICKET", ticket, "$MESSAGE", "msg_doc",
                        "127.0.0.1:8081", "127.0.0.1:" + server.port("admin"));
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                for (List<String> command : commands) {
                    var response = client.send(request(command, env), BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(String.join(" ", command) + " -> " + response.body()).isBetween(200, 299);
                }
            }
            assertThat(sink.lines()).hasSize(commands.size());
        }
    }

    private static HttpRequest request(List<String> args, Map<String, String> env) {
        String method = "GET";
        String url = null;
        String body = null;
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String a = substitute(args.get(i), env);
            switch (a) {
                case "-s" -> { }
                case "-X" -> method = args.get(++i);
                case "-H" -> headers.add(substitute(args.get(++i), env).split(":\\s*", 2));
                case "-d" -> body = substitute(args.get(++i), env);
                default -> {
                    if (!a.startsWith("http://")) {
                        throw new AssertionError("unexpected curl argument in the doc: " + a);
                    }
                    url = a;
                }
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        headers.forEach(h -> b.header(h[0], h[1]));
        return b.build();
    }

    private static String substitute(String s, Map<String, String> env) {
        for (Map.Entry<String, String> e : env.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return s;
    }

    /** The curl commands of the doc's sh blocks, split into shell words (single and double quotes). */
    static List<List<String>> curls(String doc) {
        List<List<String>> out = new ArrayList<>();
        boolean inSh = false;
        for (String line : doc.split("\n")) {
            if (line.startsWith("```")) {
                inSh = line.equals("```sh");
                continue;
            }
            if (inSh && line.startsWith("curl ")) {
                out.add(words(line));
            }
        }
        return out;
    }

    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                w = w == null ? new StringBuilder() : w;
            } else if (c == ' ') {
                if (w != null) {
                    words.add(w.toString());
                    w = null;
                }
            } else {
                w = w == null ? new StringBuilder() : w;
                w.append(c);
            }
        }
        if (w != null) {
            words.add(w.toString());
        }
        return words;
    }

    private static Path docs() {
        return CoreFixtures.examples().getParent().resolve("docs");
    }
}
