package dev.veil.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.gateway.http.tls.DevCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** TLS and mutual TLS on the real server, with certificates made by {@code veil certs dev}'s code. */
@ExtendWith(NettyLeaks.class)
@Timeout(60)
class TlsTest {

    @TempDir
    static Path dir;

    private static DevCertificates.Written certs;
    private HttpServer server;

    @BeforeAll
    static void makeCertificates() {
        certs = DevCertificates.of(Clock.systemUTC(), new SecureRandom()).create(dir, Optional.of("expert-client"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private int start(TlsSettings tls) {
        Routes routes = Routes.builder()
                .add("GET", "/whoami", request -> HttpResponse.text(200, request.peerSubject().orElse("anonymous")))
                .build();
        server = HttpServer.builder().listener(ListenerSettings.builder("admin").tls(tls).build(), routes).build().start();
        return server.port("admin");
    }

    private static java.net.http.HttpResponse<String> get(SSLContext ssl, int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
        return client.send(java.net.http.HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/whoami")).build(), BodyHandlers.ofString());
    }

    @Test
    void servesHttpsWithTheDevelopmentCertificate() throws Exception {
        int port = start(TlsSettings.of(certs.serverChain(), certs.serverKey()));
        var response = get(ssl(false), port);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("anonymous");
    }

    @Test
    void aClientNotTrustingTheCaIsRefused() throws Exception {
        int port = start(TlsSettings.of(certs.serverChain(), certs.serverKey()));
        SSLContext defaults = SSLContext.getInstance("TLS");
        defaults.init(null, null, null);
        assertThatThrownBy(() -> get(defaults, port)).isInstanceOf(IOException.class);
    }

    @Test
    void requiredClientCertificatesAdmitOnlySignedClients() throws Exception {
        int port = start(TlsSettings.of(certs.serverChain(), certs.serverKey())
                .withClientAuth(TlsSettings.ClientAuth.REQUIRE, certs.caCertificate()));
        var response = get(ssl(true), port);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("CN=expert-client");
        assertThatThrownBy(() -> get(ssl(false), port)).isInstanceOf(IOException.class);
    }

    @Test
    void optionalClientCertificatesAdmitBoth() throws Exception {
        int port = start(TlsSettings.of(certs.serverChain(), certs.serverKey())
                .withClientAuth(TlsSettings.ClientAuth.OPTIONAL, certs.caCertificate()));
        assertThat(get(ssl(true), port).body()).isEqualTo("CN=expert-client");
        assertThat(get(ssl(false), port).body()).isEqualTo("anonymous");
    }

    @Test
    void tlsConnectionsOverTheLimitAreClosedBeforeAHandshake() throws Exception {
        Routes routes = Routes.builder().add("GET", "/whoami", request -> HttpResponse.text(200, "anonymous")).build();
        server = HttpServer.builder().listener(ListenerSettings.builder("admin")
                .limits(HttpLimits.builder().maxConnections(1).idleTimeout(java.time.Duration.ofSeconds(50)).build())
                .tls(TlsSettings.of(certs.serverChain(), certs.serverKey())).build(), routes).build().start();
        int port = server.port("admin");
        HttpClient client = HttpClient.newBuilder().sslContext(ssl(false)).version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("https://127.0.0.1:" + port + "/whoami");
        // The client keeps its connection open for reuse: it holds the only slot.
        assertThat(client.send(java.net.http.HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        try (RawHttp second = new RawHttp(port)) {
            // Closed at once, without a handshake; the idle timeout (50 s) would outlast the socket's read timeout.
            assertThat(second.closedByServer()).isTrue();
        }
        assertThat(client.send(java.net.http.HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void unreadableTlsFilesStopTheStartWithACode() {
        TlsSettings missing = TlsSettings.of(dir.resolve("nope.pem"), certs.serverKey());
        assertThatThrownBy(() -> start(missing)).isInstanceOf(ServerException.class)
                .satisfies(e -> assertThat(((ServerException) e).code()).isEqualTo("tls_file_unreadable"));
        server = null;
        TlsSettings swapped = TlsSettings.of(certs.serverKey(), certs.serverChain());
        assertThatThrownBy(() -> start(swapped)).isInstanceOf(ServerException.class)
                .satisfies(e -> assertThat(((ServerException) e).code()).isEqualTo("tls_invalid"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("BEGIN"));
        server = null;
    }

    /** A client context trusting the development CA, with the client certificate when {@code withClientCert}. */
    private static SSLContext ssl(boolean withClientCert) throws Exception {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certs.caCertificate())) {
            trust.setCertificateEntry("ca", x509.generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (withClientCert) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            Certificate[] chain;
            try (InputStream in = Files.newInputStream(certs.clientChain().orElseThrow())) {
                chain = x509.generateCertificates(in).toArray(Certificate[]::new);
            }
            keys.setKeyEntry("client", privateKey(certs.clientKey().orElseThrow()), new char[0], chain);
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String text = Files.readString(pem);
        assertThat(text).startsWith("-----BEGIN PRIVATE KEY-----");
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
