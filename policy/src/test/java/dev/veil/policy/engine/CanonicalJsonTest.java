package dev.veil.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The direct canonical writer against Jackson's writing of a sorted copy, the form it replaced. */
class CanonicalJsonTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Characters that escaping treats differently: controls, quote, backslash, DEL, Latin-1, line separators, surrogates. */
    private static final String SPECIAL = "\u0000\u0001\b\t\n\u000B\f\r\u001F \"\\/'\u007F\u0080\u00A0\u00E9\u2028\u2029\uD83D\uDE00\uFFFF";

    @Test
    void writesWhatJacksonWritesOfTheSortedTree() {
        Random random = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            JsonNode tree = tree(random, 0);
            assertThat(CanonicalJson.write(tree)).as("tree %d", i).isEqualTo(Values.canonicalByJackson(tree));
        }
    }

    @Test
    void parsedDocumentsAreWrittenDirectly() {
        DocumentReader reader = new DocumentReader(EngineLimits.defaults(), NODES);
        JsonNode parsed = reader.read("""
                {"b": [1, -2.5e3, true, null, "x\\u0001\\"y"], "a": {"z": {}, "y": []}, "\\u00e9": "caf\\u00e9"}
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(CanonicalJson.write(parsed))
                .isEqualTo("{\"a\":{\"y\":[],\"z\":{}},\"b\":[1,-2.5e3,true,null,\"x\\u0001\\\"y\"],\"é\":\"café\"}")
                .isEqualTo(Values.canonicalByJackson(parsed));
    }

    @Test
    void otherNodeKindsGoThroughJackson() {
        ObjectNode tree = NODES.objectNode();
        tree.put("n", 12).put("d", 1.5).putArray("l").add(7L);
        assertThat(CanonicalJson.write(tree)).isNull();
        assertThat(Values.canonical(tree)).isEqualTo("{\"d\":1.5,\"l\":[7],\"n\":12}");
    }

    private static JsonNode tree(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 7);
        switch (kind) {
            case 0:
                return NODES.textNode(text(random));
            case 1:
                return new TextNumberNode(random.nextBoolean() ? Integer.toString(random.nextInt()) : random.nextInt(1000) + ".5e-" + random.nextInt(9),
                        random.nextBoolean());
            case 2:
                return NODES.booleanNode(random.nextBoolean());
            case 3:
                return NODES.nullNode();
            case 4:
                return NODES.textNode("");
            case 5: {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(tree(random, depth + 1));
                }
                return array;
            }
            default: {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.set(text(random), tree(random, depth + 1));
                }
                return object;
            }
        }
    }

    private static String text(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            int pick = random.nextInt(4);
            out.append(pick == 0 ? SPECIAL.charAt(random.nextInt(SPECIAL.length()))
                    : pick == 1 ? (char) random.nextInt(0x80)
                    : pick == 2 ? (char) ('a' + random.nextInt(6))
                    : (char) random.nextInt(0x10000));
        }
        return out.toString();
    }
}
