package dev.veil.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.auth.AdminAuthenticator;
import dev.veil.gateway.config.VeilConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code veil config check} run as a user runs it: a separate JVM with its own environment, since
 * {@code ${NAME}} values come from the environment.
 */
class ConfigCommandTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "veil.yaml");
    private static final String SECRET = "whsec_QUNNRS13ZWJob29rLXNlY3JldC0wMTIzNDU2Nzg5YWI=";

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    /** The variables examples/veil.yaml names, as a deployment would set them. */
    private static Map<String, String> exampleEnv() {
        return Map.of("VEIL_ADMIN_TOKEN_SHA256", AdminAuthenticator.sha256Hex("s3cret-admin-token"), "ACME_WEBHOOK_SECRET", SECRET,
                "ACME_CRM_SECRET", VeilConfig.DEV_CRM_SECRET, "GLOBEX_WEBHOOK_SECRET", SECRET, "GLOBEX_CRM_SECRET", VeilConfig.DEV_CRM_SECRET);
    }

    @Test
    void theDocumentedExampleIsValid() throws Exception {
        Run run = veil(exampleEnv(), "config", "check", EXAMPLE.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(EXAMPLE + ": ok (2 brands, public http://0.0.0.0:8080, admin http://127.0.0.1:8081)\n");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void unsetVariablesAreNamedAndFailTheCheck() throws Exception {
        Map<String, String> env = new HashMap<>(exampleEnv());
        env.remove("ACME_WEBHOOK_SECRET");
        env.remove("GLOBEX_CRM_SECRET");
        Run run = veil(env, "config", "check", EXAMPLE.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly(
                EXAMPLE + ":57:9: brands.acme.webhookSecrets[0]: environment variable ACME_WEBHOOK_SECRET is not set"
                        + " (expected: set it, or write $${ for a literal ${)",
                EXAMPLE + ":70:71: brands.globex.crm.secret: environment variable GLOBEX_CRM_SECRET is not set"
                        + " (expected: set it, or write $${ for a literal ${)",
                EXAMPLE + ": 2 problems");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void problemsArePrintedAsPolicyCheckPrintsThem() throws Exception {
        Path file = dir.resolve("veil.yaml");
        Files.writeString(file, """
                dev: true
                server:
                  public: { prot: 8080 }
                brands:
                  acme:
                    policy: ../nowhere.yaml
                    webhookSecrets: [ "%s" ]
                    crm: { replyUrl: "http://127.0.0.1:9999/replies", secret: "%s" }
                """.formatted(SECRET, SECRET));
        Run run = veil(Map.of(), "config", "check", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly(
                file + ":3:13: server.public.prot: unknown key 'prot' (expected one of: host, port, maxConnections, tls);"
                        + " did you mean 'port'?",
                file + ":6:13: brands.acme.policy: no such file: " + dir.getParent().resolve("nowhere.yaml")
                        + " (expected: a readable file; relative paths start at " + dir + ")",
                file + ": 2 problems");
    }

    @Test
    void eachBrandsPolicyIsCheckedAndMustBeThatBrands() throws Exception {
        Path file = dir.resolve("veil.yaml");
        Path globexPolicy = Path.of("..", "examples", "policies", "globex.yaml").toAbsolutePath().normalize();
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "policy: x\nbrand: initech\nversion: 1\nfields: [ { path: \"$.a\", action: keeep } ]\n");
        Files.writeString(file, """
                dev: true
                brands:
                  acme:
                    policy: %s
                    webhookSecrets: [ "%s" ]
                    crm: { replyUrl: "http://127.0.0.1:9999/replies", secret: "%s" }
                  initech:
                    policy: broken.yaml
                    webhookSecrets: [ "%s" ]
                    crm: { replyUrl: "http://127.0.0.1:9999/replies", secret: "%s" }
                """.formatted(globexPolicy, SECRET, SECRET, SECRET, SECRET));
        Run run = veil(Map.of(), "config", "check", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly(
                globexPolicy + ":1:1: brand: policy of brand 'globex' (expected: 'acme', as brands.acme.policy in " + file + " says)",
                broken + ":4:34: fields[0].action: unknown action 'keeep' (expected one of: keep, drop, redact, mask, tokenize,"
                        + " pseudonymize, scan); did you mean 'keep'?",
                broken + ": 1 problem",
                file + ": 2 brands with a broken policy");
    }

    private static Run veil(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String[] command = new String[args.length + 4];
        command[0] = java.toString();
        command[1] = "-cp";
        command[2] = System.getProperty("java.class.path");
        command[3] = VeilCommand.class.getName();
        System.arraycopy(args, 0, command, 4, args.length);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("veil exits").isTrue();
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
