package dev.veil.policy.engine;

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
import dev.veil.policy.model.Action;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

    private static JsonNode json(String text) {
        return ENGINE.parse(text.replace('\'', '"').getBytes(UTF_8));
    }

    private static SanitizeResult apply(String policyBody, String document) {
        return ENGINE.apply(TestPolicies.compile(header() + policyBody), null, json(document));
    }

    private static String out(SanitizeResult result) {
        return ENGINE.write(result.document()).replace('"', '\'');
    }

    @Test
    void dropsWhatNoRuleNamesAndRemovesWhatEndsUpEmpty() {
        SanitizeResult result = apply("""
                fields:
                  - { path: "$.ticket.id", action: keep }
                  - { path: "$.items[*].sku", action: keep }
                """, "{'ticket': {'id': 7, 'email': 'a@b.c', 'meta': {'ip': '1.2.3.4'}}, 'requester': {'name': 'Ann'},"
                + " 'items': [{'sku': 'X1', 'price': 3}, {'note': 'gift for Ann'}, {'sku': 'X2'}]}");
        assertThat(out(result)).isEqualTo("{'ticket':{'id':7},'items':[{'sku':'X1'},{'sku':'X2'}]}");
        assertThat(result.report().touched()).filteredOn(t -> t.rule().equals("default")).extracting(Touch::path)
                .containsExactly("$.ticket.email", "$.ticket.meta", "$.requester", "$.items[0].price", "$.items[1].note");
        // the third element moved up: its kept sku sits at [1] in the output
        assertThat(result.report().touched()).filteredOn(t -> t.path().equals("$.items[2].sku")).extracting(Touch::outputPath)
                .containsExactly("$.items[1].sku");
    }

    @Test
    void aMemberNamedAfterPersonalDataIsDroppedEvenUnderKeep() {
        SanitizeResult result = apply("""
                fields:
                  - { path: "$.vip", action: keep }
                detectors:
                  - { name: EMAILS, regex: "[a-z.]+@example[.]com" }
                """, "{'vip': {'ann.lee@example.com': 'gold', 'tier': 'silver'}}");
        assertThat(out(result)).isEqualTo("{'vip':{'tier':'silver'}}");
        assertThat(result.report().touched()).filteredOn(t -> t.rule().equals("default"))
                .extracting(Touch::path, Touch::action, Touch::note)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$.vip['*']", Action.DROP, "member name holds personal data; dropped"));
        assertThat(result.report().toString()).doesNotContain("ann.lee");
    }

    @Test
    void keepOfAContainerKeepsWhatIsBelowExceptWhatRulesName() {
        SanitizeResult result = apply("""
                fields:
                  - { path: "$.customer", action: keep }
                  - { path: "$..ssn", action: drop }
                  - { path: "$.customer.name", action: redact, label: NAME }
                """, "{'customer': {'name': 'Ann Lee', 'tier': 'gold', 'ids': {'ssn': '123-45-6789', 'crm': 9}}, 'other': 1}");
        assertThat(out(result)).isEqualTo("{'customer':{'name':'[NAME]','tier':'gold','ids':{'crm':9}}}");
    }

    @Test
    void theMostProtectiveRuleWinsAndViewsOverrideTheBase() {
        String policy = header() + """
                fields:
                  - { path: "$.a.*", action: keep }
                  - { path: "$..secret", action: drop }
                  - { path: "$.a.name", action: mask, show: first_initial }
                views:
                  senior: { "$.a.name": keep, "$.a.secret": keep }
                """;
        CompiledPolicy compiled = TestPolicies.compile(policy);
        JsonNode doc = json("{'a': {'name': 'Ann Lee', 'secret': 's3', 'x': 1}}");
        assertThat(ENGINE.write(ENGINE.apply(compiled, null, doc).document())).isEqualTo("{\"a\":{\"name\":\"A•• L••\",\"x\":1}}");
        assertThat(ENGINE.write(ENGINE.apply(compiled, "senior", doc).document()))
                .isEqualTo("{\"a\":{\"name\":\"Ann Lee\",\"secret\":\"s3\",\"x\":1}}");
        assertThatThrownBy(() -> ENGINE.apply(compiled, "senoir", doc))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("view: senoir (expected one of: senior)");
    }

    @Test
    void aCardSentAsANumberIsTokenizedAndScannedLikeText() {
        SanitizeResult result = apply("""
                defaults:
                  propagate: false              # the scan itself, not propagation, must catch the numbers
                  scan_actions: {}
                tokens:
                  card: { format: fpe-card, keep_last: 4 }
                fields:
                  - { path: "$.card", action: tokenize, token: card }
                  - { path: "$.notes", action: scan }
                detectors:
                  - { name: LONG_NUMBER, regex: "[0-9]{13,19}", token: card }
                """, "{'card': 4111111111111111, 'notes': [4111111111111111, 'paid with 5555555555554444', 12]}");
        JsonNode doc = result.document();
        String token = doc.get("card").textValue();
        assertThat(token).hasSize(16).endsWith("1111").isNotEqualTo("4111111111111111");
        assertThat(luhnValid(token)).isFalse();
        assertThat(doc.get("notes").get(0).textValue()).isEqualTo(token);
        assertThat(doc.get("notes").get(1).textValue()).startsWith("paid with ").endsWith("4444").doesNotContain("5555555555554444");
        assertThat(doc.get("notes").get(2).isNumber()).isTrue();
        assertThat(result.report().tokens()).containsExactly(new TokenRecord("$.card", "card", 1, TokenRecord.ValueKind.NUMBER));
        assertThat(result.report().count("LONG_NUMBER", Action.TOKENIZE)).isEqualTo(2);
    }

    @Test
    void objectsAndArraysUnderTokenizeAndRedactAreHandledWhole() {
        SanitizeResult result = apply("""
                tokens:
                  contact: { format: random, prefix: "ctc_", convergent: true }
                fields:
                  - { path: "$.address", action: tokenize, token: contact }
                  - { path: "$.phones", action: redact }
                  - { path: "$.address.country", action: keep }
                """, "{'address': {'line1': '1 Main St', 'country': 'US'}, 'phones': ['+1 555 0100', '+1 555 0101']}");
        assertThat(result.document().get("address").textValue()).matches("ctc_[0-9A-Za-z]{22}");
        assertThat(result.document().get("phones").textValue()).isEqualTo("[REDACTED]");
        assertThat(result.report().tokens()).containsExactly(new TokenRecord("$.address", "contact", 0, TokenRecord.ValueKind.JSON));
    }

    @Test
    void convergentTokensRepeatForEqualValuesAndOutputIsDeterministic() {
        String policy = header() + """
                tokens:
                  contact: { format: random, prefix: "ctc_", convergent: true }
                  card: { format: fpe-card }
                fields:
                  - { path: "$.a", action: tokenize, token: contact }
                  - { path: "$.b", action: tokenize, token: contact }
                  - { path: "$.c", action: tokenize, token: card }
                """;
        String doc = "{'a': 'ann@example.com', 'b': 'ann@example.com', 'c': '4111 1111 1111 1111'}";
        SanitizeResult first = ENGINE.apply(TestPolicies.compile(policy), null, json(doc));
        SanitizeResult second = ENGINE.apply(TestPolicies.compile(policy), null, json(doc));
        assertThat(first.document().get("a")).isEqualTo(first.document().get("b"));
        assertThat(ENGINE.write(first.document())).isEqualTo(ENGINE.write(second.document()));
        assertThat(first.document().get("c").textValue()).matches("\\d{4} \\d{4} \\d{4} 1111");
    }

    @Test
    void masksShowWhatTheRuleSaysAndReachEveryValueBelow() {
        SanitizeResult result = apply("""
                fields:
                  - { path: "$.name", action: mask, show: first_initial }
                  - { path: "$.phones", action: mask, keep_last: 2 }
                  - { path: "$.phones.home", action: drop }
                """, "{'name': 'María García', 'phones': {'mobile': '+34 612 345 678', 'work': 612345679, 'home': '954'}}");
        assertThat(out(result)).isEqualTo("{'name':'M•••• G•••••','phones':{'mobile':'+•• ••• ••• •78','work':'•••••••79'}}");
    }

    @Test
    void scanReplacesEachSpanPerTypeAndKeepsWhatItIsToldToKeep() {
        SanitizeResult result = apply("""
                defaults:
                  scan_actions: {}
                tokens:
                  order: { format: hash, prefix: "ord_", length: 8 }
                fields:
                  - { path: "$.body", action: scan }
                detectors:
                  - { name: ACME_ORDER, regex: "AC-[0-9]{8}", action: keep }
                  - { name: VOUCHER, regex: "V-[A-Z]{6}", action: redact, label: VOUCHER }
                  - { name: ACCOUNT, regex: "ACC[0-9]{6}", action: pseudonymize, token: order }
                  - { name: PIN, regex: "PIN [0-9]{4}", action: mask, keep_last: 1 }
                """, "{'body': 'Order AC-12345678, voucher V-ABCDEF, account ACC123456, PIN 4321. Thanks'}");
        String body = result.document().get("body").textValue();
        assertThat(body).matches("Order AC-12345678, voucher \\[VOUCHER\\], account ord_[0-9A-Za-z]{8}, ••• •••1\\. Thanks");
        SanitizeReport report = result.report();
        assertThat(report.count("ACME_ORDER", Action.KEEP)).isEqualTo(1);
        assertThat(report.count("VOUCHER", Action.REDACT)).isEqualTo(1);
        assertThat(report.count("ACCOUNT", Action.PSEUDONYMIZE)).isEqualTo(1);
        assertThat(report.count("PIN", Action.MASK)).isEqualTo(1);
        assertThat(report.count(SanitizeReport.UNTYPED, Action.SCAN)).isEqualTo(1);
        assertThat(report.touched()).filteredOn(Touch::span).extracting(Touch::type)
                .containsExactly("ACME_ORDER", "VOUCHER", "ACCOUNT", "PIN");
    }

    @Test
    void aValueThatDoesNotFitAFormatPreservingProfileIsRedactedAndNoted() {
        SanitizeResult result = apply("""
                tokens:
                  card: { format: fpe-card }
                fields:
                  - { path: "$.card", action: tokenize, token: card }
                """, "{'card': 'N/A'}");
        assertThat(out(result)).isEqualTo("{'card':'[REDACTED]'}");
        assertThat(result.report().touched()).singleElement().satisfies(touch -> {
            assertThat(touch.action()).isEqualTo(Action.REDACT);
            assertThat(touch.note()).isEqualTo("value does not fit profile card; redacted");
        });
        assertThat(result.report().tokens()).isEmpty();
    }

    @Test
    void unknownFieldsCanBeRedactedInsteadOfDropped() {
        SanitizeResult result = apply("""
                defaults:
                  unknown_fields: redact
                fields:
                  - { path: "$.id", action: keep }
                """, "{'id': 1, 'email': 'a@b.c', 'nested': {'x': [1, 2]}, 'none': null}");
        assertThat(out(result)).isEqualTo("{'id':1,'email':'[REDACTED]','nested':'[REDACTED]','none':'[REDACTED]'}");
    }

    @Test
    void nullsStayNullAndBooleansAreNotScanned() {
        SanitizeResult result = apply("""
                defaults:
                  scan_actions: {}
                tokens:
                  t: { format: random }
                fields:
                  - { path: "$.a", action: tokenize, token: t }
                  - { path: "$.b", action: scan }
                  - { path: "$.c", action: scan }
                detectors:
                  - { name: WORD, regex: "true" }
                """, "{'a': null, 'b': true, 'c': 'true'}");
        assertThat(out(result)).isEqualTo("{'a':null,'b':true,'c':'[WORD]'}");
    }

    @Test
    void aMissingKeyFailsTheWholeDocument() {
        FixedKeyProvider keys = new FixedKeyProvider().makeUnavailable("acme/card");
        PolicyCompiler compiler = TestPolicies.compiler(DetectorRegistry.builder().build(), keys);
        CompiledPolicy policy = compiler.compile(compiler.loader().parse("t.yaml", header() + """
                tokens:
                  card: { format: fpe-card }
                fields:
                  - { path: "$.card", action: tokenize, token: card }
                """));
        assertThatThrownBy(() -> ENGINE.apply(policy, null, json("{'card': '4111111111111111'}")))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageNotContaining("4111");
    }

    @Test
    void theInputIsNotModified() {
        JsonNode doc = json("{'a': {'b': 'x'}, 'c': 1}");
        String before = ENGINE.write(doc);
        ENGINE.apply(TestPolicies.compile(header() + "fields:\n  - { path: \"$.a.b\", action: redact }\n"), null, doc);
        assertThat(ENGINE.write(doc)).isEqualTo(before);
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (twice) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
