package dev.veil.policy.engine;

import static dev.veil.policy.TestPolicies.header;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.policy.TestPolicies;
import dev.veil.policy.compile.CompiledPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EngineLimitsTest {

    private static final CompiledPolicy SCAN_ALL = TestPolicies.compile(header() + """
            defaults:
              scan_actions: {}
            fields:
              - { path: "$", action: scan }
            detectors:
              - { name: SECRET, regex: "s3cr3t[0-9]+" }
            """);

    @Test
    void limitsAreValidatedOnce() {
        assertThatThrownBy(() -> new EngineLimits(0, 64, 10)).hasMessage("maxDocumentBytes: 0 (expected: 1 to 268435456)");
        assertThatThrownBy(() -> EngineLimits.defaults().withMaxDepth(1001)).hasMessage("maxDepth: 1001 (expected: 1 to 1000)");
        assertThatThrownBy(() -> EngineLimits.defaults().withMaxStringLength(0)).hasMessage("maxStringLength: 0 (expected: > 0)");
        assertThat(EngineLimits.defaults()).isEqualTo(new EngineLimits(1 << 20, 64, 262144));
    }

    @Test
    @Timeout(30)
    void aDocumentOfOneMebibyteIsSanitized() {
        StringBuilder json = new StringBuilder("{\"comments\":[");
        int i = 0;
        while (json.length() < (1 << 20) - 200) {
            json.append(i == 0 ? "" : ",").append("{\"body\":\"call me, my code is s3cr3t").append(i).append(" thanks\"}");
            i++;
        }
        json.append("]}");
        byte[] bytes = json.toString().getBytes(UTF_8);
        assertThat(bytes.length).isLessThanOrEqualTo(1 << 20);
        SanitizeResult result = TestPolicies.ENGINE.apply(SCAN_ALL, null, bytes);
        assertThat(result.document().get("comments")).hasSize(i);
        assertThat(TestPolicies.ENGINE.write(result.document())).doesNotContain("s3cr3t");
    }

    @Test
    void aLargerDocumentIsRefusedNamingTheLimit() {
        byte[] bytes = new byte[(1 << 20) + 1];
        assertThatThrownBy(() -> TestPolicies.ENGINE.apply(SCAN_ALL, null, bytes))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo("maxDocumentBytes"))
                .hasMessage("document of 1048577 bytes exceeds maxDocumentBytes = 1048576");
    }

    @Test
    void deepDocumentsAreHandledUpToTheLimitAndRefusedPastIt() {
        PolicyEngine engine = PolicyEngine.of(EngineLimits.defaults().withMaxDepth(10));
        String ten = "[".repeat(10) + "\"s3cr3t1\"" + "]".repeat(10);
        assertThat(engine.write(engine.apply(SCAN_ALL, null, ten.getBytes(UTF_8)).document())).isEqualTo("[".repeat(10) + "\"[SECRET]\"" + "]".repeat(10));
        String eleven = "[" + ten + "]";
        assertThatThrownBy(() -> engine.apply(SCAN_ALL, null, eleven.getBytes(UTF_8)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo("maxDepth"))
                .hasMessageStartingWith("document nests deeper than maxDepth = 10");
        // a tree built in memory is held to the same limit
        JsonNode tree = nest(11);
        assertThatThrownBy(() -> engine.apply(SCAN_ALL, null, tree))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo("maxDepth"));
        assertThat(engine.apply(SCAN_ALL, null, nest(10)).document()).isNotNull();
    }

    @Test
    @Timeout(30)
    void theDefaultDepthLimitHoldsForPathologicalNesting() {
        String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        assertThatThrownBy(() -> TestPolicies.ENGINE.apply(SCAN_ALL, null, deep.getBytes(UTF_8)))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageStartingWith("document nests deeper than maxDepth = 64");
    }

    @Test
    void longStringsAreRefusedNamingTheLimit() {
        PolicyEngine engine = PolicyEngine.of(EngineLimits.defaults().withMaxStringLength(100));
        byte[] json = ("{\"a\":\"" + "x".repeat(101) + "\"}").getBytes(UTF_8);
        assertThatThrownBy(() -> engine.apply(SCAN_ALL, null, json))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo("maxStringLength"))
                .hasMessageContaining("maxStringLength = 100");
        ObjectNode tree = JsonNodeFactory.instance.objectNode().put("a", "x".repeat(101));
        assertThatThrownBy(() -> engine.apply(SCAN_ALL, null, tree))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo("maxStringLength"))
                .hasMessage("a string of 101 characters at $.a exceeds maxStringLength = 100");
    }

    @Test
    void brokenJsonIsRefusedWithItsPositionButNeverItsContent() {
        String secret = "4111111111111111";
        for (String broken : new String[] {"{\"a\": " + secret + "x}", "{\"card\": \"" + secret + "\"", secret + " " + secret, "{'a': 1}", ""}) {
            assertThatThrownBy(() -> TestPolicies.ENGINE.apply(SCAN_ALL, null, broken.getBytes(UTF_8)))
                    .isInstanceOf(InvalidDocumentException.class)
                    .hasMessageStartingWith("document:")
                    .hasMessageNotContaining(secret)
                    .hasMessageNotContaining("'a'");
        }
        assertThatThrownBy(() -> TestPolicies.ENGINE.parse("{\"a\":\n  tru}".getBytes(UTF_8)))
                .hasMessage("document: not well-formed JSON (line 2, column 3)");
    }

    private static JsonNode nest(int depth) {
        JsonNode node = JsonNodeFactory.instance.textNode("s3cr3t9");
        for (int i = 0; i < depth; i++) {
            node = JsonNodeFactory.instance.arrayNode().add(node);
        }
        return node;
    }

}
