package dev.veil.policy.reveal;

import static dev.veil.policy.TestPolicies.ENGINE;
import static dev.veil.policy.TestPolicies.header;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.policy.FixedKeyProvider;
import dev.veil.policy.TestPolicies;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.PolicyCompiler;
import dev.veil.policy.engine.SanitizeResult;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.policy.engine.TokenRecord;
import dev.veil.tokenizer.token.KeyVersionUnknownException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevealerTest {

    private static final String POLICY = header() + """
            defaults:
              scan_actions: {}
            tokens:
              card: { format: fpe-card, keep_last: 4 }
              contact: { format: random, prefix: "ctc_", convergent: true }
              secret: { format: random, prefix: "sec_" }
            fields:
              - { path: "$.card", action: tokenize, token: card }
              - { path: "$.card_number", action: tokenize, token: card }
              - { path: "$.email", action: tokenize, token: contact }
              - { path: "$.address", action: tokenize, token: contact }
              - { path: "$.pin", action: tokenize, token: secret }
              - { path: "$.items[*].sku", action: keep }
              - { path: "$.items[*].serial", action: tokenize, token: card }
              - { path: "$.body", action: scan }
            detectors:
              - { name: EMAILISH, regex: "[a-z]+@[a-z]+[.]com", token: contact }
            reveal:
              - { audience: crm, tokens: [card, contact] }
              - { audience: billing, tokens: [card] }
            """;

    private static final String TICKET = """
            {"card": "4111 1111 1111 1111", "card_number": 5555555555554444, "email": "ann@example.com",
             "address": {"line1": "1 Main St", "zip": "12345", "geo": [1.50, 2]}, "pin": "9876",
             "items": [{"sku": "A"}, {"drop": true}, {"sku": "B", "serial": "4242424242424242"}],
             "body": "write to ann@example.com or bob@example.com"}
            """;

    private final FixedKeyProvider keys = new FixedKeyProvider();
    private final CompiledPolicy policy = compile(keys);

    private static CompiledPolicy compile(FixedKeyProvider keys) {
        PolicyCompiler compiler = TestPolicies.compiler(DetectorRegistry.builder().build(), keys);
        return compiler.compile(compiler.loader().parse("t.yaml", POLICY));
    }

    private SanitizeResult sanitize() {
        return ENGINE.apply(policy, null, ENGINE.parse(TICKET.getBytes(UTF_8)));
    }

    @Test
    void structuredTokensComeBackExactlyForTheAudience() {
        SanitizeResult sanitized = sanitize();
        JsonNode doc = sanitized.document();
        assertThat(ENGINE.write(doc)).doesNotContain("4111 1111 1111 1111", "5555555555554444", "ann@example.com", "Main St", "9876");

        RevealedDocument crm = Revealer.of(policy).reveal("crm", doc, sanitized.report().tokens());
        JsonNode back = crm.document();
        assertThat(back.get("card").textValue()).isEqualTo("4111 1111 1111 1111");
        assertThat(back.get("card_number").isIntegralNumber()).isTrue();
        assertThat(back.get("card_number").asText()).isEqualTo("5555555555554444");
        assertThat(back.get("email").textValue()).isEqualTo("ann@example.com");
        assertThat(ENGINE.write(back.get("address"))).isEqualTo("{\"geo\":[1.50,2],\"line1\":\"1 Main St\",\"zip\":\"12345\"}");
        // the element moved from [2] to [1] when [1] was dropped; reveal finds it where it is
        assertThat(back.get("items").get(1).get("serial").textValue()).isEqualTo("4242424242424242");
        assertThat(back.get("pin").textValue()).isEqualTo(doc.get("pin").textValue()).startsWith("sec_");
        assertThat(back.get("body").textValue()).isEqualTo("write to ann@example.com or bob@example.com");
        assertThat(crm.report().revealed()).isEqualTo(Map.of("card", 3, "contact", 4));
        assertThat(crm.report().withheld()).isEqualTo(1);
        assertThat(crm.report().unresolved()).isZero();
        // the sanitized document itself is left as it was
        assertThat(doc.get("email").textValue()).startsWith("ctc_");
    }

    @Test
    void anAudienceSeesOnlyItsProfiles() {
        SanitizeResult sanitized = sanitize();
        RevealedDocument billing = Revealer.of(policy).reveal("billing", sanitized.document(), sanitized.report().tokens());
        assertThat(billing.document().get("card").textValue()).isEqualTo("4111 1111 1111 1111");
        assertThat(billing.document().get("email").textValue()).startsWith("ctc_");
        assertThat(billing.report().revealed()).isEqualTo(Map.of("card", 3));
        assertThat(billing.report().withheld()).isEqualTo(5);
        assertThatThrownBy(() -> Revealer.of(policy).revealText("experts", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("audience: experts (expected one of: billing, crm)");
    }

    @Test
    void vaultedTokensAreRevealedAnywhereInAReply() {
        JsonNode doc = sanitize().document();
        String email = doc.get("email").textValue();
        String pin = doc.get("pin").textValue();
        String fake = "ctc_" + "A".repeat(22);
        String reply = "Hi! I emailed " + email + ". Your PIN " + pin + " is reset. Not a token: " + fake + ", x" + email + ".";
        RevealedText revealed = Revealer.of(policy).revealText("crm", reply);
        assertThat(revealed.text()).isEqualTo("Hi! I emailed ann@example.com. Your PIN " + pin + " is reset. Not a token: " + fake + ", x" + email + ".");
        assertThat(revealed.report().revealed()).isEqualTo(Map.of("contact", 1));
        assertThat(revealed.report().withheld()).isEqualTo(1);
        assertThat(revealed.report().unresolved()).isEqualTo(1);
    }

    @Test
    void tokensMadeBeforeAKeyRotationStillReveal() {
        SanitizeResult before = sanitize();
        keys.rotate("acme/card");
        SanitizeResult after = sanitize();
        assertThat(after.document().get("card")).isNotEqualTo(before.document().get("card"));
        assertThat(before.report().tokens()).filteredOn(t -> t.path().equals("$.card")).singleElement()
                .satisfies(t -> assertThat(t.keyVersion()).isEqualTo(1));
        assertThat(after.report().tokens()).filteredOn(t -> t.path().equals("$.card")).singleElement()
                .satisfies(t -> assertThat(t.keyVersion()).isEqualTo(2));
        for (SanitizeResult result : List.of(before, after)) {
            JsonNode back = Revealer.of(policy).reveal("crm", result.document(), result.report().tokens()).document();
            assertThat(back.get("card").textValue()).isEqualTo("4111 1111 1111 1111");
        }
    }

    @Test
    void aTokenRecordWhoseVersionDisagreesWithTheIndexIsRefusedNotRevealedAsAnotherCard() {
        SanitizeResult before = sanitize();
        keys.rotate("acme/card");
        // a record that claims the current version for a token made before the rotation
        List<TokenRecord> wrong = before.report().tokens().stream()
                .map(t -> t.path().equals("$.card") ? new TokenRecord(t.path(), t.profile(), 2, t.kind()) : t)
                .toList();

        assertThatThrownBy(() -> Revealer.of(policy).reveal("crm", before.document(), wrong))
                .isInstanceOf(KeyVersionUnknownException.class)
                .hasMessageContaining("version 2 was given but this token was made with version 1")
                .hasMessageNotContaining("4111")
                .hasMessageNotContaining(before.document().get("card").textValue());
    }
}
