package dev.veil.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.gateway.auth.Ed25519Key;
import dev.veil.policy.yaml.Problem;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code crm} section of a brand: kinds, intake schemes, APIs and replies, and what is refused with which key path. */
class CrmConfigTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final String SECRET = VeilConfigLoaderTest.ACME_SECRET;

    private static VeilConfig parse(String crm) {
        String yaml = "identity: { issuer: https://id.example/, audience: veil, jwksUrl: https://id.example/jwks.json }\n"
                + "admin: { adminScope: \"veil:admin\" }\n"
                + "brands:\n  acme:\n    policy: " + EXAMPLES.resolve("policies/acme.yaml") + "\n    webhookSecrets: [ \"" + SECRET + "\" ]\n"
                + "    crm:\n" + crm.indent(6);
        return VeilConfigLoader.of(Map.of()).parse("veil.yaml", yaml, EXAMPLES);
    }

    private static List<String> problems(String crm) {
        try {
            parse(crm);
        } catch (ConfigException e) {
            return e.problems().stream().map(p -> p.keyPath() + ": " + p.message()).toList();
        }
        throw new AssertionError("expected problems");
    }

    @Test
    void aWebhookCrmIsWhatItWasAndMayAlsoSignWithEd25519() {
        Ed25519Key key = Ed25519Key.generate(new SecureRandom());
        CrmConfig crm = parse("replyUrl: https://crm.example/hooks\nsecret: \"" + SECRET + "\"\nsigningKey: \"" + key.privateSerialized() + "\"\n")
                .brand("acme").crm();
        assertThat(crm.kind()).isEqualTo(CrmKind.WEBHOOK);
        assertThat(crm.intake().scheme()).isEqualTo(IntakeScheme.STANDARD);
        assertThat(crm.signingKey()).isPresent();
        assertThat(problems("replyUrl: https://crm.example/hooks\nsecret: \"" + SECRET + "\"\nsigningKey: \"" + key.publicSerialized() + "\"\n"))
                .anySatisfy(p -> assertThat(p).startsWith("brands.acme.crm.signingKey: a public key"));
    }

    @Test
    void zendeskNeedsItsSigningSecretAndApiCredentials() {
        CrmConfig crm = parse("""
                kind: zendesk
                intake: { secrets: [ "zd-signing-secret-0123456789" ] }
                api: { baseUrl: "https://acme.zendesk.com", user: agent@acme.example, token: "zd-api-token-0123456789" }
                reply: { as: private, authorId: 7001 }
                """).brand("acme").crm();
        assertThat(crm.kind()).isEqualTo(CrmKind.ZENDESK);
        assertThat(crm.intake().scheme()).isEqualTo(IntakeScheme.ZENDESK);
        assertThat(crm.replyUrl()).isNull();
        assertThat(crm.reply().as()).isEqualTo("private");
        assertThat(crm.reply().authorId()).contains(7001L);
        assertThat(crm.ticketId()).isEqualTo("/ticket/id");
        assertThat(problems("kind: zendesk\napi: { baseUrl: \"https://acme.zendesk.com\" }\n"))
                .anySatisfy(p -> assertThat(p).startsWith("brands.acme.crm.intake.secrets: missing"))
                .anySatisfy(p -> assertThat(p).startsWith("brands.acme.crm.api.user: missing"))
                .anySatisfy(p -> assertThat(p).startsWith("brands.acme.crm.api.token: missing"));
        assertThat(problems("kind: zendesk\nintake: { secrets: [ \"zd-signing-secret-0123456789\" ] }\n"))
                .anySatisfy(p -> assertThat(p).startsWith("brands.acme.crm.api: missing"));
        assertThat(problems("kind: zendesk\nintake: { secrets: [ short ] }\napi: { baseUrl: \"https://a.zendesk.com\", user: u, token: \"zd-api-token-0123456789\" }\n"))
                .anySatisfy(p -> assertThat(p).startsWith("brands.acme.crm.intake.secrets[0]: shared secret of 5 characters"));
        assertThat(problems("kind: zendesk\nintake: { secrets: [ \"zd-signing-secret-0123456789\" ] }\n"
                + "api: { baseUrl: \"https://a.zendesk.com\", user: u, token: \"zd-api-token-0123456789\" }\nreply: { as: note }\n"))
                .anySatisfy(p -> assertThat(p).startsWith("brands.acme.crm.reply.as"));
    }

    @Test
    void salesforceNeedsItsOrganizationATokenOrClientCertificateAndAnOauthFlow() {
        CrmConfig crm = parse("""
                kind: salesforce
                intake: { tokens: [ "sf-url-token-0123456789abcdef" ], organizationId: 00D5e000000AbCdEAF }
                api: { baseUrl: "https://acme.my.salesforce.com", auth: client-credentials, clientId: key, clientSecret: "consumer-secret-0123456789" }
                """).brand("acme").crm();
        assertThat(crm.intake().scheme()).isEqualTo(IntakeScheme.TOKEN);
        assertThat(crm.ticketId()).isEqualTo("/Id");
        assertThat(crm.comments()).isEqualTo("/CaseComments/records");
        assertThat(crm.api().orElseThrow().tokenUrl()).contains(java.net.URI.create("https://acme.my.salesforce.com/services/oauth2/token"));
        assertThat(crm.api().orElseThrow().apiVersion()).isEqualTo("v60.0");
        assertThat(problems("kind: salesforce\nintake: { organizationId: 00D5e000000AbCdEAF }\n"
                + "api: { baseUrl: \"https://a.my.salesforce.com\", auth: jwt-bearer, clientId: key }\n"))
                .anySatisfy(p -> assertThat(p).startsWith("brands.acme.crm.intake.tokens: an unsigned intake needs"))
                .anySatisfy(p -> assertThat(p).startsWith("brands.acme.crm.api.username: missing"))
                .anySatisfy(p -> assertThat(p).startsWith("brands.acme.crm.api.privateKey: missing"));
        assertThat(problems("kind: salesforce\nintake: { tokens: [ \"sf-url-token-0123456789abcdef\" ] }\n"
                + "api: { baseUrl: \"https://a.my.salesforce.com\", auth: client-credentials, clientId: key, clientSecret: \"consumer-secret-0123456789\" }\n"))
                .anySatisfy(p -> assertThat(p).startsWith("brands.acme.crm.intake.organizationId: missing"));
        assertThat(problems("kind: salesforce\nintake: { tokens: [ \"sf-url-token-0123456789abcdef\" ], organizationId: \"12345\" }\n"
                + "api: { baseUrl: \"https://a.my.salesforce.com\", auth: client-credentials, clientId: key, clientSecret: \"consumer-secret-0123456789\" }\n"))
                .anySatisfy(p -> assertThat(p).startsWith("brands.acme.crm.intake.organizationId: not a Salesforce organization id"));
    }

    @Test
    void genericSendersChooseTheirScheme() {
        CrmConfig stripe = parse("""
                replyUrl: https://crm.example/hooks
                secret: "%s"
                intake: { scheme: stripe, secrets: [ "stripe-style-secret-0123" ], signatureHeader: X-Acme-Signature }
                """.formatted(SECRET)).brand("acme").crm();
        assertThat(stripe.intake().scheme()).isEqualTo(IntakeScheme.STRIPE);
        assertThat(stripe.intake().signatureHeader()).contains("X-Acme-Signature");
        assertThat(problems("replyUrl: https://crm.example/hooks\nsecret: \"" + SECRET + "\"\nintake: { scheme: hub-sha512 }\n"))
                .anySatisfy(p -> assertThat(p).startsWith("brands.acme.crm.intake.scheme"));
        assertThat(problems("replyUrl: https://crm.example/hooks\nsecret: \"" + SECRET + "\"\nintake: { scheme: hub-sha1 }\n"))
                .anySatisfy(p -> assertThat(p).startsWith("brands.acme.crm.intake.secrets: missing"));
        assertThat(problems("kind: hubspot\n")).anySatisfy(p -> assertThat(p).startsWith("brands.acme.crm.kind"));
    }

    @Test
    void problemsNeverQuoteSecrets() {
        assertThatThrownBy(() -> parse("kind: zendesk\nintake: { secrets: [ \"tiny-secret\" ] }\n"
                + "api: { baseUrl: \"https://a.zendesk.com\", user: u, token: \"zd-api-token-0123456789\" }\n"))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("tiny-secret");
    }
}
