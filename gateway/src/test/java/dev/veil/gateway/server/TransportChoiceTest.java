package dev.veil.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.config.VeilConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.transport} in a real {@code veil serve}: a child JVM where Netty's native transport
 * is switched off ({@code -Dio.netty.transport.noNative=true}, Netty's own switch), as on a machine
 * where it cannot load. Asked for epoll there, the gateway refuses to start and says why; left to
 * {@code auto}, it starts on NIO and logs so.
 */
@Timeout(120)
class TransportChoiceTest {

    @TempDir
    Path dir;

    @Test
    void epollForcedWhereItCannotLoadStopsTheStartWithAClearMessage() throws Exception {
        Process child = serve("epoll");
        assertThat(child.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(out).isEqualTo(1);
        assertThat(out).contains("server.transport: epoll is not available on this machine")
                .contains("use auto or nio")
                .doesNotContain("\"event\":\"started\"");
    }

    @Test
    void autoWhereEpollCannotLoadStartsOnNioAndLogsIt() throws Exception {
        Process child = serve("auto");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String started = null;
            for (String line = lines.readLine(); line != null && started == null; line = lines.readLine()) {
                if (line.contains("\"event\":\"started\"")) {
                    started = line;
                }
            }
            assertThat(started).as("the started line").isNotNull().contains("\"transport\":\"nio\"");
        } finally {
            child.destroy();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process serve(String transport) throws Exception {
        Path policy = Path.of("..", "examples", "policies", "acme.yaml").toAbsolutePath().normalize();
        Path config = Files.writeString(dir.resolve("veil.yaml"), """
                dev: true
                data: %s
                server:
                  public: { port: 0 }
                  admin: { port: 0 }
                  transport: %s
                identity: dev
                brands:
                  acme:
                    policy: %s
                    webhookSecrets:
                      - %s
                    crm: { replyUrl: "http://127.0.0.1:9/replies", secret: "%s" }
                """.formatted(dir.resolve("data"), transport, policy, VeilConfig.DEV_CRM_SECRET, VeilConfig.DEV_CRM_SECRET));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Dio.netty.transport.noNative=true", "-cp", System.getProperty("java.class.path"),
                dev.veil.gateway.cli.VeilCommand.class.getName(), "serve", "--config", config.toString())
                .redirectErrorStream(true).start();
    }
}
