package dev.veil.gateway.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.config.BrandConfig;
import dev.veil.gateway.config.CrmKind;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.config.VeilConfigLoader;
import dev.veil.gateway.core.CoreFixtures;
import dev.veil.gateway.intake.crm.CrmPresets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRM guides in docs/crm work as written: each one's {@code veil.yaml} brand loads (with the
 * preset policy it names, and its variables set), and the webhook bodies they show are what
 * {@code veil crm template} prints.
 */
class CrmDocsTest {

    private static final Pattern YAML = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    @Test
    void zendesk(@TempDir Path dir) throws Exception {
        BrandConfig acme = load(dir, "zendesk", "acme");
        assertThat(acme.crm().kind()).isEqualTo(CrmKind.ZENDESK);
        assertThat(acme.crm().api().orElseThrow().baseUrl().toString()).isEqualTo("https://acme.zendesk.com");
        assertThat(doc("zendesk")).contains(CrmPresets.template(CrmKind.ZENDESK, false).strip()).contains("veil crm test --brand acme");
    }

    @Test
    void salesforce(@TempDir Path dir) throws Exception {
        BrandConfig globex = load(dir, "salesforce", "globex");
        assertThat(globex.crm().intake().organizationId()).contains("00D5e000000AbCdEAF");
        assertThat(globex.crm().api().orElseThrow().tokenUrl().orElseThrow().toString())
                .isEqualTo("https://globex.my.salesforce.com/services/oauth2/token");
        assertThat(doc("salesforce")).contains("veil crm test --brand globex");
    }

    @Test
    void salesforceSendingEmail(@TempDir Path dir) throws Exception {
        // the Replies section's reply block, in place of the brand's own
        Matcher block = YAML.matcher(doc("salesforce"));
        assertThat(block.find()).isTrue();
        assertThat(block.find()).isTrue();
        String reply = block.group(1);
        assertThat(reply).startsWith("      reply:\n");
        BrandConfig globex = load(dir, "salesforce", "globex", section -> section.substring(0, section.indexOf("      reply:\n")) + reply);
        assertThat(globex.crm().reply().as()).isEqualTo("send-email");
        assertThat(globex.crm().reply().fromAddress()).contains("support@globex.example");
    }

    @Test
    void freshdesk(@TempDir Path dir) throws Exception {
        BrandConfig initech = load(dir, "freshdesk", "initech");
        assertThat(initech.crm().intake().tokenHeader()).contains("X-Veil-Token");
        assertThat(doc("freshdesk")).contains(CrmPresets.template(CrmKind.FRESHDESK, false).strip()).contains("veil crm test --brand initech");
    }

    @Test
    void theSeriesEachGuideMonitorsAreOnesVeilWrites() throws Exception {
        for (Map.Entry<String, String> guide : Map.of("zendesk", "acme", "salesforce", "globex", "freshdesk", "initech").entrySet()) {
            String kind = guide.getKey();
            String brand = guide.getValue();
            dev.veil.gateway.ops.VeilMetrics metrics = dev.veil.gateway.ops.VeilMetrics.create();
            dev.veil.gateway.ops.DeliveryMetrics deliveries = dev.veil.gateway.ops.DeliveryMetrics.register(metrics, Map.of(brand, kind),
                    java.time.Clock.systemUTC(), Map::of);
            dev.veil.gateway.store.OutboxMessage message = new dev.veil.gateway.store.OutboxMessage("msg_1", brand, new byte[0],
                    java.time.Instant.EPOCH, 0, java.time.Instant.EPOCH, null, dev.veil.gateway.store.OutboxMessage.State.PENDING);
            deliveries.attempted(message, dev.veil.gateway.intake.ReplyTransport.Delivery.delivered(), false, java.time.Duration.ZERO);
            deliveries.attempted(message, dev.veil.gateway.intake.ReplyTransport.Delivery.permanent(kind + "_401"), true, java.time.Duration.ZERO);
            deliveries.attempted(message, dev.veil.gateway.intake.ReplyTransport.Delivery.defer(kind + "_429", java.time.Instant.EPOCH), false,
                    java.time.Duration.ZERO);
            String scrape = metrics.scrape();
            Matcher series = Pattern.compile("(?m)^(veil_[a-z_]+\\{[^}]*})$").matcher(doc(kind));
            int found = 0;
            while (series.find()) {
                assertThat(scrape).as(kind + ": " + series.group(1)).containsPattern("(?m)^" + Pattern.quote(series.group(1)) + " ");
                found++;
            }
            assertThat(found).as(kind).isEqualTo(4);
        }
    }

    private static String doc(String name) throws Exception {
        return Files.readString(CoreFixtures.examples().getParent().resolve("docs/crm/" + name + ".md"));
    }

    /** The guide's brand section inside a minimal veil.yaml, its policy written by veil policy init, its variables set. */
    private static BrandConfig load(Path dir, String crm, String brand) throws Exception {
        return load(dir, crm, brand, section -> section);
    }

    private static BrandConfig load(Path dir, String crm, String brand, java.util.function.UnaryOperator<String> edit) throws Exception {
        Matcher block = YAML.matcher(doc(crm));
        assertThat(block.find()).isTrue();
        String section = edit.apply(block.group(1));
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("policies/" + brand + ".yaml"), CrmPresets.policy(CrmKind.byName(crm), brand));
        Map<String, String> env = new HashMap<>();
        Matcher variable = VARIABLE.matcher(section);
        while (variable.find()) {
            String name = variable.group(1);
            env.put(name, name.endsWith("WEBHOOK_SECRET") ? "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=" : "value-of-" + name.toLowerCase());
        }
        String yaml = "identity: { issuer: https://id.example/, audience: veil, jwksUrl: https://id.example/jwks.json }\n"
                + "admin: { adminScope: \"veil:admin\" }\n" + section;
        VeilConfig config = VeilConfigLoader.of(env).parse("docs/crm/" + crm + ".md", yaml, dir);
        return config.brand(brand);
    }
}
