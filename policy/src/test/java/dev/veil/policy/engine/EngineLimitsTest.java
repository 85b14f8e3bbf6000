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
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("maxDocumentBytes");
                    assertThat(e.code()).isEqualTo("document_too_large");
                })
                .hasMessage("document of 1048577 bytes exceeds maxDocumentBytes = 1048576");
    }

    @Test
    void deepDocumentsAreHandledUpToTheLimitAndRefusedPastIt() {
        PolicyEngine engine = PolicyEngine.of(EngineLimits.defaults().withMaxDepth(10));
        String ten = "[".repeat(10) + "\"s3cr3t1\"" + "]".repeat(10);
        assertThat(engine.write(engine.apply(SCAN_ALL, null, ten.getBytes(UTF_8)).document())).isEqualTo("[".repeat(10) + "\"[SECRET]\"" + "]".repeat(10));
        String eleven = "[" + ten + "]";
        assertThatThrownBy(() -> engine.apply(SCAN_ALL, null, eleven.getBytes(UTF_8)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("maxDepth");
                    assertThat(e.code()).isEqualTo("too_deep");
                })
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
        // member names are data: the path in the message shows only the shape
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.putObject("ann.lee@example.com").putArray("4111111111111111").add(1).addObject().put("Ann Lee", "x".repeat(101));
        assertThatThrownBy(() -> engine.apply(SCAN_ALL, null, tree))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("maxStringLength");
                    assertThat(e.code()).isEqualTo("string_too_long");
                })
                .hasMessage("a string of 101 characters at $.*.*[1].* exceeds maxStringLength = 100");
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
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.code()).isEqualTo("invalid_json"))
                .hasMessage("document: not well-formed JSON (line 2, column 3)");
        assertThatThrownBy(() -> TestPolicies.ENGINE.parse(new byte[0]))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.code()).isEqualTo("empty_document"));
    }

    @Test
    @Timeout(10)
    void hugeExponentsAreKeptAsTheTextTheyWereSentAs() {
        for (String number : new String[] {"1e999999999", "1e2147483647", "-1E-2147483648", "1.5e+99999999999999"}) {
            byte[] json = ("{\"ticket\":{\"id\":1,\"subject\":" + number + "}}").getBytes(UTF_8);
            JsonNode parsed = TestPolicies.ENGINE.parse(json);
            assertThat(parsed.get("ticket").get("subject").isNumber()).isTrue();
            assertThat(TestPolicies.ENGINE.write(parsed)).isEqualTo("{\"ticket\":{\"id\":1,\"subject\":" + number + "}}");
            // scanned (and so turned into text) as written: eleven characters, not a billion digits
            assertThat(TestPolicies.ENGINE.write(TestPolicies.ENGINE.apply(SCAN_ALL, null, json).document()))
                    .isEqualTo("{\"ticket\":{\"id\":1,\"subject\":" + number + "}}");
        }
    }

    @Test
    void numbersAreHeldToTheStringLengthLimit() {
        PolicyEngine engine = PolicyEngine.of(EngineLimits.defaults().withMaxStringLength(100));
        assertThat(engine.parse(("[" + "9".repeat(100) + "]").getBytes(UTF_8)).get(0).asText()).hasSize(100);
        // far longer numbers make Jackson check its text buffer before the number ends, with a message about strings
        for (String number : new String[] {"9".repeat(101), "1." + "5".repeat(100), "1e" + "9".repeat(100), "-" + "9".repeat(100_000),
                "1." + "5".repeat(100_000), "1e" + "9".repeat(100_000)}) {
            assertThatThrownBy(() -> engine.apply(SCAN_ALL, null, ("{\"n\":" + number + "}").getBytes(UTF_8)))
                    .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                        assertThat(e.code()).isEqualTo("number_too_long");
                        assertThat(e.limit()).isEqualTo("maxStringLength");
                    })
                    .hasMessageStartingWith("document holds a number longer than maxStringLength = 100")
                    .hasMessageNotContaining("999");
        }
    }

    @Test
    void longStringsOfDigitsAreStringsNotNumbers() {
        PolicyEngine engine = PolicyEngine.of(EngineLimits.defaults().withMaxStringLength(100));
        for (String json : new String[] {"{\"n\":\"" + "9".repeat(101) + "\"}", "[\"" + "9".repeat(100_000) + "\"]",
                "[\"a\\\"\", 1, \"" + "9".repeat(100_000) + "\"]"}) {
            assertThatThrownBy(() -> engine.parse(json.getBytes(UTF_8)))
                    .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.code()).isEqualTo("string_too_long"))
                    .hasMessageStartingWith("document holds a string longer than maxStringLength = 100");
        }
    }

    @Test
    void duplicateMemberNamesAreRefusedWithAShapeOnlyPath() {
        String json = "{\"ticket\":{\"comments\":[{\"ann.lee@example.com\":\"a\",\"ann.lee@example.com\":\"4111111111111111\"}]}}";
        assertThatThrownBy(() -> TestPolicies.ENGINE.apply(SCAN_ALL, null, json.getBytes(UTF_8)))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.code()).isEqualTo("duplicate_key"))
                .hasMessageStartingWith("document: a member name appears twice in the object at $.*.*[0]")
                .hasMessageNotContaining("ann.lee")
                .hasMessageNotContaining("4111");
        // the same name in different objects is fine
        assertThat(TestPolicies.ENGINE.parse("[{\"a\":1},{\"a\":2}]".getBytes(UTF_8))).hasSize(2);
    }

    @Test
    void aRefusedValueIsPlacedByTheShapeOfItsPath() {
        // the path is read from the parser's record when the error is made: after a nested value too
        assertThatThrownBy(() -> TestPolicies.ENGINE.parse("{\"t\":[1,{\"a\":{\"x\":[2]},\"a\":3}]}".getBytes(UTF_8)))
                .hasMessageStartingWith("document: a member name appears twice in the object at $.*[1] ");
        assertThatThrownBy(() -> TestPolicies.ENGINE.parse("{\"a\":{\"b\":1},\"a\":2}".getBytes(UTF_8)))
                .hasMessageStartingWith("document: a member name appears twice in the object at $ ");
        assertThatThrownBy(() -> TestPolicies.ENGINE.parse("{\"t\":[\"ok\",{\"b\":[0,\"x\\ud800\"]}]}".getBytes(UTF_8)))
                .hasMessage("document: a string or member name at $.*[1].*[1] holds a lone surrogate (expected: Unicode text)");
        assertThatThrownBy(() -> TestPolicies.ENGINE.parse("\"\\udc00\"".getBytes(UTF_8)))
                .hasMessage("document: a string or member name at $ holds a lone surrogate (expected: Unicode text)");
    }

    @Test
    void loneSurrogatesAreRefusedAndPairsAccepted() {
        assertThat(TestPolicies.ENGINE.parse("{\"a\":\"\\ud83d\\ude00\"}".getBytes(UTF_8)).get("a").textValue()).isEqualTo("\ud83d\ude00");
        for (String json : new String[] {"{\"a\":\"x\\ud800\"}", "{\"a\":\"\\udc00y\"}", "{\"\\ud800\":1}"}) {
            assertThatThrownBy(() -> TestPolicies.ENGINE.parse(json.getBytes(UTF_8)))
                    .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.code()).isEqualTo("invalid_text"))
                    .hasMessageContaining("lone surrogate");
        }
        // malformed UTF-8 is not JSON text
        byte[] malformed = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
        assertThatThrownBy(() -> TestPolicies.ENGINE.parse(malformed))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.code()).isEqualTo("invalid_json"));
    }

    @Test
    void aLeadingByteOrderMarkIsSkipped() {
        byte[] json = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '"', 'a', '"', ':', '1', '}'};
        assertThat(TestPolicies.ENGINE.write(TestPolicies.ENGINE.parse(json))).isEqualTo("{\"a\":1}");
    }

    @Test
    void streamsAreReadOnlyUpToTheLimit() throws Exception {
        PolicyEngine engine = PolicyEngine.of(EngineLimits.defaults().withMaxDocumentBytes(1000));
        // an endless stream: refused after 1001 bytes, never read whole
        var endless = new java.io.InputStream() {
            long read;

            @Override
            public int read() {
                read++;
                return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                read += len;
                java.util.Arrays.fill(b, off, off + len, (byte) ' ');
                return len;
            }
        };
        assertThatThrownBy(() -> engine.parse(endless))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.code()).isEqualTo("document_too_large"))
                .hasMessage("document of more than 1000 bytes exceeds maxDocumentBytes = 1000");
        assertThat(endless.read).isEqualTo(1001);
        assertThat(engine.parse(new java.io.ByteArrayInputStream("{\"a\":[1,2]}".getBytes(UTF_8))).get("a")).hasSize(2);
    }

    private static JsonNode nest(int depth) {
        JsonNode node = JsonNodeFactory.instance.textNode("s3cr3t9");
        for (int i = 0; i < depth; i++) {
            node = JsonNodeFactory.instance.arrayNode().add(node);
        }
        return node;
    }

}
