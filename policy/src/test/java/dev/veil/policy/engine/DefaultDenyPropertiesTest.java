package dev.veil.policy.engine;

import static dev.veil.policy.TestPolicies.ENGINE;
import static dev.veil.policy.TestPolicies.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.policy.TestPolicies;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.tokenizer.error.SafeErrors;
import dev.veil.tokenizer.error.VeilException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random JSON documents, nested any way, seeded with known personal data wherever the policy does
 * not explicitly keep values, member names included: no seeded value may appear anywhere in the
 * output, nor in the text of any exception thrown while reading or sanitizing a document.
 */
class DefaultDenyPropertiesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> SEEDS = List.of(
            "ann.lee@example.com", "jose.ruiz@example.com", "4111111111111111", "5555555555554444",
            "+34 612 345 678", "+1 415 555 0132", "ES9121000418450200051332", "123-45-6789", "Ann Lee", "Jose Ruiz");
    private static final List<Long> NUMBER_SEEDS = List.of(4111111111111111L, 5555555555554444L);

    /** Keys whose values the policy keeps as they are: never given personal data. */
    private static final Set<String> KEPT = Set.of("id", "status");
    private static final List<String> KEYS = List.of(
            "id", "status", "email", "card", "phone", "name", "body", "address", "notes", "misc", "data", "items", "x");

    private static final String POLICY = header() + """
            defaults:
              unknown_fields: %s
              scan_actions: {}
            tokens:
              contact: { format: random, prefix: "ctc_", convergent: true }
              card: { format: fpe-card, keep_last: 4 }
            fields:
              - { path: "$..id", action: keep }
              - { path: "$..status", action: keep }
              - { path: "$..email", action: tokenize, token: contact }
              - { path: "$..card", action: tokenize, token: card }
              - { path: "$..phone", action: mask, keep_last: 2 }
              - { path: "$..name", action: pseudonymize }
              - { path: "$..address", action: redact }
              - { path: "$..body", action: scan }
              - { path: "$..notes", action: scan }
            detectors:
              - { name: EMAILS, regex: "[a-z.]+@example[.]com", token: contact }
              - { name: CARDS, regex: "[45][0-9]{15}", token: card }
              - { name: PHONES, regex: "[+][0-9]{1,2}( [0-9]{3}){2} [0-9]{3,4}", action: mask }
              - { name: IBANS, regex: "ES[0-9]{22}" }
              - { name: SSNS, regex: "[0-9]{3}-[0-9]{2}-[0-9]{4}" }
              - { name: NAMES, regex: "(Ann|Jose) [A-Z][a-z]+" }
            """;

    private static final Map<Boolean, CompiledPolicy> POLICIES = Map.of(
            false, TestPolicies.compile(POLICY.formatted("drop")),
            true, TestPolicies.compile(POLICY.formatted("redact")));

    @Property(tries = 500)
    void noSeededValueReachesTheOutput(@ForAll("documents") JsonNode document, @ForAll boolean redactUnknown) {
        String output = ENGINE.write(ENGINE.apply(POLICIES.get(redactUnknown), null, document).document());
        for (String seed : SEEDS) {
            assertThat(output).doesNotContain(seed);
        }
    }

    /**
     * The same documents as JSON text, broken one way or another and read under tight limits: every
     * failure is a {@link VeilException} whose text holds no seeded value, and every success still
     * leaks none.
     */
    @Property(tries = 500)
    void noSeededValueReachesAnExceptionMessage(@ForAll("documents") JsonNode document, @ForAll("breakages") Breakage breakage,
            @ForAll boolean redactUnknown) {
        Random random = new Random(breakage.seed());
        String seed = SEEDS.get(random.nextInt(SEEDS.size()));
        String json = ENGINE.write(document);
        String broken = switch (breakage.kind()) {
            case 0 -> json.substring(0, random.nextInt(json.length() + 1));
            case 1 -> "{\"" + seed + "\":1,\"" + seed + "\":" + json + "}";
            case 2 -> json + " " + seed;
            case 3 -> "{\"" + seed + "\":\"" + seed + "\\ud800\",\"x\":" + json + "}";
            case 4 -> "{\"n\":" + NUMBER_SEEDS.get(random.nextInt(NUMBER_SEEDS.size())) + "e" + seed.replaceAll("[^0-9]", "1") + ",\"x\":" + json + "}";
            default -> json;
        };
        PolicyEngine engine = PolicyEngine.of(new EngineLimits(10 + random.nextInt(600), 1 + random.nextInt(8), 3 + random.nextInt(40)));
        String output;
        try {
            output = engine.write(engine.apply(POLICIES.get(redactUnknown), null, broken.getBytes(StandardCharsets.UTF_8)).document());
        } catch (RuntimeException e) {
            assertThat(e).isInstanceOf(VeilException.class);
            for (String text : new String[] {e.getMessage(), e.toString(), SafeErrors.describe(e).detail()}) {
                for (String s : SEEDS) {
                    assertThat(text).doesNotContain(s);
                }
                for (Long n : NUMBER_SEEDS) {
                    assertThat(text).doesNotContain(n.toString());
                }
            }
            return;
        }
        for (String s : SEEDS) {
            assertThat(output).doesNotContain(s);
        }
    }

    /** How a document is broken: 0 truncated, 1 a duplicate key, 2 trailing text, 3 a lone surrogate, 4 a long number, else intact. */
    record Breakage(int kind, long seed) {}

    @Provide
    Arbitrary<Breakage> breakages() {
        return Arbitraries.randomValue(random -> new Breakage(random.nextInt(7), random.nextLong()));
    }

    /** Documents built from jqwik's random source: reproducible from the reported seed, not shrunk. */
    @Provide
    Arbitrary<JsonNode> documents() {
        return Arbitraries.randomValue(random -> object(random, 0));
    }

    private static JsonNode value(Random random, String key, int depth) {
        if (KEPT.contains(key)) {
            return safeScalar(random);
        }
        int pick = random.nextInt(8);
        if (depth >= 7 || pick < 6) {
            return leaf(random);
        }
        return pick == 6 ? object(random, depth + 1) : array(random, depth + 1);
    }

    private static JsonNode object(Random random, int depth) {
        ObjectNode node = NODES.objectNode();
        for (int i = random.nextInt(6); i > 0; i--) {
            // one name in four is personal data: a CRM may key a map by email address or card number
            String key = random.nextInt(4) == 0 ? SEEDS.get(random.nextInt(SEEDS.size())) : KEYS.get(random.nextInt(KEYS.size()));
            node.set(key, value(random, key, depth));
        }
        return node;
    }

    private static JsonNode array(Random random, int depth) {
        ArrayNode node = NODES.arrayNode();
        for (int i = random.nextInt(5); i > 0; i--) {
            node.add(random.nextBoolean() ? value(random, "x", depth) : object(random, depth));
        }
        return node;
    }

    private static JsonNode leaf(Random random) {
        String seed = SEEDS.get(random.nextInt(SEEDS.size()));
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> safeScalar(random);
            case 3, 4, 5 -> NODES.textNode(seed);
            case 6 -> NODES.numberNode(NUMBER_SEEDS.get(random.nextInt(NUMBER_SEEDS.size())));
            default -> NODES.textNode(words(random) + " " + seed + ", " + words(random));
        };
    }

    private static JsonNode safeScalar(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> NODES.textNode(words(random));
            case 1 -> NODES.numberNode(random.nextInt(10_000));
            case 2 -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.nullNode();
        };
    }

    private static String words(Random random) {
        char[] text = new char[random.nextInt(13)];
        for (int i = 0; i < text.length; i++) {
            text[i] = "abcdefghij ".charAt(random.nextInt(11));
        }
        return new String(text);
    }
}
