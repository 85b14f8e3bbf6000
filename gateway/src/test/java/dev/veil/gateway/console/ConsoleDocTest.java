package dev.veil.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.config.ConsoleConfig;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.config.VeilConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/console.md: its configuration example loads as written, the policy it quotes is the one served, and every screenshot is there and small. */
class ConsoleDocTest {

    private static final Path DOCS = Path.of("..", "docs");

    @TempDir
    Path dir;

    @Test
    void theConfigurationExampleLoadsAndThePolicyQuotedIsTheOneServed() throws Exception {
        String md = Files.readString(DOCS.resolve("console.md"));
        int start = md.indexOf("```yaml\n") + "```yaml\n".length();
        String example = md.substring(start, md.indexOf("```", start));
        Path file = dir.resolve("veil.yaml");
        Files.writeString(file, "dev: true\nidentity: dev\nbrands:\n  acme:\n    policy: \""
                + Path.of("..", "examples", "policies", "acme.yaml").toAbsolutePath() + "\"\n"
                + "    webhookSecrets: [ \"" + VeilConfig.DEV_WEBHOOK_SECRET + "\" ]\n"
                + "    crm: { replyUrl: \"http://127.0.0.1:9/replies\", secret: \"" + VeilConfig.DEV_CRM_SECRET + "\" }\n" + example);
        VeilConfig config = VeilConfigLoader.of(Map.of()).load(file);
        ConsoleConfig.Oidc oidc = config.console().oidc().orElseThrow();
        assertThat(config.console().enabled()).isTrue();
        assertThat(oidc.clientId()).isEqualTo("veil-console");
        assertThat(oidc.scope()).isEqualTo("openid veil");
        String csp = SecurityHeaders.of(Optional.of(oidc.tokenUrl()), false).contentSecurityPolicy();
        assertThat(csp).contains("connect-src 'self' https://idp.example.com;");
        String quoted = md.replaceAll("\\s*\\n\\s*", " ");
        assertThat(quoted).contains(csp.replace("https://idp.example.com", "<token endpoint origin>"));
    }

    @Test
    void everyScreenshotShownIsThereAndSmall() throws Exception {
        String md = Files.readString(DOCS.resolve("console.md"));
        Matcher image = Pattern.compile("!\\[[^]]*]\\(([^)]+\\.png)\\)").matcher(md);
        int shown = 0;
        while (image.find()) {
            Path png = DOCS.resolve(image.group(1));
            assertThat(png).as(image.group(1)).exists();
            assertThat(Files.size(png)).as(image.group(1)).isLessThan(128 * 1024);
            shown++;
        }
        assertThat(shown).isGreaterThanOrEqualTo(12);
    }
}
