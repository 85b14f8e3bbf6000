package dev.veil.policy.compile;

import static dev.veil.policy.TestPolicies.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.veil.policy.TestPolicies;
import dev.veil.policy.load.BrokenPolicyTest;
import dev.veil.policy.load.PolicyException;
import dev.veil.policy.model.Action;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyCompilerTest {

    /** Built-in detectors for these tests: real regex detectors standing where the default registry's would. */
    static DetectorRegistry builtIns() {
        return DetectorRegistry.builder()
                .add(RegexDetector.of(PiiType.EMAIL, "[a-z.]+@[a-z]+[.][a-z]+", 0.9))
                .add(RegexDetector.of(PiiType.CARD_NUMBER, "[0-9]{16}", 0.9))
                .add(RegexDetector.of(PiiType.PHONE, "[+][0-9 ]{8,}[0-9]", 0.8))
                .build();
    }

    @Test
    void formatsRejectingTheirOptionsAreReportedAtTheProfileOrRule() throws Exception {
        Path file = Path.of(PolicyCompilerTest.class.getResource("/broken/compile-options.yaml").toURI());
        PolicyCompiler compiler = TestPolicies.compiler(builtIns());
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> compiler.load(file));
        assertThat(e).isNotNull();
        BrokenPolicyTest.assertProblems(file, e.problems());
    }

    @Test
    void plansRankViewRulesThenProtectionThenSpecificity() {
        CompiledPolicy policy = TestPolicies.compile(header() + """
                fields:
                  - { path: "$.a.*", action: keep }
                  - { path: "$.a.b", action: mask }
                  - { path: "$..b", action: mask }
                  - { path: "$..c", action: drop }
                views:
                  v: { "$.a.b": keep }
                """);
        assertThat(policy.plan(null).rules()).extracting(CompiledRule::source)
                .containsExactly("fields[3]", "fields[1]", "fields[2]", "fields[0]");
        assertThat(policy.plan("v").rules()).extracting(CompiledRule::source)
                .containsExactly("views.v['$.a.b']", "fields[3]", "fields[1]", "fields[2]", "fields[0]");
        assertThat(policy.plan("v").rules().get(0).action()).isEqualTo(Action.KEEP);
    }

    @Test
    void policyDetectorsJoinTheBuiltInsForScan() {
        PolicyCompiler compiler = TestPolicies.compiler(builtIns());
        CompiledPolicy policy = compiler.compile(compiler.loader().parse("t.yaml", header() + """
                defaults:
                  scan: [EMAIL]
                fields:
                  - { path: "$.body", action: scan }
                detectors:
                  - { name: ACME_ORDER, regex: "AC-[0-9]{8}", action: keep }
                """));
        assertThat(policy.scanner().types()).containsExactly(PiiType.EMAIL, PiiType.of("ACME_ORDER"));
        List<Span> spans = policy.scanner().detect("order AC-12345678 from ann@example.com, card 4111111111111111");
        assertThat(spans).extracting(Span::type).containsExactly(PiiType.of("ACME_ORDER"), PiiType.EMAIL);
        assertThat(policy.spanRule(PiiType.of("ACME_ORDER")).action()).isEqualTo(Action.KEEP);
        assertThat(policy.spanRule(PiiType.EMAIL).action()).isEqualTo(Action.REDACT);
        assertThatThrownBy(() -> policy.spanRule(PiiType.CARD_NUMBER)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overlapsBetweenBuiltInAndPolicyDetectorsGoToTheMoreConfident() {
        PolicyCompiler compiler = TestPolicies.compiler(builtIns());
        String text = "call +1 555 0100 now";
        for (String confidence : new String[] {"1.0", "0.5"}) {
            CompiledPolicy policy = compiler.compile(compiler.loader().parse("t.yaml", header() + """
                    defaults:
                      scan: [PHONE]
                    fields: []
                    detectors:
                      - { name: SWITCHBOARD, regex: "1 555 [0-9]{4}", confidence: %s }
                    """.formatted(confidence)));
            assertThat(policy.scanner().detect(text)).singleElement().extracting(Span::type)
                    .isEqualTo(confidence.equals("1.0") ? PiiType.of("SWITCHBOARD") : PiiType.PHONE);
        }
    }

    @Test
    void regexDetectorsFindEveryNonEmptyMatch() {
        RegexDetector detector = RegexDetector.of(PiiType.of("CODE"), "X[0-9]*", 0.5);
        List<Span> spans = new ArrayList<>();
        detector.detect("X1 XX22 X", spans);
        assertThat(spans).extracting(Span::start, Span::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, 2), org.assertj.core.groups.Tuple.tuple(3, 4),
                org.assertj.core.groups.Tuple.tuple(4, 7), org.assertj.core.groups.Tuple.tuple(8, 9));
        assertThatThrownBy(() -> RegexDetector.of(PiiType.of("CODE"), "x", 1.5)).hasMessage("confidence: 1.5 (expected: 0 to 1)");
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void aPolicyRegexCannotBacktrackCatastrophically() {
        RegexDetector detector = RegexDetector.of(PiiType.of("EVIL"), "(a+)+b", 1.0);
        List<Span> spans = new ArrayList<>();
        detector.detect("a".repeat(100_000) + "c", spans);
        assertThat(spans).isEmpty();
    }

    @Test
    void unknownAudiencesAreNamed() {
        CompiledPolicy policy = TestPolicies.compile(header() + "fields: []\n");
        assertThatThrownBy(() -> policy.revealable("crm")).hasMessage("audience: crm (expected one of: none, policy test reveals nothing)");
        assertThatThrownBy(() -> policy.plan("senior")).hasMessage("view: senior (expected one of: none, policy test defines no views)");
    }
}
