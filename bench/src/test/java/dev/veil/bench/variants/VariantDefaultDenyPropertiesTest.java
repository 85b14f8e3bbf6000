package dev.veil.bench.variants;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.bench.EngineRun;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.engine.EngineLimits;
import dev.veil.policy.engine.PolicyEngine;
import dev.veil.tokenizer.detect.NormalizedText;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;

/**
 * A value seeded in any variant family, in a scanned field of a default-deny policy, never reaches
 * the output: no run of its characters that holds a digit survives, in any script or width, and the
 * output holds no more digits than the sentence around the value.
 */
class VariantDefaultDenyPropertiesTest {

    private static final String POLICY = """
            policy: variants
            brand: acme
            version: 1
            defaults:
              unknown_fields: drop
              scan: [CARD_NUMBER, EMAIL, PHONE, IBAN, BANK_ACCOUNT, US_SSN, ES_DNI, ES_NIE, IP_ADDRESS, DATE_OF_BIRTH]
            fields:
              - { path: "$.id", action: keep }
              - { path: "$.body", action: scan }
            """;
    private static final PolicyEngine ENGINE = PolicyEngine.of(EngineLimits.defaults());
    private static final CompiledPolicy COMPILED = EngineRun.compile("variants.yaml", POLICY);

    /** Every family: the detectors catch every case of each (see docs/accuracy.md). */
    @Provide
    Arbitrary<String> families() {
        return Arbitraries.of(Variants.FAMILIES);
    }

    @Property(tries = 400)
    void noSeededDigitReachesTheOutput(@ForAll("families") String family, @ForAll long seed) {
        Variants.Case c = new Variants(seed).one(family);
        ObjectNode ticket = JsonNodeFactory.instance.objectNode();
        ticket.put("id", "t-1");
        ticket.put("body", c.text());
        JsonNode out = ENGINE.apply(COMPILED, null, ticket).document();
        String body = out.path("body").asText();
        int templateDigits = 0;
        for (int i = 0; i < c.text().length(); i++) {
            if (!c.secret()[i] && Character.isDigit(c.text().charAt(i))) {
                templateDigits++;
            }
        }
        String why = family + ": " + c.text() + " -> " + body;
        // no more digits than the sentence around the value had (a span may also take a few of those) ...
        assertThat(digits(body)).as(why).isLessThanOrEqualTo(templateDigits);
        // ... and no run of the value's characters that holds a digit, in any script or width
        String folded = NormalizedText.of(body).text();
        String template = template(c);
        for (String run : secretRuns(c)) {
            if (!template.contains(run)) { // a port "56921" after an IP may hold the value's "69"
                assertThat(folded).as(why).doesNotContain(run);
            }
        }
    }

    /** The runs of two or more consecutive secret characters holding a digit, folded as detection folds them. */
    private static java.util.List<String> secretRuns(Variants.Case c) {
        NormalizedText view = NormalizedText.of(c.text());
        String folded = view.text();
        java.util.List<String> runs = new java.util.ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i <= folded.length(); i++) {
            boolean secret = i < folded.length() && c.secret()[view.originalStart(i)]
                    && Character.isLetterOrDigit(folded.charAt(i));
            if (secret) {
                run.append(folded.charAt(i));
            } else {
                if (run.length() >= 2 && run.chars().anyMatch(Character::isDigit)) {
                    runs.add(run.toString());
                }
                run.setLength(0);
            }
        }
        return runs;
    }

    /** The sentence around the value, the value's characters blanked, folded as detection folds it. */
    private static String template(Variants.Case c) {
        StringBuilder template = new StringBuilder(c.text());
        for (int i = 0; i < template.length(); i++) {
            if (c.secret()[i]) {
                template.setCharAt(i, ' ');
            }
        }
        return NormalizedText.of(template.toString()).text();
    }

    private static int digits(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            count += Character.isDigit(text.charAt(i)) ? 1 : 0;
        }
        return count;
    }
}
