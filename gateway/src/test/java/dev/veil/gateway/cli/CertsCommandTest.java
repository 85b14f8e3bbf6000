package dev.veil.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertsCommandTest {

    @TempDir
    Path dir;

    @Test
    void makesACaAServerAndAClientCertificate() throws Exception {
        Path out = dir.resolve("certs");
        CliRun run = CliRun.of("", "certs", "dev", "--out", out.toString(), "--client", "ops-bot");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("ca.pem").contains("server.pem").contains("client-ops-bot.pem");
        for (String key : List.of("ca-key.pem", "server-key.pem", "client-ops-bot-key.pem")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(key)))).as(key).isEqualTo("rw-------");
            assertThat(Files.readString(out.resolve(key))).startsWith("-----BEGIN PRIVATE KEY-----");
        }
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(out.resolve("ca.pem"))) {
            ca = (X509Certificate) x509.generateCertificate(in);
        }
        List<X509Certificate> chain;
        try (InputStream in = Files.newInputStream(out.resolve("server.pem"))) {
            chain = x509.generateCertificates(in).stream().map(X509Certificate.class::cast).toList();
        }
        assertThat(chain).hasSize(2);
        X509Certificate server = chain.get(0);
        server.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(server.getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1)).contains("localhost", "127.0.0.1");
        assertThat(server.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
    }

    @Test
    void refusesToOverwriteAndWritesNothing() throws Exception {
        Files.writeString(dir.resolve("server.pem"), "mine");
        CliRun run = CliRun.of("", "certs", "dev", "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("exists already");
        assertThat(Files.readString(dir.resolve("server.pem"))).isEqualTo("mine");
        assertThat(dir.resolve("ca.pem")).doesNotExist();
    }

    @Test
    void refusesAClientNameThatIsNotAFileName() {
        CliRun run = CliRun.of("", "certs", "dev", "--out", dir.toString(), "--client", "../evil");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(dir.resolve("ca.pem")).doesNotExist();
    }
}
