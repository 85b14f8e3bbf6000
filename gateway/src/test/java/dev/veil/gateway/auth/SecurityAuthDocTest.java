package dev.veil.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.veil.gateway.routing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the examples of docs/security-auth.md and checks what the page says they print. */
class SecurityAuthDocTest {

    private static String page() throws IOException {
        return Files.readString(Path.of("..", "docs", "security-auth.md"));
    }

    /** The fenced block right after {@code <!-- test: name -->}. */
    static String block(String name) throws IOException {
        String md = page();
        int marker = md.indexOf("<!-- test: " + name + " -->");
        assertTrue(marker >= 0, "no example " + name);
        int open = md.indexOf("```", marker);
        int start = md.indexOf('\n', open) + 1;
        return md.substring(start, md.indexOf("```", start));
    }

    private static String shellVar(String script, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "='([^']*)'$").matcher(script);
        assertTrue(m.find(), name);
        return m.group(1);
    }

    private static String documentedSignature() throws IOException {
        String line = block("webhook-signature").trim();
        assertTrue(line.startsWith("webhook-signature: v1,"), line);
        return line.substring("webhook-signature: ".length());
    }

    @Test
    void theDocumentedSignatureIsWhatVeilComputesAndAccepts() throws IOException {
        String script = block("webhook-sign");
        SharedSecret secret = SharedSecret.standardWebhooks(shellVar(script, "secret"));
        String id = shellVar(script, "id");
        long ts = Long.parseLong(shellVar(script, "ts"));
        byte[] body = shellVar(script, "body").getBytes(StandardCharsets.UTF_8);
        String signature = documentedSignature();
        assertEquals(signature, StandardWebhooks.signature(secret, id, ts, body));
        StandardWebhooks.of(List.of(secret), new MutableClock(Instant.ofEpochSecond(ts))).verify(id, Long.toString(ts), signature, body);
    }

    @Test
    void theShellExamplePrintsTheDocumentedSignature() throws Exception {
        assumeTrue(hasTools(), "bash, openssl, base64 and od are needed to run the example");
        assertEquals(documentedSignature().substring("v1,".length()), run(block("webhook-sign")).trim());
    }

    @Test
    void theShellSecretIsAcceptedByVeil() throws Exception {
        assumeTrue(hasTools(), "bash and openssl are needed to run the example");
        SharedSecret secret = SharedSecret.standardWebhooks(run(block("webhook-secret")).trim());
        assertTrue(secret.reveal().startsWith("whsec_"));
    }

    @Test
    void theShellAdminTokenMatchesItsHash() throws Exception {
        assumeTrue(hasTools(), "bash, openssl and sha256sum are needed to run the example");
        String out = run(block("admin-token"));
        Matcher token = Pattern.compile("give the caller: (\\S+)").matcher(out);
        Matcher hash = Pattern.compile("configure: +(\\S+)").matcher(out);
        assertTrue(token.find() && hash.find(), out);
        AdminAuthenticator admin = AdminAuthenticator.builder().tokenSha256(hash.group(1)).build();
        assertEquals(AdminPrincipal.Kind.TOKEN, admin.authenticate("Bearer " + token.group(1)).kind());
        assertEquals(AdminAuthenticator.sha256Hex(token.group(1)), hash.group(1));
    }

    private static boolean hasTools() {
        try {
            Process p = new ProcessBuilder("bash", "-c", "command -v openssl && command -v base64 && command -v od && command -v sha256sum")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
