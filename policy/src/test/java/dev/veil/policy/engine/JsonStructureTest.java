package dev.veil.policy.engine;

import static dev.veil.policy.TestPolicies.ENGINE;
import static dev.veil.policy.TestPolicies.header;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.policy.TestPolicies;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.PolicyCompiler;
import dev.veil.policy.compile.PolicyLint;
import dev.veil.policy.load.PolicyException;
import dev.veil.policy.model.Action;
import dev.veil.policy.yaml.Problem;
import dev.veil.tokenizer.detect.DetectorRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Personal data in the structure of a JSON document rather than in its strings: member names,
 * numbers (floats too), values under a keep of a whole object or array, and base64 blobs.
 */
class JsonStructureTest {

    private static final String CARD = "4229812051535990";
    private static final String IBAN = "ES9121000418450200051332";
    private static final PolicyCompiler COMPILER = TestPolicies.compiler(DetectorRegistry.defaults());

    private static final String POLICY = header() + """
            defaults:
              scan: [CARD_NUMBER, IBAN, EMAIL, ES_DNI]
              scan_actions:
                CARD_NUMBER: { action: mask, keep_last: 4 }
            fields:
              - { path: "$.id", action: keep }
              - { path: "$.notes", action: scan }
              - { path: "$.amount", action: scan }
              - { path: "$.via", action: keep }
              - { path: "$.via.channel", action: keep }
              - { path: "$.trusted", action: keep, trust: true }
              - { path: "$.trusted.kind", action: keep }
              - { path: "$.card", action: keep }
            """;

    private static final String TICKET = """
            {"id": 7,
             "notes": {"%1$s": "card on file", "dana@example.com": "email on file", "plain": "call me %1$s"},
             "amount": [4042371347694173.0, 4042371347694173, 12.50, 4.042371347694173E15],
             "via": {"channel": "web", "source": {"ref": "%1$s", "iban": "%2$s", "n": 4042371347694173.0, "order": "AC-10458822"}},
             "trusted": {"kind": "x", "ref": "%1$s"},
             "card": "%1$s"}
            """.formatted(CARD, IBAN);

    private static CompiledPolicy compile(String yaml) {
        return COMPILER.compile(COMPILER.loader().parse("p.yaml", yaml));
    }

    private static SanitizeResult apply(String policy) {
        return ENGINE.apply(compile(policy), null, ENGINE.parse(TICKET.getBytes(UTF_8)));
    }

    @Test
    void aMemberNamedAfterPersonalDataIsDroppedByDefault() {
        SanitizeResult result = apply(POLICY);
        JsonNode notes = result.document().get("notes");
        assertThat(notes.size()).isEqualTo(1);
        assertThat(notes.get("plain").textValue()).isEqualTo("call me ••••••••••••5990");
        assertThat(result.report().touched()).filteredOn(t -> "member name holds personal data; dropped".equals(t.note()))
                .extracting(Touch::path).containsExactly("$.notes['*']", "$.notes['*']");
        assertThat(ENGINE.write(notes)).doesNotContain(CARD, "dana@example.com");
    }

    @Test
    void aPolicyCanReplaceThePersonalDataInMemberNamesInstead() {
        SanitizeResult result = apply(POLICY.replace("defaults:\n", "defaults:\n  pii_keys: replace\n"));
        JsonNode notes = result.document().get("notes");
        assertThat(notes.get("••••••••••••5990").textValue()).isEqualTo("card on file");
        assertThat(notes.get("[EMAIL]").textValue()).isEqualTo("email on file");
        // the report never shows the name
        assertThat(result.report().touched()).filteredOn(t -> "pii_keys".equals(t.rule()) && !t.span())
                .extracting(Touch::path).containsExactly("$.notes['*']", "$.notes['*']");
        assertThat(result.report().touched()).extracting(Touch::path).noneMatch(p -> p.contains(CARD) || p.contains("dana@"));
        assertThat(ENGINE.write(notes)).doesNotContain(CARD, "dana@example.com");
    }

    @Test
    void namesThatComeOutTheSameStayApart() {
        String ticket = "{\"notes\": {\"dana@example.com\": \"a\", \"lee@example.com\": \"b\"}}";
        SanitizeResult result = ENGINE.apply(compile(POLICY.replace("defaults:\n", "defaults:\n  pii_keys: replace\n")), null,
                ENGINE.parse(ticket.getBytes(UTF_8)));
        assertThat(result.document().get("notes").fieldNames()).toIterable().containsExactly("[EMAIL]", "[EMAIL]~2");
    }

