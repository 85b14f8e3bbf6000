package dev.veil.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** docs/server.md: its command runs, its Java example is this test's code, its error table is complete. */
@ExtendWith(NettyLeaks.class)
@Timeout(60)
class ServerDocsTest {

    private static final Path DOC = Path.of("..", "docs", "server.md");
    private static final Path SELF = Path.of("src", "test", "java", "dev", "veil", "gateway", "http", "ServerDocsTest.java");

    @TempDir
    Path dir;

    private static List<String> blocks(String language) throws Exception {
        Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void theCertsCommandAndTheJavaExampleWorkTogether() throws Exception {
        String command = blocks("sh").get(0).trim();
        assertThat(command).startsWith("./veil certs dev --out .veil/certs");
        String[] args = command.substring("./veil ".length()).replace(".veil/certs", dir.resolve("certs").toString()).split(" ");
        var run = dev.veil.gateway.cli.VeilCommand.commandLine().execute(args);
        assertThat(run).isZero();
        Path certs = dir.resolve("certs");
        StringWriter accessLog = new StringWriter();

        // BEGIN docs/server.md
        Routes routes = Routes.builder()
                .add("POST", "/v1/brands/{brand}/tickets", request ->
                        HttpResponse.json(202, Map.of("brand", request.pathParam("brand"))))
                .add("GET", "/healthz", request -> HttpResponse.text(200, "ok"))
                .build();
        HttpServer server = HttpServer.builder()
                .listener(ListenerSettings.builder("public")
                        .port(0)
                        .limits(HttpLimits.builder().maxBodyBytes(256 * 1024).build())
                        .tls(TlsSettings.of(certs.resolve("server.pem"), certs.resolve("server-key.pem")))
                        .build(), routes)
                .observer(JsonAccessLog.to(accessLog, Clock.systemUTC()))
                .build()
                .start();
        int port = server.port("public");
        // END docs/server.md

        try (server) {
            var response = client(certs.resolve("ca.pem")).send(java.net.http.HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + port + "/healthz")).build(), BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("ok");
        }
        assertThat(Json.parse(accessLog.toString().trim()).get("route").asText()).isEqualTo("/healthz");
    }

    @Test
    void theJavaExampleIsTheCodeAbove() throws Exception {
        String self = Files.readString(SELF);
        String tested = self.substring(self.indexOf("// BEGIN docs/server.md") + "// BEGIN docs/server.md".length(), self.indexOf("// END docs/server.md"));
        assertThat(normalize(tested)).isEqualTo(normalize(blocks("java").get(0)));
    }

    @Test
    void theErrorTableNamesEveryCodeTheServerSends() throws Exception {
        String doc = Files.readString(DOC);
        for (String code : List.of("bad_request", "invalid_json", "duplicate_key", "empty_document", "too_deep", "string_too_long", "not_found", "method_not_allowed",
                "request_timeout", "body_too_large", "uri_too_long", "expectation_failed", "headers_too_large", "internal_error",
                "overloaded", "too_many_connections", "shutting_down")) {
            assertThat(doc).contains("`" + code + "`");
        }
        // Every code the main sources send must be in that list (and so in the doc).
        try (var files = Files.walk(Path.of("src", "main", "java", "dev", "veil", "gateway", "http"))) {
            Pattern sent = Pattern.compile("(?:response|badRequest)\\(\\s*(?:\\d+,\\s*)?\"([a-z_]+)\"");
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = sent.matcher(Files.readString(file));
                while (m.find()) {
                    assertThat(doc).as(file + " sends " + m.group(1)).contains("`" + m.group(1) + "`");
                }
            }
        }
    }

    private static String normalize(String code) {
        return code.lines().map(String::trim).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }

    private static HttpClient client(Path ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (var in = Files.newInputStream(ca)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
    }
}
