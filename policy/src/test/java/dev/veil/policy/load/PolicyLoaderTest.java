package dev.veil.policy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.veil.policy.yaml.Problem;
import dev.veil.policy.yaml.Suggestions;

import dev.veil.policy.model.Action;
import dev.veil.policy.model.Defaults;
import dev.veil.policy.model.FormatKind;
import dev.veil.policy.model.PolicySpec;
import dev.veil.tokenizer.detect.PiiType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {

    private static final PolicyLoader LOADER = PolicyLoader.of(BrokenPolicyTest.BUILT_IN);

    @TempDir
    Path dir;

    private static Problem onlyProblem(Runnable load) {
        PolicyException e = catchThrowableOfType(PolicyException.class, load::run);
        assertThat(e).isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    @Test
    void readsAWellFormedPolicy() {
        PolicySpec spec = LOADER.parse("acme.yaml", """
                policy: acme-support
                brand: acme
                version: 7
                description: Support tickets from Acme's Zendesk
                defaults:
                  unknown_fields: redact
                  scan: [CARD_NUMBER, EMAIL]
                  scan_actions:
                    CARD_NUMBER: { token: card }
                    EMAIL: { action: mask, keep_last: 4 }
                  propagate: true
                tokens:
                  card: { format: fpe-card, keep_last: 4 }
                  contact: { format: random, prefix: "ctc_", convergent: true }
                fields:
                  - { path: "$.ticket.id", action: keep }
                  - { path: "$.requester.name", action: mask, show: first_initial, type: PERSON }
                  - { path: "$.requester.email", action: tokenize, token: contact }
                views:
                  senior: { "$.requester.name": keep, "$.requester.email": { action: mask, keep_last: 4 } }
                reveal:
                  - { audience: crm, tokens: [card, contact] }
                detectors:
                  - { name: ACME_ORDER, regex: "AC-[0-9]{8}", action: keep, confidence: 0.9 }
                """);
        assertThat(spec.name()).isEqualTo("acme-support");
        assertThat(spec.brand()).isEqualTo("acme");
        assertThat(spec.version()).isEqualTo(7);
        assertThat(spec.defaults().unknownFields()).isEqualTo(Defaults.UnknownFields.REDACT);
        assertThat(spec.defaults().scan()).containsExactly(PiiType.CARD_NUMBER, PiiType.EMAIL);
        assertThat(spec.defaults().scanActions().get(PiiType.CARD_NUMBER).action()).isEqualTo(Action.TOKENIZE);
        assertThat(spec.defaults().scanActions().get(PiiType.EMAIL).mask().keepLast()).isEqualTo(4);
        assertThat(spec.defaults().propagate()).isTrue();
        assertThat(spec.tokens().get("contact").format()).isEqualTo(FormatKind.RANDOM);
        assertThat(spec.tokens().get("contact").booleanOption("convergent", false)).isTrue();
        assertThat(spec.fields()).extracting(r -> r.path().text())
                .containsExactly("$.ticket.id", "$.requester.name", "$.requester.email");
        assertThat(spec.fields().get(1).treatment().mask().firstInitial()).isTrue();
        assertThat(spec.fields().get(1).type()).isEqualTo(PiiType.PERSON);
        assertThat(spec.fields().get(1).at().line()).isEqualTo(17);
        assertThat(spec.views().get("senior").rules()).extracting(r -> r.action()).containsExactly(Action.KEEP, Action.MASK);
        assertThat(spec.reveal().get(0).tokens()).containsExactly("card", "contact");
        assertThat(spec.detectors().get(0).type()).isEqualTo(PiiType.of("ACME_ORDER"));
        assertThat(spec.detectors().get(0).confidence()).isEqualTo(0.9);
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("missing.yaml");
        Problem problem = onlyProblem(() -> LOADER.load(missing));
        assertThat(problem.toString()).isEqualTo(missing + ":1:1: no such file");
    }

    @Test
    void directoryIsNotReadable() {
        Problem problem = onlyProblem(() -> LOADER.load(dir));
        assertThat(problem.message()).startsWith("cannot read file");
    }

    @Test
    void fileTooLarge() throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.write(big, new byte[PolicyLoader.MAX_FILE_BYTES + 1]);
        Problem problem = onlyProblem(() -> LOADER.load(big));
        assertThat(problem.message()).isEqualTo("file is larger than 1048576 bytes (expected: at most 1048576)");
    }

    @Test
    @Timeout(10)
    void anEndlessFileIsRefusedAtTheSizeLimit() {
        // a device or pipe has no size to check first: the limit holds while reading
        Path endless = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(endless));
        Problem problem = onlyProblem(() -> LOADER.load(endless));
        assertThat(problem.toString()).isEqualTo("/dev/zero:1:1: file is larger than 1048576 bytes (expected: at most 1048576)");
    }

    @Test
    @Timeout(5)
    void regexesWhoseCountedRepetitionsExplodeAreRefusedFastWithTheirPosition() {
        String[][] cases = {
            {"((a{1000}){1000}){1000}", "counted repetitions nest to 1000000000 repeats (expected: their counts multiply to at most 1000, as in RE2)"},
            {"(a{1000}){1000}", "counted repetitions nest to 1000000 repeats (expected: their counts multiply to at most 1000, as in RE2)"},
            {"[a-z]{500}[0-9]{500}x", "regex compiles to about 1003 instructions (expected: at most 1000; x{n} counts as n copies of x)"},
        };
        for (String[] c : cases) {
            Problem problem = onlyProblem(() -> LOADER.parse("evil.yaml", """
                    policy: evil
                    brand: acme
                    version: 1
                    fields:
                      - { path: "$.body", action: drop }
                    detectors:
                      - name: EVIL
                        regex: "%s"
                    """.formatted(c[0])));
            assertThat(problem.toString()).isEqualTo("evil.yaml:8:12: detectors[0].regex: " + c[1]);
        }
    }

    @Test
    void regexBudgetCountsCopiesOfRepeatedExpressions() {
        assertThat(RegexBudget.problem("[0-9]{16}")).isEmpty();
        assertThat(RegexBudget.problem("AC-[0-9]{8}|(?i:ref)[ #:]*[A-Z0-9]{6,12}")).isEmpty();
        assertThat(RegexBudget.problem("a{998}")).isEmpty();
        assertThat(RegexBudget.problem("a{999}b")).get().asString().startsWith("regex compiles to about 1001 instructions");
        assertThat(RegexBudget.problem("((a){10}){100}")).get().asString().startsWith("regex compiles to about"); // 1000 repeats: RE2's limit
        assertThat(RegexBudget.problem("((a){10}){101}")).get().asString().startsWith("counted repetitions nest to 1010 repeats");
        // a '{' that does not start a count is a literal, as in RE2; escapes and classes are one instruction
        assertThat(RegexBudget.problem("a{,1000000}\\Q{1000}{1000}\\E[{1000}]\\x{41}\\p{Greek}")).isEmpty();
        // sizes add up across alternatives and saturate instead of overflowing
        assertThat(RegexBudget.problem("x{200}|y{200}|z{200}|w{200}|v{200}")).get().asString().startsWith("regex compiles to about 1009");
        assertThat(RegexBudget.problem("(((a{999}){999}){999}){999}")).get().asString().startsWith("counted repetitions nest to");
    }

    @Test
    void textTooLong() {
        Problem problem = onlyProblem(() -> LOADER.parse("big.yaml", "#".repeat(PolicyLoader.MAX_FILE_BYTES + 1)));
        assertThat(problem.message()).startsWith("policy is 1048577 characters (expected: at most 1048576)");
    }

    @Test
    void notUtf8() throws IOException {
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "policy: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Problem problem = onlyProblem(() -> LOADER.load(latin1));
        assertThat(problem.message()).isEqualTo("not UTF-8 text (expected: a UTF-8 YAML file)");
    }

    @Test
    void problemsPrintLikeACompiler() {
        Problem problem = new Problem("acme.yaml", 12, 5, "fields[3].action", "unknown action 'tokenise'", "tokenize");
        assertThat(problem).hasToString("acme.yaml:12:5: fields[3].action: unknown action 'tokenise'; did you mean 'tokenize'?");
        assertThat(new PolicyException(List.of(problem, problem)).getMessage())
                .isEqualTo("2 problems" + System.lineSeparator() + problem + System.lineSeparator() + problem);
    }

    @Test
    void suggestionsAreCloseNamesOnly() {
        assertThat(Suggestions.closest("feilds", List.of("fields", "views"))).isEqualTo("fields");
        assertThat(Suggestions.closest("EMAL", List.of("EMAIL", "IBAN"))).isEqualTo("EMAIL");
        assertThat(Suggestions.closest("colour", List.of("fields", "views"))).isNull();
        assertThat(Suggestions.distance("tokenise", "tokenize")).isEqualTo(1);
        assertThat(Suggestions.distance("dorp", "drop")).isEqualTo(1);
    }

    @Test
    void repliesDefaultToReplaceAndMayBeRefused() {
        String head = "policy: p\nbrand: acme\nversion: 1\nfields:\n  - { path: \"$.id\", action: keep }\n";
        assertThat(LOADER.parse("a.yaml", head).defaults().replies()).isEqualTo(dev.veil.policy.model.Defaults.Replies.REPLACE);
        assertThat(LOADER.parse("b.yaml", head + "defaults:\n  replies: refuse\n").defaults().replies())
                .isEqualTo(dev.veil.policy.model.Defaults.Replies.REFUSE);
        Problem problem = onlyProblem(() -> LOADER.parse("c.yaml", head + "defaults:\n  replies: refuze\n"));
        assertThat(problem.keyPath()).isEqualTo("defaults.replies");
        assertThat(problem.line()).isEqualTo(7);
        assertThat(problem.suggestion()).isEqualTo("refuse");
    }
}
