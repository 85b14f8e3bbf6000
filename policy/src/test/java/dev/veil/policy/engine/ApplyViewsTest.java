package dev.veil.policy.engine;

import static dev.veil.policy.TestPolicies.ENGINE;
import static dev.veil.policy.TestPolicies.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.policy.RepoFiles;
import dev.veil.policy.TestPolicies;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.PolicyCompiler;
import dev.veil.tokenizer.detect.Detector;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** {@link PolicyEngine#applyViews} gives what separate {@code apply} calls give, scanning each text once. */
class ApplyViewsTest {

    @Test
    void everyViewIsByteForByteWhatSeparateApplyCallsGiveOverTheExamplePoliciesAndGeneratedTickets() throws IOException {
        List<byte[]> tickets = EngineOutputRegressionTest.tickets();
        int compared = 0;
        int viewsSeen = 0;
        for (Path file : RepoFiles.examplePolicies()) {
            // two compilers in the same state (keys, seeded random, empty token store): one per side
            CompiledPolicy separately = TestPolicies.compiler(DetectorRegistry.defaults()).load(file);
            CompiledPolicy together = TestPolicies.compiler(DetectorRegistry.defaults()).load(file);
            List<String> views = new ArrayList<>();
            views.add(null);
            views.addAll(new TreeSet<>(separately.views()));
            viewsSeen += views.size() - 1;
            for (byte[] ticket : tickets) {
                JsonNode document = ENGINE.parse(ticket);
                String before = ENGINE.write(document);
                Map<String, SanitizeResult> shared = ENGINE.applyViews(together, views, document);
                assertThat(shared.keySet()).containsExactlyElementsOf(views);
                for (String view : views) {
                    SanitizeResult expected = ENGINE.apply(separately, view, document);
                    SanitizeResult actual = shared.get(view);
                    assertThat(bytes(ENGINE.write(actual.document())))
                            .as("%s view %s document", file.getFileName(), view).isEqualTo(bytes(ENGINE.write(expected.document())));
                    assertThat(bytes(actual.report().toString()))
                            .as("%s view %s report", file.getFileName(), view).isEqualTo(bytes(expected.report().toString()));
                    compared++;
                }
                assertThat(ENGINE.write(document)).isEqualTo(before);
            }
        }
        assertThat(viewsSeen).as("named views among the example policies").isPositive();
        assertThat(compared).isGreaterThan(2 * tickets.size());
    }

    @Test
    void eachTextIsScannedOnceForAllViewsOfADocument() {
        Counting detector = new Counting();
        CompiledPolicy policy = countingPolicy(detector);
        JsonNode document = ENGINE.parse(bytes("{\"a\": \"one WORD here\", \"b\": \"another WORD\", \"c\": \"one WORD here\"}"));
        List<String> views = Arrays.asList(null, "senior", "lead");

        for (String view : views) {
            ENGINE.apply(policy, view, document);
        }
        Map<String, Integer> separately = Map.copyOf(detector.calls);
        detector.calls.clear();
        Map<String, SanitizeResult> shared = ENGINE.applyViews(policy, views, document);

        // separately: once per view; within one view a text that recurs (a and c under lead) is scanned once
        assertThat(separately).containsEntry("one WORD here", 3).containsEntry("another WORD", 2);
        assertThat(detector.calls).containsEntry("one WORD here", 1).containsEntry("another WORD", 1);
        assertThat(ENGINE.write(shared.get(null).document())).isEqualTo("{\"a\":\"one [COUNTED] here\"}");
        assertThat(ENGINE.write(shared.get("senior").document()))
                .isEqualTo("{\"a\":\"one [COUNTED] here\",\"b\":\"another [COUNTED]\"}");
        assertThat(ENGINE.write(shared.get("lead").document()))
                .isEqualTo("{\"a\":\"one [COUNTED] here\",\"b\":\"another [COUNTED]\",\"c\":\"one [COUNTED] here\"}");
    }

    @Test
    void applyScansATextThatRecursInTheDocumentOnceAndRemembersNothingForTheNextCall() {
        Counting detector = new Counting();
        CompiledPolicy policy = countingPolicy(detector);
        JsonNode document = ENGINE.parse(bytes("{\"a\": \"one WORD here\", \"b\": \"another WORD\", \"c\": \"one WORD here\"}"));

        SanitizeResult first = ENGINE.apply(policy, "lead", document);
        SanitizeResult second = ENGINE.apply(policy, "lead", document);

        assertThat(detector.calls).containsEntry("one WORD here", 2).containsEntry("another WORD", 2);
        String expected = "{\"a\":\"one [COUNTED] here\",\"b\":\"another [COUNTED]\",\"c\":\"one [COUNTED] here\"}";
        assertThat(ENGINE.write(first.document())).isEqualTo(expected);
        assertThat(ENGINE.write(second.document())).isEqualTo(expected);
        // each occurrence is still reported on its own
        assertThat(first.report().count("COUNTED", dev.veil.policy.model.Action.REDACT)).isEqualTo(3);
    }

    @Test
    void nothingIsRememberedFromOneCallToTheNext() {
        Counting detector = new Counting();
        CompiledPolicy policy = countingPolicy(detector);
        JsonNode document = ENGINE.parse(bytes("{\"a\": \"one WORD here\"}"));
        ENGINE.applyViews(policy, Arrays.asList(null, "senior"), document);
        ENGINE.applyViews(policy, Arrays.asList(null, "senior"), document);
        assertThat(detector.calls).containsEntry("one WORD here", 2);
    }

    @Test
    void anUnknownOrRepeatedViewIsRefusedBeforeAnyIsApplied() {
        Counting detector = new Counting();
        CompiledPolicy policy = countingPolicy(detector);
        JsonNode document = ENGINE.parse(bytes("{\"a\": \"one WORD here\"}"));
        assertThatThrownBy(() -> ENGINE.applyViews(policy, Arrays.asList(null, "nobody"), document))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ENGINE.applyViews(policy, Arrays.asList("senior", null, "senior"), document))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThat(detector.calls).isEmpty();
    }

    @Test
    void aMemberNameHoldingPersonalDataIsScannedOnceMoreForItsNewNameAndTheReport() {
        Counting detector = new Counting();
        PolicyCompiler compiler = TestPolicies.compiler(DetectorRegistry.builder().add(detector).build());
        CompiledPolicy policy = compiler.compile(compiler.loader().parse("t.yaml", header() + """
                defaults:
                  scan: [COUNTED]
                  scan_actions: {}
                  pii_keys: replace
                fields:
                  - { path: "$.a", action: keep, trust: true }
                """));
        SanitizeResult result = ENGINE.apply(policy, null, ENGINE.parse(bytes("{\"a\": {\"my WORD key\": \"x\"}}")));

        assertThat(ENGINE.write(result.document())).isEqualTo("{\"a\":{\"my [COUNTED] key\":\"x\"}}");
        assertThat(result.report().toString()).contains("COUNTED");
        // once to tell that the name holds something, once for both its new name and the report
        assertThat(detector.calls).containsEntry("my WORD key", 2);
    }

    private static CompiledPolicy countingPolicy(Detector detector) {
        PolicyCompiler compiler = TestPolicies.compiler(DetectorRegistry.builder().add(detector).build());
        return compiler.compile(compiler.loader().parse("t.yaml", header() + """
                defaults:
                  scan: [COUNTED]
                  scan_actions: {}
                fields:
                  - { path: "$.a", action: scan }
                views:
                  senior:
                    "$.b": scan
                  lead:
                    "$.b": scan
                    "$.c": scan
                """));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Finds the word WORD and counts the texts it is asked about. */
    private static final class Counting implements Detector {

        private static final PiiType TYPE = PiiType.of("COUNTED");
        final Map<String, Integer> calls = new ConcurrentHashMap<>();

        @Override
        public PiiType type() {
            return TYPE;
        }

        @Override
        public void detect(String text, List<Span> out) {
            calls.merge(text, 1, Integer::sum);
            for (int at = text.indexOf("WORD"); at >= 0; at = text.indexOf("WORD", at + 1)) {
                out.add(new Span(TYPE, at, at + 4, 0.9));
            }
        }
    }
}
