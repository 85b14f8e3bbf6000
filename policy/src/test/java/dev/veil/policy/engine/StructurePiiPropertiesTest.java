package dev.veil.policy.engine;

import static dev.veil.policy.TestPolicies.ENGINE;
import static dev.veil.policy.TestPolicies.header;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.policy.TestPolicies;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.PolicyCompiler;
import dev.veil.tokenizer.detect.DetectorRegistry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A checksum-valid card number, IBAN or DNI, generated afresh each try, seeded in a member name
 * under a scanned field, sent as a number (integer or float), or put anywhere under a keep of a
 * whole object: under a default-deny policy that scans for its type, it never reaches the output,
 * whichever way the policy treats member names.
 */
class StructurePiiPropertiesTest {

    private static final PolicyCompiler COMPILER = TestPolicies.compiler(DetectorRegistry.defaults());
    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    // values glued to a word ("card:4111...") are the detectors' business (normalization), not the structure's

    /** A seeded value: its text and whether it can be sent as a JSON number. */
    record Seed(String text, boolean numeric) {}

    @Provide
    Arbitrary<Seed> seeds() {
        Arbitrary<Seed> card = Arbitraries.strings().numeric().ofLength(14).map(body -> {
            String payload = "4" + body;
            return new Seed(payload + dev.veil.tokenizer.token.Luhn.checkDigit(payload), true);
        });
        Arbitrary<Seed> iban = Arbitraries.strings().numeric().ofLength(20).map(bban -> {
            int check = 98 - new java.math.BigInteger(bban + "142800").mod(java.math.BigInteger.valueOf(97)).intValue();
            return new Seed("ES" + (check < 10 ? "0" : "") + check + bban, false);
        });
        Arbitrary<Seed> dni = Arbitraries.integers().between(10_000_000, 99_999_999)
                .map(n -> new Seed(n + "" + DNI_LETTERS.charAt(n % 23), false));
        return Arbitraries.oneOf(card, iban, dni);
    }

    @Property(tries = 150)
    void seededValuesInStructureNeverReachTheOutput(@ForAll("seeds") Seed seed, @ForAll boolean replaceKeys,
            @ForAll("places") String place, @ForAll("words") String word) {
        String value = seed.text();
        String json = switch (place) {
            case "key" -> "{\"notes\": {\"" + word + " " + value + "\": \"on file\"}}";
            case "nested key" -> "{\"notes\": [{\"x\": {\"" + value + "\": {\"" + value + "\": 1}}}]}";
            case "number" -> seed.numeric() ? "{\"notes\": " + value + "}" : "{\"notes\": \"" + value + "\"}";
            case "float" -> seed.numeric() ? "{\"notes\": [" + value + ".0, " + value + ".00]}" : "{\"notes\": \"" + word + " " + value + "\"}";
            case "kept object" -> "{\"kept\": {\"a\": {\"b\": [\"" + word + " " + value + "\", {\"c\": \"" + value + "\"}]}}}";
            default -> "{\"kept\": {\"n\": " + (seed.numeric() ? value + ".0" : "\"" + value + "\"") + "}}";
        };
        CompiledPolicy policy = compile(header() + "defaults:\n  scan: [CARD_NUMBER, IBAN, ES_DNI]\n"
                + (replaceKeys ? "  pii_keys: replace\n" : "")
                + "fields:\n  - { path: \"$.notes\", action: scan }\n  - { path: \"$.kept\", action: keep }\n");
        String out = ENGINE.write(ENGINE.apply(policy, null, ENGINE.parse(json.getBytes(UTF_8))).document());
        assertThat(out).as(json).doesNotContain(value);
        if (seed.numeric()) {
            assertThat(out.replaceAll("[^0-9]", "")).as(json).doesNotContain(value);
        }
    }

    @Provide
    Arbitrary<String> places() {
        return Arbitraries.of("key", "nested key", "number", "float", "kept object", "kept number");
    }

    @Provide
    Arbitrary<String> words() {
        return Combinators.combine(Arbitraries.of("card", "iban", "dni", "ref", "x"), Arbitraries.of("", ":", "#", "="))
                .as((w, sep) -> w + sep);
    }

    private static CompiledPolicy compile(String yaml) {
        return COMPILER.compile(COMPILER.loader().parse("p.yaml", yaml));
    }
}