    @Test
    void aLaterMemberNamedAsAReplacedNameWinsAlsoWhenScansWaitForPropagation() {
        // with propagate, scans run after the walk; the first value's result must not come back over the second
        String policy = POLICY.replace("defaults:\n", "defaults:\n  pii_keys: replace\n  propagate: true\n");
        String ticket = "{\"notes\": {\"dana@example.com\": \"first\", \"[EMAIL]\": \"second\", \"x\": \"third\"}}";
        SanitizeResult result = ENGINE.apply(compile(policy), null, ENGINE.parse(ticket.getBytes(UTF_8)));
        assertThat(ENGINE.write(result.document().get("notes"))).isEqualTo("{\"[EMAIL]\":\"second\",\"x\":\"third\"}");
    }

    @Test
    void numbersAreScannedAsTheTextTheyWereSentAs() {
        JsonNode amount = apply(POLICY).document().get("amount");
        assertThat(amount.get(0).textValue()).isEqualTo("••••••••••••4173.0");
        assertThat(amount.get(1).textValue()).isEqualTo("••••••••••••4173");
        // an amount is no card: it stays the number it was
        assertThat(amount.get(2).isNumber()).isTrue();
        assertThat(amount.get(2).asText()).isEqualTo("12.50");
        assertThat(ENGINE.write(amount)).doesNotContain("4042371347694173", "042371347694173");
    }

    @Test
    void aKeepOfAWholeObjectStillReplacesChecksumValidatedData() {
        SanitizeResult result = apply(POLICY);
        JsonNode source = result.document().at("/via/source");
        assertThat(source.get("ref").textValue()).isEqualTo("••••••••••••5990");
        assertThat(source.get("iban").textValue()).isEqualTo("[IBAN]");
        assertThat(source.get("n").textValue()).isEqualTo("••••••••••••4173.0");
        assertThat(source.get("order").textValue()).isEqualTo("AC-10458822");
        assertThat(result.document().at("/via/channel").textValue()).isEqualTo("web");
        assertThat(result.report().touched()).filteredOn(t -> t.rule().equals("safety net") && !t.span())
                .extracting(Touch::path).containsExactly("$.via.source.ref", "$.via.source.iban", "$.via.source.n");
        assertThat(result.report().touched()).filteredOn(t -> t.rule().equals("safety net") && t.span())
                .extracting(Touch::type, Touch::action).contains(org.assertj.core.groups.Tuple.tuple("CARD_NUMBER", Action.MASK),
                        org.assertj.core.groups.Tuple.tuple("IBAN", Action.REDACT));
        // a keep on the leaf itself, and a subtree keep with trust: true, are taken at their word
        assertThat(result.document().get("card").textValue()).isEqualTo(CARD);
        assertThat(result.document().at("/trusted/ref").textValue()).isEqualTo(CARD);
    }

    @Test
    void base64BlobsInScannedTextCanBeDropped() {
        String blob = "eyJjYXJkIjoiNDIyOTgxMjA1MTUzNTk5MCJ9";
        String ticket = "{\"notes\": {\"a\": \"see " + blob + " attached\", \"b\": \"" + blob + "\", \"c\": \"sha256 "
                + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, token ctc_5Mu2Y4xFphH5eaQyCvlV7r, AC-10458822\"}}";
        CompiledPolicy keep = compile(POLICY);
        assertThat(ENGINE.apply(keep, null, ENGINE.parse(ticket.getBytes(UTF_8))).document().at("/notes/b").textValue()).isEqualTo(blob);

        SanitizeResult dropped = ENGINE.apply(compile(POLICY.replace("defaults:\n", "defaults:\n  on_encoded: drop\n")), null,
                ENGINE.parse(ticket.getBytes(UTF_8)));
        JsonNode notes = dropped.document().get("notes");
        assertThat(notes.get("a").textValue()).isEqualTo("see [ENCODED] attached");
        assertThat(notes.has("b")).isFalse();
        assertThat(notes.get("c").textValue()).contains("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "ctc_5Mu2Y4xFphH5eaQyCvlV7r", "AC-10458822");
        assertThat(dropped.report().touched()).filteredOn(t -> "ENCODED".equals(t.type())).extracting(Touch::action)
                .containsOnly(Action.DROP);
    }

    @Test
    void trustIsForKeepOnlyAndCheckWarnsAboutSubtreeKeeps() {
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(PolicyException.class,
                () -> compile(POLICY.replace("{ path: \"$.card\", action: keep }", "{ path: \"$.card\", action: redact, trust: true }"))))
                .satisfies(e -> assertThat(e.problems()).extracting(Problem::message).anyMatch(m -> m.startsWith("applies only to keep")));
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(PolicyException.class,
                () -> compile(POLICY.replace("defaults:\n", "defaults:\n  pii_keys: rename\n"))))
                .satisfies(e -> assertThat(e.problems()).extracting(Problem::message).anyMatch(m -> m.contains("expected one of: drop, replace")));

        List<Problem> warnings = PolicyLint.warnings(compile(POLICY).spec());
        assertThat(warnings).extracting(Problem::keyPath).containsExactly("fields[3]");
        assertThat(warnings.get(0).message()).startsWith("$.via keeps a whole subtree");
    }
}
