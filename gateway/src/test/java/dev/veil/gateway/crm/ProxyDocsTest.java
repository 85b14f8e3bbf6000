package dev.veil.gateway.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.config.BrandConfig;
import dev.veil.gateway.config.CrmKind;
import dev.veil.gateway.config.ProxyRouteConfig;
import dev.veil.gateway.config.VeilConfigLoader;
import dev.veil.gateway.core.CoreFixtures;
import dev.veil.gateway.intake.crm.CrmPresets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The veil.yaml of docs/crm/proxy.md loads as the page describes it; broken route lists are refused. */
class ProxyDocsTest {

    private static final Pattern YAML = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);
    private static final String HEAD = "identity: { issuer: https://id.example/, audience: veil, jwksUrl: https://id.example/jwks.json }\n"
            + "admin: { adminScope: \"veil:admin\" }\n";
    private static final Map<String, String> ENV = Map.of("ACME_WEBHOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=",
            "ACME_ZENDESK_SIGNING_SECRET", "zendesk-signing-secret-0123456789", "ACME_ZENDESK_API_TOKEN", "zendesk-api-token-0123456789");

    @Test
    void theExampleLoads(@TempDir Path dir) throws Exception {
        BrandConfig acme = load(dir, section());
        ProxyRouteConfig tickets = acme.proxyRoute("tickets").orElseThrow();
        assertThat(acme.proxy()).hasSize(3);
        assertThat(acme.proxyRoute("attachments").orElseThrow().stream()).isTrue();
        assertThat(tickets.stream()).isFalse();
        assertThat(tickets.methods()).containsExactly("GET");
        assertThat(tickets.upstream()).isEqualTo("/api/v2/tickets");
        assertThat(tickets.view()).isEmpty();
        assertThat(tickets.maxResponseBytes()).isEqualTo(ProxyRouteConfig.DEFAULT_MAX_RESPONSE_BYTES);
        ProxyRouteConfig search = acme.proxyRoute("search").orElseThrow();
        assertThat(search.methods()).isEqualTo(Set.of("POST"));
        assertThat(search.view()).contains("senior");
        assertThat(search.maxResponseBytes()).isEqualTo(256 * 1024);
        assertThat(search.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void brokenRoutesAreRefused(@TempDir Path dir) throws Exception {
        String twice = section().replace("name: search", "name: tickets");
        assertThatLoadFails(dir, twice, "each name once");
        assertThatLoadFails(dir, section().replace("upstream: /api/v2/tickets ", "upstream: api/v2/tickets "), "absolute path");
        assertThatLoadFails(dir, section().replace("methods: [ POST ]", "methods: [ TRACE ]"), "methods");
        assertThatLoadFails(dir, section().replace("timeout: 5s", "timeout: 5s\n        headers: { X-A: b }"), "headers");
        assertThatLoadFails(dir, section().replace("stream: true ", "stream: true\n        view: senior "), "stream route");
    }

    private static void assertThatLoadFails(Path dir, String section, String expected) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> load(dir, section)).hasMessageContaining(expected);
    }

    private static String section() throws Exception {
        Matcher block = YAML.matcher(Files.readString(CoreFixtures.examples().getParent().resolve("docs/crm/proxy.md")));
        assertThat(block.find()).isTrue();
        return block.group(1);
    }

    private static BrandConfig load(Path dir, String section) throws Exception {
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("policies/acme.yaml"), CrmPresets.policy(CrmKind.ZENDESK, "acme"));
        return VeilConfigLoader.of(ENV).parse("docs/crm/proxy.md", HEAD + section, dir).brand("acme");
    }
}
