package dev.veil.policy.diff;

import static dev.veil.policy.TestPolicies.ENGINE;
import static dev.veil.policy.TestPolicies.header;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.policy.TestPolicies;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.PolicyCompiler;
import dev.veil.tokenizer.detect.DetectorRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyDiffTest {

    private static final String OLD = header() + """
            defaults:
              scan_actions: {}
            tokens:
              card: { format: fpe-card }
            fields:
              - { path: "$.id", action: keep }
              - { path: "$.name", action: mask, show: first_initial }
              - { path: "$.card", action: tokenize, token: card }
              - { path: "$.body", action: scan }
              - { path: "$.tags", action: keep }
            detectors:
              - { name: PHONE_LIKE, regex: "[+][0-9]{11}" }
              - { name: ORDER, regex: "AC-[0-9]{4}", action: keep }
            """;

    private static final String NEW = OLD.replace("version: 1", "version: 2")
            .replace("action: mask, show: first_initial", "action: keep")
            .replace("  - { path: \"$.tags\", action: keep }\n", "  - { path: \"$.phone\", action: keep }\n")
            .replace("  - { name: PHONE_LIKE, regex: \"[+][0-9]{11}\" }\n", "");

    private static final String SAMPLE = """
            {"id": 7, "name": "Ann Lee", "card": "4111111111111111", "phone": "+15550100123",
             "body": "call +15550100123 about AC-1234", "tags": ["vip"]}
            """;

    @Test
    void flagsEveryValueExpertsWouldSeeMoreOf() {
        PolicyCompiler compiler = TestPolicies.compiler(DetectorRegistry.builder().build());
        CompiledPolicy before = compiler.compile(compiler.loader().parse("old.yaml", OLD));
        CompiledPolicy after = compiler.compile(compiler.loader().parse("new.yaml", NEW));
        JsonNode sample = ENGINE.parse(SAMPLE.getBytes(UTF_8));
        SampleDiff diff = PolicyDiff.compare("sample.json", null, sample, ENGINE.trace(before, null, sample), ENGINE.trace(after, null, sample),
                DetectorRegistry.builder().build());

        assertThat(diff.changes()).extracting(PathChange::path).containsExactly("$.name", "$.phone", "$.body", "$.tags[0]");
        assertThat(diff.exposed()).extracting(PathChange::path).containsExactly("$.name", "$.phone", "$.body");

        PathChange name = diff.changes().get(0);
        assertThat(name.before().exposure()).isEqualTo(Exposure.MASKED);
        assertThat(name.before().shown()).isEqualTo("A•• L••");
        assertThat(name.after().exposure()).isEqualTo(Exposure.CLEAR);
        assertThat(name.after().shown()).isEqualTo("Ann Lee");

        PathChange phone = diff.changes().get(1);
        assertThat(phone.before()).isEqualTo(new Seen(Exposure.HIDDEN, "drop no rule names it", 0, null));
        assertThat(phone.after().how()).isEqualTo("keep by fields[4]");

        PathChange body = diff.changes().get(2);
        assertThat(body.before().exposure()).isEqualTo(Exposure.SCANNED);
        assertThat(body.before().shown()).isEqualTo("call [PHONE_LIKE] about AC-1234");
        assertThat(body.before().how()).isEqualTo("scan by fields[3]: PHONE_LIKE x1 redact, ORDER x1 keep");
        assertThat(body.after().exposure()).isEqualTo(Exposure.CLEAR);
        assertThat(body.after().how()).isEqualTo("scan by fields[3]: ORDER x1 keep");

        PathChange tags = diff.changes().get(3);
        assertThat(tags.exposed()).isFalse();
        assertThat(tags.after().exposure()).isEqualTo(Exposure.HIDDEN);

        // the verdict: characters of each value readable at each place, before and after
        assertThat(diff.exposures()).extracting(ValueExposure::path, ValueExposure::source, ValueExposure::before, ValueExposure::after)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("$.name", "$.name", 2, 6),
                        org.assertj.core.groups.Tuple.tuple("$.phone", "$.phone", 0, 11),
                        org.assertj.core.groups.Tuple.tuple("$.body", "$.phone", 0, 11));
    }

    @Test
    void reorderedRulesAndARenamedProfileChangeNothingExpertsRead() {
        PolicyCompiler compiler = TestPolicies.compiler(DetectorRegistry.builder().build());
        String reordered = OLD.replace("version: 1", "version: 2")
                .replace("  - { path: \"$.id\", action: keep }\n", "")
                .replace("  - { path: \"$.tags\", action: keep }\n", "  - { path: \"$.tags\", action: keep }\n  - { path: \"$.id\", action: keep }\n")
                .replace("card: { format: fpe-card }", "payment: { format: fpe-card }").replace("token: card", "token: payment");
        CompiledPolicy before = compiler.compile(compiler.loader().parse("old.yaml", OLD));
        CompiledPolicy after = compiler.compile(compiler.loader().parse("new.yaml", reordered));
        JsonNode sample = ENGINE.parse(SAMPLE.getBytes(UTF_8));
        SampleDiff diff = PolicyDiff.compare("s", null, sample, ENGINE.trace(before, null, sample), ENGINE.trace(after, null, sample),
                DetectorRegistry.defaults());
        assertThat(diff.exposures()).isEmpty();
        // tokens are compared by treatment, not text (another profile name is another key): nothing is listed
        assertThat(diff.changes()).isEmpty();
        assertThat(PolicyDiff.compare(before.spec(), after.spec())).extracting(SpecChange::mayExpose).containsOnly(false);
    }

    @Test
    void identicalPoliciesShowNoChangeEvenWithRandomTokens() {
        String policy = header() + """
                tokens:
                  t: { format: random }
                fields:
                  - { path: "$.email", action: tokenize, token: t }
                """;
        PolicyCompiler compiler = TestPolicies.compiler(DetectorRegistry.builder().build());
        CompiledPolicy compiled = compiler.compile(compiler.loader().parse("p.yaml", policy));
        JsonNode sample = ENGINE.parse("{\"email\": \"dana.whitfield@example.com\"}".getBytes(UTF_8));
        SampleDiff diff = PolicyDiff.compare("s", null, sample, ENGINE.trace(compiled, null, sample), ENGINE.trace(compiled, null, sample),
                DetectorRegistry.defaults());
        assertThat(diff.exposures()).isEmpty();
        assertThat(diff.changes()).isEmpty();
    }

    @Test
    void describesChangesToThePolicyAsWritten() {
        PolicyCompiler compiler = TestPolicies.compiler(DetectorRegistry.builder().build());
        String before = OLD + "reveal:\n  - { audience: crm, tokens: [card] }\n";
        String after = NEW + "views:\n  senior: { \"$.card\": keep }\n";
        List<SpecChange> changes = PolicyDiff.compare(compiler.loader().parse("old.yaml", before), compiler.loader().parse("new.yaml", after));
        assertThat(changes).extracting(SpecChange::description, SpecChange::mayExpose).containsExactly(
                // what a rule or detector change exposes is measured on the samples, not guessed from the text
                org.assertj.core.groups.Tuple.tuple("detectors: PHONE_LIKE removed", false),
                org.assertj.core.groups.Tuple.tuple("fields: $.name mask first initials -> keep", false),
                org.assertj.core.groups.Tuple.tuple("fields: $.tags (keep) removed", false),
                org.assertj.core.groups.Tuple.tuple("fields: $.phone (keep) added", false),
                org.assertj.core.groups.Tuple.tuple("views.senior: new view (its experts are compared with the old base view below)", true),
                org.assertj.core.groups.Tuple.tuple("reveal: crm may no longer reveal card", false));
    }

    @Test
    void valuesUnderMemberNamesThatHoldPersonalDataAreMeasuredToo() {
        String policy = TestPolicies.header() + "defaults:\n  scan: [CARD_NUMBER]\nfields:\n  - { path: \"$.notes\", action: scan }\n";
        dev.veil.policy.compile.PolicyCompiler compiler = TestPolicies.compiler(DetectorRegistry.defaults());
        CompiledPolicy dropping = compiler.compile(compiler.loader().parse("a.yaml", policy));
        CompiledPolicy replacing = compiler.compile(compiler.loader().parse("b.yaml", policy.replace("defaults:\n", "defaults:\n  pii_keys: replace\n")));
        JsonNode sample = ENGINE.parse("{\"notes\": {\"4111111111111111\": \"refund agreed with Ms Whitfield\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        SampleDiff diff = PolicyDiff.compare("s", null, sample, ENGINE.trace(dropping, null, sample), ENGINE.trace(replacing, null, sample),
                DetectorRegistry.defaults());
        assertThat(diff.exposures()).extracting(ValueExposure::path, ValueExposure::before, ValueExposure::after)
                .contains(org.assertj.core.groups.Tuple.tuple("$.notes.*", 0, 27));
        assertThat(PolicyDiff.compare(dropping.spec(), replacing.spec())).extracting(SpecChange::description, SpecChange::mayExpose)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("defaults.pii_keys: drop -> replace", true));

        // what a replaced name shows is measured like any text: a mask of card numbers loosened from 4 to 8
        String masking = policy.replace("defaults:\n", "defaults:\n  pii_keys: replace\n  scan_actions:\n    CARD_NUMBER: { action: mask, keep_last: 4 }\n");
        CompiledPolicy four = compiler.compile(compiler.loader().parse("c.yaml", masking));
        CompiledPolicy eight = compiler.compile(compiler.loader().parse("d.yaml", masking.replace("keep_last: 4", "keep_last: 8")));
        assertThat(PolicyDiff.compare("s", null, sample, ENGINE.trace(four, null, sample), ENGINE.trace(eight, null, sample),
                DetectorRegistry.defaults()).exposures()).extracting(ValueExposure::path, ValueExposure::type, ValueExposure::before, ValueExposure::after)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$.notes.* (name)", "CARD_NUMBER", 4, 8));
        assertThat(PolicyDiff.compare("s", null, sample, ENGINE.trace(eight, null, sample), ENGINE.trace(four, null, sample),
                DetectorRegistry.defaults()).exposures()).isEmpty();
    }
}
