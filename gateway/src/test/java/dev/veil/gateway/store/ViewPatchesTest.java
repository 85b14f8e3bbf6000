package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ViewPatchesTest {

    /** Numbers read exactly, as the ticket stores read them (a patch's 1.10 stays 1.10). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final ObjectWriter TREES = JSON.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    /** Member names that need escaping in a pointer, or look like indices, or are empty. */
    private static final String[] NAMES = {"a", "b", "", "a/b", "~", "~1", "0", "12", "é", "text"};

    @Test
    void aPatchTurnsTheBaseIntoTheViewAndLeavesTheBaseAsItWas() throws Exception {
        Random random = new Random(20261130);
        for (int round = 0; round < 3_000; round++) {
            JsonNode base = tree(random, 0);
            JsonNode view = changed(base, random);
            JsonNode before = base.deepCopy();

            JsonNode patch = JSON.readTree(patch(base, view));
            JsonNode applied = ViewPatches.apply(base, patch);

            assertThat(applied).as("round %d", round).isEqualTo(view);
            assertThat(base).as("round %d: the base is not changed", round).isEqualTo(before);
        }
    }

    @Test
    void onlyTheValuesThatDifferAreWrittenWithTheirPointers() throws Exception {
        JsonNode base = JSON.readTree("{\"a/b\":{\"~\":\"4111 1111 1111 1111\",\"keep\":[1,\"x\"]},\"n\":1.10}");
        JsonNode view = JSON.readTree("{\"a/b\":{\"~\":\"4111 **** **** 1111\",\"keep\":[1,\"y\"]},\"n\":1.10}");

        assertThat(patch(base, view)).isEqualTo("[[\"/a~1b/~0\",\"4111 **** **** 1111\"],[\"/a~1b/keep/1\",\"y\"]]");
        assertThat(patch(base, base)).isEqualTo("[]");
        JsonNode renamed = JSON.readTree("{\"other\":1}");
        assertThat(patch(base, renamed)).as("another shape: replaced whole").isEqualTo("[[\"\",{\"other\":1}]]");
    }

    @Test
    void aMalformedPatchIsRefused() throws Exception {
        JsonNode base = JSON.readTree("{\"a\":[1,2]}");
        for (String patch : new String[] {"{}", "[[\"/a\"]]", "[[1,2]]", "[[\"/b\",1]]", "[[\"/a/2\",1]]", "[[\"/a/x\",1]]", "[[\"/a/0/c\",1]]"}) {
            assertThatThrownBy(() -> ViewPatches.apply(base, JSON.readTree(patch))).as(patch).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static String patch(JsonNode base, JsonNode view) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            ViewPatches.write(base, view, TREES, g);
        }
        return out.toString();
    }

    private static JsonNode tree(Random random, int depth) {
        int kind = depth >= 3 ? random.nextInt(5) : random.nextInt(7);
        return switch (kind) {
            case 0 -> NODES.textNode(NAMES[random.nextInt(NAMES.length)] + random.nextInt(3));
            case 1 -> NODES.numberNode(new BigDecimal(random.nextInt(100) + "." + random.nextInt(3) + "0"));
            case 2 -> NODES.numberNode(java.math.BigInteger.valueOf(random.nextInt(5)));
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> {
                ObjectNode o = NODES.objectNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    o.set(NAMES[random.nextInt(NAMES.length)], tree(random, depth + 1));
                }
                yield o;
            }
            default -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(tree(random, depth + 1));
                }
                yield a;
            }
        };
    }

    /** A copy of {@code base} with a few values, members or elements replaced, added or removed. */
    private static JsonNode changed(JsonNode base, Random random) {
        JsonNode view = base.deepCopy();
        if (random.nextInt(10) == 0) {
            return random.nextBoolean() ? view : tree(random, 0);
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(view, containers);
        if (containers.isEmpty()) {
            return tree(random, 0);
        }
        for (int changes = 1 + random.nextInt(3); changes > 0; changes--) {
            JsonNode c = containers.get(random.nextInt(containers.size()));
            if (c instanceof ObjectNode o) {
                String name = NAMES[random.nextInt(NAMES.length)];
                switch (random.nextInt(3)) {
                    case 0 -> o.set(name, tree(random, 2)); // replaced, or added at the end
                    case 1 -> o.remove(name);
                    default -> {
                        if (o.has(name)) {
                            o.set(name, NODES.textNode("masked"));
                        }
                    }
                }
            } else if (c instanceof ArrayNode a) {
                if (a.size() > 0 && random.nextBoolean()) {
                    a.set(random.nextInt(a.size()), tree(random, 2));
                } else {
                    a.add(tree(random, 3));
                }
            }
        }
        return view;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }
}
