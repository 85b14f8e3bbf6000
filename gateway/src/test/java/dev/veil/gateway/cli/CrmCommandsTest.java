package dev.veil.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code veil policy init --crm}, {@code veil crm template} and the unsigned-intake warning of {@code veil config check}. */
class CrmCommandsTest {

    @Test
    void everyPresetPassesPolicyCheck(@TempDir Path dir) {
        for (String crm : new String[] {"zendesk", "salesforce", "freshdesk"}) {
            Path file = dir.resolve(crm + ".yaml");
            CliRun init = CliRun.of("", "policy", "init", "--crm", crm, "--brand", "acme", "--out", file.toString());
            assertThat(init.exitCode()).as(init.err()).isZero();
            CliRun check = CliRun.of("", "policy", "check", file.toString());
            assertThat(check.exitCode()).as(crm + ": " + check.out() + check.err()).isZero();
            assertThat(CliRun.of("", "policy", "init", "--crm", crm, "--out", file.toString()).exitCode()).isNotZero(); // never overwrites
        }
        assertThat(CliRun.of("", "policy", "init", "--crm", "hubspot").err()).contains("zendesk, salesforce or freshdesk");
    }

    @Test
    void presetsNameTheFieldsThatCarryPii() {
        String zendesk = CliRun.of("", "policy", "init", "--crm", "zendesk", "--brand", "shop").out();
        assertThat(zendesk).contains("brand: shop").contains("$.requester.email").contains("$.ticket.comments[*].body")
                .contains("unknown_fields: drop").contains("audience: crm");
        assertThat(CliRun.of("", "policy", "init", "--crm", "salesforce").out()).contains("$.SuppliedEmail").contains("$.CaseComments.records[*].CommentBody");
        assertThat(CliRun.of("", "policy", "init", "--crm", "freshdesk").out()).contains("$.conversations[*].body_text");
    }

    @Test
    void templatesAreJsonWithZendeskAndFreshdeskPlaceholders() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode zendesk = json.readTree(CliRun.of("", "crm", "template", "zendesk").out());
        assertThat(zendesk.at("/ticket/id").asText()).isEqualTo("{{ticket.id}}");
        assertThat(zendesk.at("/requester/email").asText()).isEqualTo("{{ticket.requester.email}}");
        assertThat(json.readTree(CliRun.of("", "crm", "template", "zendesk", "--thin").out()).at("/ticket").size()).isEqualTo(1);
        assertThat(json.readTree(CliRun.of("", "crm", "template", "freshdesk").out()).at("/id").asText()).isEqualTo("{{ticket.id}}");
        assertThat(CliRun.of("", "crm", "template", "salesforce").out()).contains("/crm/salesforce/").contains("SystemModstamp");
        assertThat(CliRun.of("", "crm", "template", "jira").exitCode()).isNotZero();
    }

    @Test
    void signingKeysComeInPairsWhoseHalvesMatch() {
        String out = CliRun.of("", "crm", "signing-key").out();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("signingKey: (whsk_\\S+).*\npublicKey: +(whpk_\\S+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(dev.veil.gateway.auth.Ed25519Key.parse(m.group(1)).publicSerialized()).isEqualTo(m.group(2));
    }

    @Test
    void configCheckWarnsAboutUnsignedIntake(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("fd.yaml"), CliRun.of("", "policy", "init", "--crm", "freshdesk", "--brand", "fd").out());
        Files.writeString(dir.resolve("veil.yaml"), """
                identity: { issuer: https://id.example/, audience: veil, jwksUrl: https://id.example/jwks.json }
                admin: { adminScope: "veil:admin" }
                brands:
                  fd:
                    policy: fd.yaml
                    webhookSecrets: [ "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=" ]
                    crm:
                      kind: freshdesk
                      intake: { tokens: [ "fd-url-token-0123456789abcdef" ] }
                      api: { baseUrl: "https://fd.freshdesk.com", token: "fd-api-key-0123456789" }
                """);
        CliRun check = CliRun.of("", "config", "check", dir.resolve("veil.yaml").toString());
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.err()).contains("warning: brands.fd.crm.intake: unsigned webhooks").contains("allow-list")
                .doesNotContain("fd-url-token-0123456789abcdef");
    }
}
